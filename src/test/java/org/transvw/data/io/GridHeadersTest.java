package org.transvw.data.io;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;

import net.imglib2.img.array.ArrayImgs;

/** Grids from NIfTI headers alone, equal to the reader's; zero spacing refused by field. */
public class GridHeadersTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private Path write(final String name) throws IOException {
		final Volume v = new Volume(ArrayImgs.shorts(7, 5, 3), new double[] { 0.75, 1.25, 3 },
			new double[] { 12.5, -40, 3 }, new double[] { 0, -1, 0, 0, 0, 1, -1, 0, 0 }, Modality.CT,
			IntensityMap.raw());
		final Path p = tmp.getRoot().toPath().resolve(name);
		VolumeIO.write(v, p);
		return p;
	}

	@Test
	public void headerGridEqualsTheReadersGrid() throws IOException {
		for (final String name : new String[] { "a.nii", "b.nii.gz" }) {
			final Path p = write(name);
			final Grid g = GridHeaders.read(p);
			assertEquals(Grid.of(VolumeIO.read(p)), g);
			assertEquals("ILA", g.orientationCode());
		}
	}

	@Test
	public void zeroPixdimIsRefusedNamingTheField() throws IOException {
		// setup: drop the sform (code 0) and the qform (code 0), set pixdim[2] = 0
		final Path p = write("zero.nii");
		final byte[] b = Files.readAllBytes(p);
		final ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		h.putShort(252, (short) 0);
		h.putShort(254, (short) 0);
		h.putFloat(76 + 4 * 2, 0f);
		Files.write(p, b);
		// process + test
		try {
			GridHeaders.read(p);
			fail("a zero pixdim must be refused");
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("zero.nii: pixdim[2] = 0.0: expected a " +
				"positive voxel size (mm)"));
			assertTrue(e.getMessage(), e.getMessage().contains("give the voxel size as voxel="));
		}
		// voxel= fills in the missing voxel size; the reader agrees with the header reader
		final double[] voxel = { 0.9, 0.8, 2.5 };
		assertArrayEquals(voxel, GridHeaders.read(p, voxel).spacing(), 0);
		assertArrayEquals(voxel, new NiftiFormat().read(p, voxel).spacing(), 0);
		try {
			new NiftiFormat().read(p);
			fail("the reader must refuse a zero pixdim too, never take 1 mm");
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("zero.nii: pixdim[2] = 0.0"));
		}
	}

	@Test
	public void zeroSformColumnIsRefused() throws IOException {
		final Path p = write("flat.nii");
		final byte[] b = Files.readAllBytes(p);
		final ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		for (int r = 0; r < 3; r++)
			h.putFloat(280 + 16 * r + 4 * 1, 0f);
		Files.write(p, b);
		try {
			GridHeaders.read(p);
			fail("a zero sform column must be refused");
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("flat.nii: the sform affine's column 1 " +
				"has length 0.0"));
		}
	}
}
