package org.transvw.inference;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/** Pure tile geometry and blending weights. */
public class TileGridTest {

	@Test
	public void nnUnetWorkedExample() {
		assertArrayEquals(new long[] { 0, 23, 46 }, TileGrid.starts(110, 64, 0.5));
	}

	@Test
	public void exactFitAndNoOverlap() {
		assertArrayEquals(new long[] { 0 }, TileGrid.starts(64, 64, 0.5));
		assertArrayEquals(new long[] { 0, 64 }, TileGrid.starts(128, 64, 1));
		assertArrayEquals(new long[] { 0, 32, 64 }, TileGrid.starts(128, 64, 0.5));
	}

	@Test
	public void tileLargerThanImageGivesOneStart() {
		assertArrayEquals(new long[] { 0 }, TileGrid.starts(20, 64, 0.5));
		assertArrayEquals(new long[] { 30, 30, 64 }, TileGrid.paddedSize(new long[] { 20, 30, 64 },
			new int[] { 30, 16, 64 }));
	}

	@Test
	public void everySizeIsCoveredWithStepsNoLargerThanTarget() {
		for (int size = 1; size <= 300; size++)
			for (final double step : new double[] { 0.25, 0.5, 0.75, 1 }) {
				final long[] s = TileGrid.starts(size, 32, step);
				assertEquals(0, s[0]);
				assertEquals(Math.max(size, 32) - 32, s[s.length - 1]);
				for (int i = 1; i < s.length; i++)
					assertTrue("step at size " + size, s[i] - s[i - 1] <= Math.ceil(32 * step) && s[i] >
						s[i - 1]);
			}
	}

	@Test
	public void originsAreTheCartesianProduct() {
		final List<long[]> o = TileGrid.origins(new long[] { 110, 64, 20 }, new int[] { 64, 32,
			16 }, 0.5);
		assertEquals(3 * 3 * 2, o.size());
		assertArrayEquals(new long[] { 0, 0, 0 }, o.get(0));
		assertArrayEquals(new long[] { 46, 32, 4 }, o.get(o.size() - 1));
	}

	@Test(expected = IllegalArgumentException.class)
	public void stepMustBeAFraction() {
		TileGrid.starts(100, 32, 0);
	}

	@Test
	public void gaussianPeaksAtTheCentreAndStaysPositive() {
		final int[] tile = { 64, 64, 32 };
		final Img<FloatType> w = BlendWeights.gaussian(tile, BlendWeights.DEFAULT_SIGMA_SCALE);
		final Cursor<FloatType> c = w.localizingCursor();
		float max = 0, min = Float.MAX_VALUE;
		long[] argmax = null;
		while (c.hasNext()) {
			final float v = c.next().get();
			if (v > max) {
				max = v;
				argmax = c.positionAsLongArray();
			}
			min = Math.min(min, v);
		}
		assertEquals(1, max, 0);
		assertArrayEquals(new long[] { 32, 32, 16 }, argmax);
		assertTrue("clamped above zero", min >= BlendWeights.MIN_WEIGHT);
		// one sigma (8 voxels) from the centre along x: exp(-1/2)
		final net.imglib2.RandomAccess<FloatType> ra = w.randomAccess();
		ra.setPosition(new long[] { 40, 32, 16 });
		assertEquals(Math.exp(-0.5), ra.get().get(), 1e-6);
	}
}
