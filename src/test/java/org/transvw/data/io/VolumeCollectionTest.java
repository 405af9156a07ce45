package org.transvw.data.io;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.img.array.ArrayImgs;

public class VolumeCollectionTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private Path write(final Path dir, final String name, final long... dims) throws IOException {
		final Path p = dir.resolve(name);
		VolumeIO.write(Volume.of(ArrayImgs.shorts(dims), new double[] { 1, 1, 2 }, Modality.CT), p);
		return p;
	}

	@Test
	public void opensSortedVolumesAndFingerprintsThem() throws IOException {
		// setup
		final Path dir = tmp.newFolder("patients").toPath();
		write(dir, "b.nii.gz", 4, 5, 6);
		write(dir, "a.nii", 4, 5, 6);
		Files.writeString(dir.resolve("notes.txt"), "ignored");
		// process
		final VolumeCollection c = VolumeCollection.open(dir);
		final String before = c.fingerprint();
		// test
		assertEquals(2, c.size());
		assertEquals("a", c.name(0));
		assertEquals("b", c.name(1));
		assertEquals(dir.resolve("b.nii.gz"), c.path(1));
		assertArrayEquals(new long[] { 4, 5, 6 }, c.grid(1).dims());
		assertArrayEquals(new double[] { 1, 1, 2 }, c.load(1).spacing(), 0);
		assertEquals(before, VolumeCollection.open(dir).fingerprint());
		final Path b = write(dir, "b.nii.gz", 4, 5, 7);
		Files.setLastModifiedTime(b, FileTime.fromMillis(12345));
		assertNotEquals(before, VolumeCollection.open(dir).fingerprint());
	}

	@Test
	public void mixedSizesOpenWithTheirOwnGrids() throws IOException {
		// setup
		final Path dir = tmp.newFolder("mixed").toPath();
		write(dir, "case_000.nii.gz", 8, 8, 4);
		write(dir, "case_001.nii.gz", 8, 8, 5);
		// process
		final VolumeCollection c = VolumeCollection.open(dir);
		// test: each volume keeps its size; the geometry step brings them to one grid
		assertArrayEquals(new long[] { 8, 8, 4 }, c.grid(0).dims());
		assertArrayEquals(new long[] { 8, 8, 5 }, c.load(1).dimensions());
	}

	@Test
	public void phantomLayoutOpensImagesAndEmptyFolderFails() throws IOException {
		final Path root = tmp.newFolder("phantom").toPath();
		Files.createDirectories(root.resolve("images"));
		Files.createDirectories(root.resolve("labels"));
		write(root.resolve("images"), "case_000.nii.gz", 4, 4, 4);
		write(root.resolve("labels"), "case_000.nii.gz", 4, 4, 4);
		assertEquals(1, VolumeCollection.open(root).size());
		assertEquals(root.resolve("images"), VolumeCollection.open(root).folder());
		try {
			VolumeCollection.open(tmp.newFolder("empty").toPath());
			fail("an empty folder must be refused");
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("no readable volumes"));
		}
	}
}
