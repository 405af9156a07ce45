package org.transvw.cli;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
import org.transvw.data.io.VolumeIO;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

/** The InVesalius project conversion of bin/fetch-sample-data, on a hand-made tiny project. */
public class SampleDataTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void inv3ProjectBecomesNiftiWithCroppedMask() throws IOException {
		// setup: matrix shape (z, y, x) = (2, 3, 4), x fastest; mask one larger per axis
		final Path dir = tmp.newFolder("project").toPath();
		Files.writeString(dir.resolve("main.plist"), "<plist><dict><key>matrix</key><dict>" +
			"<key>dtype</key>\n<string>int16</string><key>filename</key><string>matrix.dat</string>" +
			"<key>shape</key><array><integer>2</integer><integer>3</integer><integer>4</integer>" +
			"</array></dict><key>modality</key><string>CT</string><key>spacing</key><array>" +
			"<real>0.5</real><real>0.75</real><real>2.0</real></array></dict></plist>");
		Files.writeString(dir.resolve("mask_0.plist"), "<plist><dict><key>mask_file</key>" +
			"<string>mask_0.dat</string><key>mask_shape</key><array><integer>3</integer>" +
			"<integer>4</integer><integer>5</integer></array></dict></plist>");
		final ByteBuffer raw = ByteBuffer.allocate(2 * 24).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < 24; i++)
			raw.putShort((short) (-1024 + 10 * i));
		Files.write(dir.resolve("matrix.dat"), raw.array());
		final byte[] mask = new byte[3 * 4 * 5];
		mask[(3 + 1) + 5 * ((2 + 1) + 4 * (1 + 1))] = (byte) 255; // voxel (3, 2, 1)
		mask[0] = (byte) 255; // the border flag row, dropped
		Files.write(dir.resolve("mask_0.dat"), mask);
		final Path image = tmp.getRoot().toPath().resolve("ct.nii.gz");
		final Path label = tmp.getRoot().toPath().resolve("mask.nii.gz");
		// process
		SampleData.inv3(dir, image, label);
		// test
		final Volume ct = VolumeIO.read(image);
		assertArrayEquals(new long[] { 4, 3, 2 }, ct.dimensions());
		assertArrayEquals(new double[] { 0.5, 0.75, 2 }, ct.spacing(), 1e-7);
		assertEquals(Modality.CT, ct.modality());
		final RandomAccess<? extends RealType<?>> ra = ct.pixels().randomAccess();
		assertEquals(-1024 + 10 * (1 + 4 * (2 + 3 * 1)), ra.setPositionAndGet(1, 2, 1)
			.getRealDouble(), 0);
		final Volume m = VolumeIO.read(label);
		double sum = 0;
		for (final RealType<?> t : net.imglib2.view.Views.iterable(m.pixels()))
			sum += t.getRealDouble();
		assertEquals(1, sum, 0);
		assertEquals(1, m.pixels().randomAccess().setPositionAndGet(3, 2, 1).getRealDouble(), 0);
	}

	@Test
	public void infoReportsGeometryAndRangeAndGridCheckNamesBothGrids() throws IOException {
		// setup: an LPS image and a mask on its grid, and one on a coarser grid
		final double[] lps = { -1, 0, 0, 0, -1, 0, 0, 0, 1 };
		final Path image = tmp.getRoot().toPath().resolve("img.nii.gz");
		final Path mask = tmp.getRoot().toPath().resolve("mask.nii.gz");
		final Path other = tmp.getRoot().toPath().resolve("other.nii.gz");
		final short[] v = new short[4 * 3 * 2];
		for (int i = 0; i < v.length; i++)
			v[i] = (short) (-1000 + 100 * i);
		VolumeIO.write(new Volume(ArrayImgs.shorts(v, 4, 3, 2), new double[] { 0.5, 0.5, 2 },
			new double[] { 10, 20, -5 }, lps, Modality.CT, IntensityMap.raw()), image);
		VolumeIO.write(new Volume(ArrayImgs.unsignedBytes(4, 3, 2), new double[] { 0.5, 0.5, 2 },
			new double[] { 10, 20, -5 }, lps, Modality.OTHER, IntensityMap.raw()), mask);
		VolumeIO.write(new Volume(ArrayImgs.unsignedBytes(2, 3, 2), new double[] { 1, 0.5, 2 },
			new double[] { 10, 20, -5 }, lps, Modality.OTHER, IntensityMap.raw()), other);
		// process
		final String[] info = SampleData.info(image).split("\t");
		// test
		assertEquals("img.nii.gz", info[0]);
		assertEquals("[4, 3, 2]", info[1]);
		assertEquals("ShortType", info[3]);
		assertEquals("LPS", info[4]);
		assertEquals("[-1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 1.0]", info[5]);
		assertEquals("[10.0, 20.0, -5.0]", info[6]);
		assertEquals("-1000..1300", info[7]);
		assertEquals("yes", SampleData.sameGrid(image, mask));
		final String no = SampleData.sameGrid(image, other);
		assertTrue(no, no.startsWith("no: labels: expected the grid of their image img.nii.gz ([4, 3, " +
			"2] voxels of [0.5, 0.5, 2] mm"));
		assertTrue(no, no.contains("got other.nii.gz on [2, 3, 2] voxels of [1, 0.5, 2] mm"));
	}
}
