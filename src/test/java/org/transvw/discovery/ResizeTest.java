package org.transvw.discovery;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.transvw.common.RandomStreams;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

public class ResizeTest {

	/** Float arithmetic of a few multiply-adds per voxel. */
	private static final double EPS = 1e-5;

	private static Img<FloatType> rampX(final long... dims) {
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(c.getIntPosition(0));
		}
		return img;
	}

	@Test
	public void sigmasFollowSkimage() {
		assertArrayEquals(new double[] { 0.5, 0, 0 }, Resize.antiAliasingSigmas(new long[] { 128,
			64, 32 }, new int[] { 64, 64, 32 }), 1e-12);
		assertArrayEquals(new double[] { 0, 0, 0 }, Resize.antiAliasingSigmas(new long[] { 50, 50,
			32 }, new int[] { 64, 64, 32 }), 1e-12);
		// mixed: an upsampled axis gets max(0, negative) = 0 while another shrinks
		assertArrayEquals(new double[] { (79 / 64.0 - 1) / 2, 0, 0 }, Resize.antiAliasingSigmas(
			new long[] { 79, 50, 32 }, new int[] { 64, 64, 32 }), 1e-12);
	}

	@Test
	public void sameSizeIsTheIdentity() {
		final Img<FloatType> in = rampX(5, 4, 3);
		final Img<FloatType> out = Resize.resize(in, 5, 4, 3);
		final Cursor<FloatType> a = in.cursor(), b = out.cursor();
		while (a.hasNext())
			assertEquals(a.next().get(), b.next().get(), 0);
	}

	@Test
	public void upsamplingUsesHalfPixelCentresAndMirrorBoundary() {
		// setup: x ramp 0..3 (4 samples) to 8 samples: o samples c = (o + 0.5) / 2 - 0.5
		final Img<FloatType> out = Resize.resize(rampX(4, 2, 2), 8, 2, 2);
		final RandomAccess<FloatType> ra = out.randomAccess();
		for (int o = 0; o < 8; o++) {
			final double c = (o + 0.5) / 2 - 0.5;
			// mirror: a ramp reflected at 0 (without repeating the edge) is |c|, at 3 it is 6 - c
			final double expected = c < 0 ? -c : c > 3 ? 6 - c : c;
			assertEquals("o = " + o, expected, ra.setPositionAndGet(o, 1, 1).get(), EPS);
		}
	}

	@Test
	public void shrinkingKeepsConstantsAndInteriorRamps() {
		// setup: a symmetric normalised kernel maps a ramp to itself away from the borders
		final Img<FloatType> out = Resize.resize(rampX(64, 4, 4), 32, 4, 4);
		final RandomAccess<FloatType> ra = out.randomAccess();
		// sigma 0.5, radius 2: interior from o = 2 on; c = 2 o + 0.5
		for (int o = 2; o < 30; o++)
			assertEquals(2 * o + 0.5, ra.setPositionAndGet(o, 0, 3).get(), 1e-4);
		final Img<FloatType> flat = ArrayImgs.floats(30, 20, 10);
		for (final FloatType t : flat)
			t.set(0.3f);
		for (final FloatType t : Resize.resize(flat, 7, 9, 4))
			assertEquals(0.3, t.get(), EPS);
	}

	@Test
	public void antiAliasingSuppressesNoiseWhenShrinking() {
		// setup: white noise, shrunk 4x along x only (sigma 1.5)
		final Img<FloatType> noise = ArrayImgs.floats(256, 16, 4);
		final RandomStreams rng = RandomStreams.seeded(3);
		for (final FloatType t : noise)
			t.set((float) rng.nextGaussian());
		// process
		final Img<FloatType> out = Resize.resize(noise, 64, 16, 4);
		// test: plain linear interpolation (half-way samples) keeps sqrt(0.5) = 0.71 of the std;
		// a sigma-1.5 Gaussian keeps sqrt(sum k^2) = (2 sqrt(pi) 1.5)^-1/2 = 0.43
		double s2 = 0;
		long n = 0;
		for (final FloatType t : out) {
			s2 += t.get() * t.get();
			n++;
		}
		final double std = Math.sqrt(s2 / n);
		assertTrue("std after resize " + std, std > 0.35 && std < 0.5);
	}
}
