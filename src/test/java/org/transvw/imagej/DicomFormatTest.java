package org.transvw.imagej;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

public class DicomFormatTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void seriesFolderGivesHuSpacingAndRasGeometry() throws IOException {
		// setup: 3 axial slices 4 x 3, written in reverse order, 2.5 mm apart, intercept -1024
		final Path dir = tmp.newFolder("series").toPath();
		final int rows = 3, cols = 4;
		for (int z = 0; z < 3; z++) {
			final short[] raw = new short[rows * cols];
			for (int i = 0; i < raw.length; i++)
				raw[i] = (short) (100 * z + i);
			DicomTestWriter.slice(dir.resolve("IM" + (2 - z)), rows, cols, raw, new double[] { -50,
				-60, 10 + 2.5 * z }, new double[] { 1, 0, 0, 0, 1, 0 }, new double[] { 0.7, 0.6 }, z +
					1, 1, -1024);
		}
		// process
		final Volume v = VolumeIO.read(dir);
		// test
		assertArrayEquals(new long[] { 4, 3, 3 }, v.dimensions());
		assertEquals(Modality.CT, v.modality());
		assertArrayEquals(new double[] { 0.6, 0.7, 2.5 }, v.spacing(), 1e-6);
		assertArrayEquals(new double[] { 50, 60, 10 }, v.origin(), 1e-6);
		assertArrayEquals(new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }, v.direction(), 1e-9);
		final RandomAccess<FloatType> ra = v.floats().randomAccess();
		for (int z = 0; z < 3; z++)
			assertEquals(100 * z + 5 - 1024, ra.setPositionAndGet(1, 1, z).get(), 0);
	}

	@Test
	public void badDicomInputIsNamed() throws IOException {
		final Path empty = tmp.newFolder("nothing").toPath();
		Files.writeString(empty.resolve("readme.txt"), "no images");
		try {
			VolumeIO.read(empty);
			fail("a folder without DICOM must be refused");
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("nothing: folder holds no readable"));
		}
		final Path broken = tmp.getRoot().toPath().resolve("broken.dcm");
		Files.write(broken, new byte[] { 1, 2, 3 });
		try {
			VolumeIO.read(broken);
			fail("a broken DICOM file must be refused");
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().contains(
				"broken.dcm: ImageJ could not read it as a DICOM file"));
		}
	}
}
