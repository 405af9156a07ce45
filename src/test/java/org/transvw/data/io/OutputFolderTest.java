package org.transvw.data.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The output-folder guard: what TransVW did not write is never replaced or deleted. */
public class OutputFolderTest {

	private static final List<String> BUNDLE = List.of("model.json", "weights.params");

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static void write(final OutputFolder out, final String name, final String text)
		throws IOException
	{
		out.writeLines(name, List.of(text));
	}

	@Test
	public void aNewFolderIsCreatedWithTheFirstFileOnly() throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("a/b");
		final OutputFolder out = OutputFolder.prepare(dir, "output", false, BUNDLE);
		assertFalse("prepare writes nothing", Files.exists(dir));
		write(out, "model.json", "{}");
		assertTrue(Files.isRegularFile(dir.resolve(OutputFolder.MARKER)));
		final List<String> marker = Files.readAllLines(dir.resolve(OutputFolder.MARKER));
		assertTrue(marker.toString(), marker.containsAll(BUNDLE));
		assertTrue(OutputFolder.at(dir).owns("weights.params"));
	}

	@Test
	public void foreignContentIsRefusedUnlessOverwriteAndThenKept() throws IOException {
		final Path dir = tmp.newFolder("data").toPath();
		Files.writeString(dir.resolve("case_000.nii.gz"), "user data");
		Files.createDirectories(dir.resolve("labels"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OutputFolder.prepare(dir, "output", false, BUNDLE));
		assertEquals("output: " + dir + " already holds files TransVW did not write " +
			"(case_000.nii.gz, labels); choose an empty or new folder, or add 'overwrite' to write " +
			"beside them (files TransVW did not write are never replaced)", e.getMessage());
		final OutputFolder out = OutputFolder.prepare(dir, "output", true, BUNDLE);
		write(out, "model.json", "{}");
		assertEquals("user data", Files.readString(dir.resolve("case_000.nii.gz")));
		assertTrue(Files.isDirectory(dir.resolve("labels")));
	}

	@Test
	public void aForeignFileOfTheSameNameIsNeverReplaced() throws IOException {
		final Path dir = tmp.newFolder("bundle").toPath();
		Files.writeString(dir.resolve("model.json"), "not ours");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OutputFolder.prepare(dir, "output", true, BUNDLE));
		assertEquals("output: " + dir.resolve("model.json") + " exists and was not written by " +
			"TransVW; it is never replaced: move it away or choose another name", e.getMessage());
		final IOException w = assertThrows(IOException.class, () -> write(OutputFolder.at(dir),
			"model.json", "{}"));
		assertTrue(w.getMessage(), w.getMessage().contains("was not written by TransVW"));
		assertEquals("not ours", Files.readString(dir.resolve("model.json")));
	}

	@Test
	public void earlierResultsNeedOverwriteOrResume() throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("out");
		write(OutputFolder.prepare(dir, "output", false, BUNDLE), "model.json", "v1");
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OutputFolder.prepare(dir, "output", false, BUNDLE));
		assertEquals("output: " + dir + " already holds results of an earlier run (model.json); " +
			"add 'overwrite' to replace them, or choose another folder", e.getMessage());
		OutputFolder.resume(dir, "output", false, BUNDLE);
		write(OutputFolder.prepare(dir, "output", true, BUNDLE), "model.json", "v2");
		assertEquals("v2", Files.readString(dir.resolve("model.json")).trim());
	}

	@Test
	public void patternsAndSubFoldersAreOwnedAsDeclared() throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("words");
		final OutputFolder out = OutputFolder.resume(dir, "output", false, List.of("manifest.json",
			"shard-*", "features/"));
		write(out, "manifest.json", "{}");
		Files.createDirectories(dir.resolve("features/autoencoder"));
		Files.writeString(dir.resolve("shard-00000.train.f32"), "x");
		Files.writeString(dir.resolve("features/autoencoder/model.json"), "x");
		final OutputFolder again = OutputFolder.resume(dir, "output", false, List.of("manifest.json",
			"shard-*", "features/"));
		assertTrue(again.owns("shard-00000.train.f32"));
		assertTrue(again.owns("features/autoencoder/model.json"));
		assertFalse(again.owns("sub/shard-1"));
		Files.writeString(dir.resolve("notes.txt"), "mine");
		assertThrows(IllegalArgumentException.class, () -> OutputFolder.resume(dir, "output", false,
			List.of("manifest.json")));
	}

	@Test
	public void staleOwnFilesAreRemovedForeignOnesStay() throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("phantom");
		final OutputFolder out = OutputFolder.prepare(dir, "output", false, List.of());
		write(out, "images/case_000.nii.gz", "0");
		write(out, "images/case_001.nii.gz", "1");
		Files.writeString(dir.resolve("images/mine.nii.gz"), "user");
		out.removeStale("images", Set.of("images/case_000.nii.gz"));
		assertTrue(Files.exists(dir.resolve("images/case_000.nii.gz")));
		assertFalse(Files.exists(dir.resolve("images/case_001.nii.gz")));
		assertTrue(Files.exists(dir.resolve("images/mine.nii.gz")));
		assertThrows(IOException.class, () -> out.delete("images/mine.nii.gz"));
	}

	@Test
	public void anUnwritablePathIsRefusedBeforeAnyWork() throws IOException {
		final Path file = tmp.newFile("occupied").toPath();
		final IOException e = assertThrows(IOException.class, () -> OutputFolder.prepare(file
			.resolve("sub"), "output", false, BUNDLE));
		assertEquals("output: cannot create the folder " + file.resolve("sub") + " (" + file +
			" is a file, not a folder)", e.getMessage());
		final IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
			() -> OutputFolder.prepare(file, "output", false, BUNDLE));
		assertEquals("output: expected a folder, got the file " + file, f.getMessage());
	}

	@Test
	public void aSingleFileIsReplacedOnlyIfOursAndAsked() throws IOException {
		final Path csv = tmp.getRoot().toPath().resolve("scores.csv");
		OutputFolder.writeFile(OutputFolder.prepareFile(csv, "csv", false), List.of("a"));
		assertThrows(IllegalArgumentException.class, () -> OutputFolder.prepareFile(csv, "csv",
			false));
		OutputFolder.writeFile(OutputFolder.prepareFile(csv, "csv", true), List.of("b"));
		assertEquals("b", Files.readString(csv).trim());
		final Path theirs = tmp.newFile("theirs.csv").toPath();
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> OutputFolder.prepareFile(theirs, "csv", true));
		assertTrue(e.getMessage(), e.getMessage().startsWith("csv: " + theirs +
			" exists and was not written by TransVW"));
	}
}
