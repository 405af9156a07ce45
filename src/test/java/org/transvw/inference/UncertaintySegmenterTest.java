package org.transvw.inference;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.IntensityRecipe;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Test-time-augmentation uncertainty with engine-free predictors: an orientation-invariant one
 * (every pass agrees: entropy and variance 0) and an orientation-dependent one (p = 1 unless the
 * tile is flipped in x: the passes split half and half, entropy ln 2, variance 1/4).
 */
public class UncertaintySegmenterTest {

	/** Float rounding of sums of 16 passes and of ln: far below any meaningful uncertainty. */
	private static final double TOL = 1e-5;

	private static final double LN2 = Math.log(2);

	/** p = 1 where the voxel is above 0.5, else 0: commutes with every flip and transposition. */
	private static final Predictor THRESHOLD = tiles -> map(tiles, (t, x, y, z) -> t.getAt(x, y, z)
		.get() > 0.5f ? 1 : 0);

	/**
	 * p = 1 everywhere if the tile increases along x (its first voxel is darker than its last in x),
	 * else 0: depends on the orientation, so the passes disagree.
	 */
	private static final Predictor ORIENTATION = tiles -> map(tiles, (t, x, y, z) -> t.getAt(0, 0, 0)
		.get() < t.getAt(t.dimension(0) - 1, 0, 0).get() ? 1 : 0);

	private interface VoxelRule {

		float p(RandomAccessibleInterval<FloatType> tile, long x, long y, long z);
	}

	private static List<RandomAccessibleInterval<FloatType>> map(
		final List<RandomAccessibleInterval<FloatType>> tiles, final VoxelRule rule)
	{
		final List<RandomAccessibleInterval<FloatType>> out = new ArrayList<>();
		for (final RandomAccessibleInterval<FloatType> t0 : tiles) {
			final RandomAccessibleInterval<FloatType> t = Views.zeroMin(t0);
			final Img<FloatType> o = ArrayImgs.floats(t.dimension(0), t.dimension(1), t.dimension(2),
				1);
			final Cursor<FloatType> c = Views.hyperSlice(o, 3, 0).localizingCursor();
			while (c.hasNext()) {
				c.fwd();
				c.get().set(rule.p(t, c.getLongPosition(0), c.getLongPosition(1), c.getLongPosition(2)));
			}
			out.add(o);
		}
		return out;
	}

	/**
	 * A ramp along x + y (so a transposition keeps its direction), optionally with a bright block.
	 */
	private static Volume ramp(final boolean withBlock) {
		final Img<FloatType> img = ArrayImgs.floats(20, 20, 12);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			final int x = c.getIntPosition(0), y = c.getIntPosition(1), z = c.getIntPosition(2);
			final boolean block = withBlock && x >= 5 && x < 12 && y >= 6 && y < 14 && z >= 3 && z < 9;
			c.get().set((block ? 0.6f : 0) + 0.01f * (x + y));
		}
		return Volume.of(img, new double[] { 0.7, 0.7, 2 }, Modality.OTHER);
	}

	private static UncertainSegmentation run(final Predictor p, final int[] tile,
		final boolean block)
	{
		return new UncertaintySegmenter(p, new SlidingWindowConfig(tile, 0.5, 0.125, 3, false))
			.segment(ramp(block), IntensityRecipe.none(), Progress.NONE, Cancellation.NEVER);
	}

	private static double[] range(final Volume v) {
		final double[] r = { Double.MAX_VALUE, -Double.MAX_VALUE };
		for (final Object t : Views.flatIterable(v.pixels())) {
			final double d = ((RealType<?>) t).getRealDouble();
			r[0] = Math.min(r[0], d);
			r[1] = Math.max(r[1], d);
		}
		return r;
	}

	@Test
	public void zeroWhereEveryAugmentationAgrees() {
		final UncertainSegmentation u = run(THRESHOLD, new int[] { 8, 8, 8 }, true);
		assertEquals(16, u.passes());
		assertEquals(0, range(u.entropy())[1], TOL);
		assertEquals(0, range(u.variance())[1], TOL);
		assertEquals(0, u.meanEntropy(), TOL);
		assertEquals(0, u.meanEntropyForeground(), TOL);
		// the block is segmented, voxel for voxel
		assertEquals(7 * 8 * 6, u.foregroundVoxels());
		assertEquals(LN2, u.maxEntropy(), 1e-12);
	}

	@Test
	public void nearLnTwoWhereTheAugmentationsSplit() {
		for (final int[] tile : List.of(new int[] { 8, 8, 8 }, new int[] { 8, 16, 8 })) {
			final UncertainSegmentation u = run(ORIENTATION, tile, false);
			// 16 passes for x/y-square tiles (flips x transposition), 8 flips otherwise
			assertEquals(tile[0] == tile[1] ? 16 : 8, u.passes());
			final double[] h = range(u.entropy()), v = range(u.variance());
			assertEquals("min entropy", LN2, h[0], TOL);
			assertEquals("max entropy", LN2, h[1], TOL);
			assertEquals(0.25, v[0], TOL);
			assertEquals(0.25, v[1], TOL);
			assertEquals(LN2, u.meanEntropy(), TOL);
			assertEquals(0.5, range(u.segmentation().probabilities().get(0))[1], TOL);
		}
	}

	@Test
	public void identityIsMappedBackExactlyUnderEveryTransform() {
		// setup: a probe with no symmetry; the identity predictor is equivariant, so a transform
		// that is undone wrongly shows up as variance
		final Img<FloatType> probe = ArrayImgs.floats(8, 8, 4);
		final Cursor<FloatType> c = probe.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(0.01f * c.getIntPosition(0) + 0.1f * c.getIntPosition(1) + 0.001f * c
				.getIntPosition(2));
		}
		final Predictor identity = tiles -> map(tiles, (t, x, y, z) -> t.getAt(x, y, z).get());
		// process
		final RandomAccessibleInterval<FloatType> out = TestTimeAugmentation.dihedral(new int[] { 8,
			8, 4 }).withSpread(identity).predict(List.of(probe)).get(0);
		// test: channel 0 = the probe, channel 1 = variance 0
		assertEquals(2, out.dimension(3));
		final RandomAccess<FloatType> ra = out.randomAccess();
		LoopBuilder.setImages(probe, Views.hyperSlice(out, 3, 0)).forEachPixel((a, b) -> assertEquals(a
			.get(), b.get(), TOL));
		for (final FloatType v : Views.iterable(Views.hyperSlice(out, 3, 1)))
			assertEquals(0, v.get(), TOL);
		ra.setPosition(new long[] { 7, 0, 0, 0 });
		assertEquals(0.07f, ra.get().get(), TOL);
	}

	@Test
	public void entropyHasItsRange() {
		assertEquals(0, Uncertainty.binaryEntropy(0), 0);
		assertEquals(0, Uncertainty.binaryEntropy(1), 0);
		assertEquals(LN2, Uncertainty.binaryEntropy(0.5), 1e-15);
		assertEquals(Math.log(4), Uncertainty.entropy(0.25, 0.25, 0.25, 0.25), 1e-15);
		assertEquals(0, Uncertainty.entropy(0, 1, 0), 0);
		assertTrue(Uncertainty.binaryEntropy(0.9) < Uncertainty.binaryEntropy(0.6));
		assertEquals(Math.log(3), Uncertainty.maxEntropy(3), 1e-15);
	}

	@Test
	public void monteCarloIsRefusedWithTheReason() {
		assertEquals(UncertaintyMode.TTA, UncertaintyMode.parse("TTA"));
		assertEquals(UncertaintyMode.NONE, UncertaintyMode.parse("none"));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> UncertaintyMode.parse("mc"));
		assertTrue(e.getMessage(), e.getMessage().contains("no dropout") && e.getMessage().contains(
			"uncertainty=tta"));
		assertThrows(IllegalArgumentException.class, () -> UncertaintyMode.parse("bayes"));
	}
}
