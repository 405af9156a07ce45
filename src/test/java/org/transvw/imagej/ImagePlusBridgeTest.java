package org.transvw.imagej;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import net.imglib2.RandomAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

public class ImagePlusBridgeTest {

	@Test
	public void hyperstackIsSharedBothWays() {
		// setup: 16-bit hyperstack 5 x 4, c = 2, z = 3, t = 2
		final ImagePlus imp = IJ.createHyperStack("h", 5, 4, 2, 3, 2, 16);
		// process
		final PlanarImg<? extends RealType<?>, ?> img = ImagePlusBridge.wrap(imp);
		// test: dims (x, y, c, z, t); ImgLib2 write seen in ImageJ and back
		assertArrayEquals(new long[] { 5, 4, 2, 3, 2 }, img.dimensionsAsLongArray());
		final RandomAccess<? extends RealType<?>> ra = img.randomAccess();
		ra.setPositionAndGet(3, 2, 1, 2, 1).setReal(1234);
		assertEquals(1234, imp.getStack().getProcessor(imp.getStackIndex(2, 3, 2)).get(3, 2));
		imp.getStack().getProcessor(imp.getStackIndex(1, 2, 1)).set(4, 0, 777);
		assertEquals(777, ra.setPositionAndGet(4, 0, 0, 1, 0).getRealDouble(), 0);
	}

	@Test
	public void volumeKeepsCalibrationAndSharesPixels() {
		for (final int bits : new int[] { 8, 16, 32 }) {
			// setup
			final ImagePlus imp = IJ.createImage("v", bits + "-bit black", 6, 5, 4);
			imp.getCalibration().setUnit("cm");
			imp.getCalibration().pixelWidth = 0.05;
			imp.getCalibration().pixelHeight = 0.06;
			imp.getCalibration().pixelDepth = 0.2;
			// process
			final Volume v = ImagePlusBridge.toVolume(imp);
			// test
			assertArrayEquals(new double[] { 0.5, 0.6, 2 }, v.spacing(), 1e-9);
			assertArrayEquals(new long[] { 6, 5, 4 }, v.dimensions());
			v.pixels().randomAccess().setPositionAndGet(5, 4, 3).setReal(99);
			assertEquals(99, imp.getStack().getProcessor(4).getf(5, 4), 0);
		}
	}

	@Test
	public void volumeToImagePlusIsZeroCopyForPlanarImgs() {
		// setup
		final PlanarImg<FloatType, ?> img = PlanarImgs.floats(4, 3, 2);
		final Volume v = new Volume(img, new double[] { 0.7, 0.8, 3 }, new double[] { 1.4, 2.4, -6 },
			Volume.identity(3), Modality.CT, org.transvw.data.IntensityMap.raw());
		// process
		final ImagePlus imp = ImagePlusBridge.toImagePlus(v, "ct");
		// test
		assertEquals(2, imp.getStackSize());
		imp.getStack().getProcessor(2).setf(3, 2, -850);
		assertEquals(-850, img.randomAccess().setPositionAndGet(3, 2, 1).get(), 0);
		assertEquals(0.7, imp.getCalibration().pixelWidth, 0);
		assertEquals(3, imp.getCalibration().pixelDepth, 0);
		assertEquals("mm", imp.getCalibration().getUnit());
		final Volume back = ImagePlusBridge.toVolume(imp);
		assertArrayEquals(v.spacing(), back.spacing(), 1e-12);
		assertArrayEquals(v.origin(), back.origin(), 1e-12);
		assertEquals(Modality.CT, back.modality());
		assertSame(((PlanarImg<?, ?>) img).getPlane(1).getCurrentStorageArray(), imp.getStack()
			.getPixels(2));
	}

	@Test
	public void calibrationFunctionGivesRealValues() {
		// setup: signed 16-bit as ImageJ stores it (raw + 32768 with a straight-line function)
		final ImagePlus imp = IJ.createImage("s", "16-bit black", 2, 1, 2);
		imp.getStack().getProcessor(1).set(0, 0, 32768 - 1000);
		imp.getCalibration().setFunction(ij.measure.Calibration.STRAIGHT_LINE, new double[] {
			-32768, 1 }, "HU");
		// process
		final Volume v = ImagePlusBridge.toVolume(imp);
		// test
		assertEquals(-1000, v.floats().randomAccess().setPositionAndGet(0, 0, 0).get(), 0);
	}

	@Test
	public void virtualStacksAndRgbAreRefused() {
		final VirtualStack vs = new VirtualStack(8, 8, 3);
		final ImagePlus virtual = new ImagePlus("lazy", vs);
		try {
			ImagePlusBridge.wrap(virtual);
			fail("virtual stacks must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("image 'lazy'") && e.getMessage()
				.contains("virtual stack"));
		}
		assertArrayEquals(new long[] { 8, 8, 1, 3, 1 }, ImagePlusBridge.wrap(virtual,
			ImagePlusBridge.Virtual.COPY).dimensionsAsLongArray());
		try {
			ImagePlusBridge.wrap(new ImagePlus("rgb", new ImageStack(2, 2, 1) {
				{
					setPixels(new int[4], 1);
				}
			}));
			fail("RGB must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("got 24-bit (RGB)"));
		}
	}
}
