package org.transvw.imagej;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

public class TiffFormatTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void roundTripThroughVolumeIO() throws IOException {
		// setup: float HU values, signed ints copied to float, 2D uint8
		final ArrayImg<FloatType, ?> img = ArrayImgs.floats(6, 5, 4);
		int i = 0;
		for (final FloatType t : img)
			t.set(-1000.5f + 13 * i++);
		final Volume v = Volume.of(img, new double[] { 0.75, 0.8, 2.5 }, Modality.CT);
		final Path p = tmp.getRoot().toPath().resolve("stack.tif");
		// process
		VolumeIO.write(v, p);
		final Volume r = VolumeIO.read(p);
		// test
		assertArrayEquals(v.dimensions(), r.dimensions());
		assertArrayEquals(v.spacing(), r.spacing(), 1e-6); // TIFF stores 1/spacing as a rational
		assertEquals(Modality.CT, r.modality());
		assertArrayEquals(values(v), values(r), 0);
		final Volume shorts = Volume.of(ArrayImgs.shorts(new short[] { -1024, 0, 3000, 5 }, 2, 2),
			new double[] { 1, 1 }, Modality.OTHER);
		final Path q = tmp.getRoot().toPath().resolve("signed.tiff");
		VolumeIO.write(shorts, q);
		assertArrayEquals(values(shorts), values(VolumeIO.read(q)), 0);
	}

	@Test
	public void truncatedAndBogusFilesAreNamed() throws IOException {
		final Path p = tmp.getRoot().toPath().resolve("cut.tif");
		VolumeIO.write(Volume.of(ArrayImgs.floats(16, 16, 4), new double[] { 1, 1, 1 },
			Modality.CT), p);
		final byte[] b = Files.readAllBytes(p);
		Files.write(p, Arrays.copyOf(b, b.length / 2));
		expectFailure(p, "cut.tif: truncated file: expected at least");
		final Path bogus = tmp.getRoot().toPath().resolve("bogus.tif");
		Files.writeString(bogus, "this is not an image");
		expectFailure(bogus, "bogus.tif: not a readable TIFF file");
		final Path flat = tmp.getRoot().toPath().resolve("flat.tif");
		VolumeIO.write(Volume.of(ArrayImgs.floats(8, 8), new double[] { 1, 1 }, Modality.CT), flat);
		try {
			VolumeIO.read(flat, 3);
			fail();
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("flat.tif: expected a 3D volume"));
		}
	}

	@Test
	public void uncalibratedStackAsksForTheVoxelSize() throws IOException {
		// setup: an ImageJ stack saved without calibration (unit "pixel")
		final ij.ImagePlus imp = ij.IJ.createImage("plain", "16-bit ramp", 8, 6, 5);
		final Path p = tmp.getRoot().toPath().resolve("plain.tif");
		new ij.io.FileSaver(imp).saveAsTiffStack(p.toString());
		// process + test: refused, never taken as 1 mm; voxel= fills the gap
		expectFailure(p, "plain.tif: voxel: expected a voxel size for 'plain.tif', which has none");
		expectFailure(p, "give it as voxel=0.8,0.8,2.5 (mm, x,y,z) or calibrate the image");
		final double[] voxel = { 0.7, 0.6, 3 };
		assertArrayEquals(voxel, VolumeIO.read(p, voxel).spacing(), 0);
		assertArrayEquals(voxel, org.transvw.data.io.GridHeaders.read(p, voxel).spacing(), 0);
		// a calibrated stack keeps its own spacing even when voxel= is given
		imp.getCalibration().setUnit("mm");
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelHeight = 0.5;
		imp.getCalibration().pixelDepth = 2;
		final Path q = tmp.getRoot().toPath().resolve("calibrated.tif");
		new ij.io.FileSaver(imp).saveAsTiffStack(q.toString());
		assertArrayEquals(new double[] { 0.5, 0.5, 2 }, VolumeIO.read(q, voxel).spacing(), 1e-6);
		// the open-image path: strict for stages, lenient only for previews
		final ij.ImagePlus open = ij.IJ.createImage("open", "8-bit black", 4, 4, 3);
		try {
			ImagePlusBridge.toVolume(open, null);
			fail("an uncalibrated open stack must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith(
				"voxel: expected a voxel size for 'open'"));
		}
		assertArrayEquals(new double[] { 1, 1, 1 }, ImagePlusBridge.toVolume(open).spacing(), 0);
	}

	private static void expectFailure(final Path p, final String message) {
		try {
			VolumeIO.read(p);
			fail("expected a failure for " + p);
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().contains(message));
		}
	}

	static double[] values(final Volume v) {
		return Views.flatIterable(v.pixels()).stream().mapToDouble(RealType::getRealDouble)
			.toArray();
	}
}
