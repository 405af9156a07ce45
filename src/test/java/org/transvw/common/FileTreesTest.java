package org.transvw.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FileTreesTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void deletesTheWholeTreeAndNothingBeside() throws IOException {
		final Path root = tmp.getRoot().toPath();
		final Path tree = root.resolve("scratch");
		Files.createDirectories(tree.resolve("a/b"));
		Files.writeString(tree.resolve("a/b/c.bin"), "c");
		Files.writeString(tree.resolve("top.txt"), "t");
		Files.writeString(root.resolve("scratch-sibling.txt"), "keep");
		FileTrees.deleteTree(tree);
		assertFalse(Files.exists(tree));
		assertEquals("keep", Files.readString(root.resolve("scratch-sibling.txt")));
	}

	@Test
	public void aMissingTreeIsFine() throws IOException {
		FileTrees.deleteTree(tmp.getRoot().toPath().resolve("never-made"));
	}

	@Test
	public void linksAreRemovedNotFollowed() throws IOException {
		final Path root = tmp.getRoot().toPath();
		final Path outside = Files.createDirectories(root.resolve("users-data"));
		Files.writeString(outside.resolve("scan.nii"), "precious");
		final Path tree = Files.createDirectories(root.resolve("scratch"));
		try {
			Files.createSymbolicLink(tree.resolve("link"), outside);
		}
		catch (final UnsupportedOperationException | IOException e) {
			Assume.assumeNoException("no symbolic links here", e);
		}
		FileTrees.deleteTree(tree);
		assertFalse(Files.exists(tree));
		assertTrue(Files.exists(outside.resolve("scan.nii")));
	}
}
