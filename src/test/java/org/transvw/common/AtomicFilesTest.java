package org.transvw.common;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Atomic writes: content, the user's umask, nothing else touched, failures leave no trace. */
public class AtomicFilesTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void writesAndReplacesTheTarget() throws IOException {
		final Path f = tmp.getRoot().toPath().resolve("sub/report.csv");
		AtomicFiles.writeString(f, "a,b\n");
		assertEquals("a,b\n", Files.readString(f));
		AtomicFiles.writeLines(f, List.of("x", "y"));
		assertEquals("x\ny\n", Files.readString(f));
		AtomicFiles.write(f, out -> out.write(new byte[] { 1, 2, 3 }));
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(f));
		assertEquals(List.of("report.csv"), names(f.getParent()));
	}

	@Test
	public void resultsGetTheUmaskOfAPlainFile() throws IOException {
		final Path dir = tmp.getRoot().toPath();
		Assume.assumeTrue("POSIX permissions", dir.getFileSystem().supportedFileAttributeViews()
			.contains("posix"));
		// setup: the permission bits a plainly created file gets here (0666 & ~umask)
		final Path plain = dir.resolve("plain.txt");
		Files.newOutputStream(plain, StandardOpenOption.CREATE_NEW).close();
		final Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
		// process: both ways of writing, first over nothing, then over an existing file
		final Path a = dir.resolve("a.json"), b = dir.resolve("b.tif");
		AtomicFiles.writeString(a, "{}");
		AtomicFiles.writeString(a, "{\"again\": 1}");
		try (AtomicFiles.Pending p = AtomicFiles.create(b)) {
			Files.write(p.temporary(), new byte[] { 7 });
			p.commit();
		}
		// test: neither is the owner-only 0600 of Files.createTempFile (unless the umask says so)
		assertEquals(expected, Files.getPosixFilePermissions(a));
		assertEquals(expected, Files.getPosixFilePermissions(b));
	}

	@Test
	public void neverTouchesAFileWithTheTemporarysName() throws IOException {
		// setup: someone's file sits exactly where the first temporary name would go
		final Path dir = tmp.getRoot().toPath();
		final Path theirs = dir.resolve(".out.txt." + ProcessHandle.current().pid() + "-0.tmp");
		Files.writeString(theirs, "theirs");
		// process
		AtomicFiles.writeString(dir.resolve("out.txt"), "ours");
		// test: their file is intact, ours written, no temporary left
		assertEquals("theirs", Files.readString(theirs));
		assertEquals("ours", Files.readString(dir.resolve("out.txt")));
		assertEquals(List.of(theirs.getFileName().toString(), "out.txt"), names(dir));
	}

	@Test
	public void aFailingWriteLeavesTheTargetAndNoTemporary() throws IOException {
		final Path dir = tmp.getRoot().toPath();
		final Path f = dir.resolve("model.json");
		AtomicFiles.writeString(f, "old");
		try {
			AtomicFiles.write(f, out -> {
				out.write("half".getBytes(StandardCharsets.UTF_8));
				throw new IOException("disk full");
			});
			fail("the failure was swallowed");
		}
		catch (final IOException e) {
			assertEquals("disk full", e.getMessage());
		}
		assertEquals("old", Files.readString(f));
		assertEquals(List.of("model.json"), names(dir));
	}

	@Test
	public void aPendingWriteWithoutCommitIsRemoved() throws IOException {
		final Path dir = tmp.getRoot().toPath();
		final Path target = dir.resolve("shard-000-train.f32");
		Path temporary;
		try (AtomicFiles.Pending p = AtomicFiles.create(target)) {
			temporary = p.temporary();
			try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ch.write(java.nio.ByteBuffer.wrap(new byte[] { 1, 2 }));
			}
			assertTrue(Files.exists(temporary));
			assertTrue(temporary.getFileName().toString().startsWith("."));
		}
		assertFalse(Files.exists(temporary));
		assertFalse(Files.exists(target));
	}

	@Test
	public void aFolderIsNotOverwrittenByAFile() throws IOException {
		final Path dir = tmp.newFolder("bundle").toPath();
		Files.writeString(dir.resolve("keep.txt"), "x");
		try {
			AtomicFiles.writeString(dir, "text");
			fail("a folder was accepted as the target of a file");
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().endsWith("is a folder, expected a file"));
		}
		assertEquals("x", Files.readString(dir.resolve("keep.txt")));
	}

	@Test
	public void replaceFolderSwapsAnEarlierResult() throws IOException {
		final Path parent = tmp.getRoot().toPath();
		final Path b = parent.resolve("bundle");
		AtomicFiles.replaceFolder(b, d -> {
			Files.writeString(d.resolve("model.json"), "1");
			Files.writeString(d.resolve("weights.params"), "w1");
		});
		AtomicFiles.replaceFolder(b, d -> {
			Files.writeString(d.resolve("model.json"), "2");
			Files.writeString(d.resolve("weights.params"), "w2");
			Files.writeString(d.resolve("head.params"), "h2");
		});
		assertEquals("2", Files.readString(b.resolve("model.json")));
		assertEquals(List.of("head.params", "model.json", "weights.params"), names(b));
		assertEquals(List.of("bundle"), names(parent));
	}

	@Test
	public void replaceFolderKeepsFilesItDoesNotWrite() throws IOException {
		// setup: an earlier bundle, with a plot of the same run and the user's notes beside it
		final Path parent = tmp.getRoot().toPath();
		final Path b = tmp.newFolder("mine").toPath();
		Files.writeString(b.resolve("model.json"), "old");
		Files.writeString(b.resolve("notes.txt"), "my notes");
		Files.createDirectories(b.resolve("extra/deeper"));
		Files.writeString(b.resolve("extra/deeper/keep.csv"), "k");
		Files.writeString(b.resolve("extra/replaced.txt"), "old");
		// process
		AtomicFiles.replaceFolder(b, d -> {
			Files.writeString(d.resolve("model.json"), "new");
			Files.createDirectories(d.resolve("extra"));
			Files.writeString(d.resolve("extra/replaced.txt"), "new");
		});
		// test: what it wrote is new, everything else is still there, no temporary left
		assertEquals("new", Files.readString(b.resolve("model.json")));
		assertEquals("new", Files.readString(b.resolve("extra/replaced.txt")));
		assertEquals("my notes", Files.readString(b.resolve("notes.txt")));
		assertEquals("k", Files.readString(b.resolve("extra/deeper/keep.csv")));
		assertEquals(List.of("mine"), names(parent));
	}

	@Test
	public void replaceFolderCleansUpWhenTheBodyFails() throws IOException {
		final Path parent = tmp.getRoot().toPath();
		try {
			AtomicFiles.replaceFolder(parent.resolve("out"), d -> {
				Files.writeString(d.resolve("a"), "a");
				throw new IOException("no space");
			});
			fail();
		}
		catch (final IOException e) {
			assertEquals("no space", e.getMessage());
		}
		assertEquals(List.of(), names(parent));
	}

	@Test
	public void replacedFoldersGetTheUmaskToo() throws IOException {
		final Path parent = tmp.getRoot().toPath();
		Assume.assumeTrue("POSIX permissions", parent.getFileSystem().supportedFileAttributeViews()
			.contains("posix"));
		final Path plain = Files.createDirectory(parent.resolve("plain"));
		final Path b = parent.resolve("bundle");
		AtomicFiles.replaceFolder(b, d -> Files.writeString(d.resolve("model.json"), "{}"));
		assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(b));
	}

	private static List<String> names(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}
}
