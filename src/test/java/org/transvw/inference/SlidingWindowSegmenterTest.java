package org.transvw.inference;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.Test;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** The sliding window with engine-free predictors: identity and constant. */
public class SlidingWindowSegmenterTest {

	/**
	 * Relative error of a float weighted mean of identical values, sum(w x)/sum(w): a few float
	 * ulps (2^-23 ~ 1.2e-7 relative each).
	 */
	private static final double EXACT = 1e-6;

	/** The identity predictor: each tile's values as its one output channel. */
	static final Predictor IDENTITY = tiles -> {
		final List<RandomAccessibleInterval<FloatType>> out = new ArrayList<>();
		for (final RandomAccessibleInterval<FloatType> t : tiles)
			out.add(Views.addDimension(t, 0, 0));
		return out;
	};

	/** A probe whose every voxel differs and which is not symmetric under flips. */
	private static Img<FloatType> probe(final long... dims) {
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final net.imglib2.Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(100 * c.getIntPosition(0) + 10 * c.getIntPosition(1) + c.getIntPosition(2) +
				0.5f);
		}
		return img;
	}

	private static void assertSame3d(final RandomAccessibleInterval<FloatType> expected,
		final RandomAccessibleInterval<FloatType> actual)
	{
		assertArrayEquals(expected.dimensionsAsLongArray(), actual.dimensionsAsLongArray());
		final double[] worst = { 0 };
		LoopBuilder.setImages(expected, actual).forEachPixel((e, a) -> worst[0] = Math.max(
			worst[0], Math.abs(e.get() - a.get()) / Math.max(1, Math.abs(e.get()))));
		assertTrue("max relative deviation " + worst[0], worst[0] <= EXACT);
	}

	@Test
	public void identityReconstructsAtEveryOverlap() {
		// sizes not multiples of the tile, and one axis smaller than the tile (padding)
		final Img<FloatType> img = probe(37, 21, 9);
		for (final double step : new double[] { 1, 0.75, 0.5, 0.25 }) {
			final SlidingWindowSegmenter s = new SlidingWindowSegmenter(IDENTITY,
				new SlidingWindowConfig(new int[] { 16, 16, 16 }, step, 0.125, 3, false));
			final Img<FloatType> out = s.predict(img, Progress.NONE, Cancellation.NEVER);
			assertEquals(1, out.dimension(3));
			assertSame3d(img, Views.hyperSlice(out, 3, 0));
		}
	}

	@Test
	public void identityReconstructsWithFlipAugmentation() {
		final Img<FloatType> img = probe(20, 18, 12);
		final SlidingWindowSegmenter s = new SlidingWindowSegmenter(IDENTITY,
			new SlidingWindowConfig(new int[] { 8, 8, 8 }, 0.5, 0.125, 4, true));
		assertSame3d(img, Views.hyperSlice(s.predict(img, Progress.NONE, Cancellation.NEVER), 3, 0));
	}

	@Test
	public void constantPredictorGivesTheConstantEverywhereInBatchesWithinTheBudget() {
		final int budget = 3;
		final int[] calls = { 0 };
		final Predictor constant = tiles -> {
			assertTrue("batch within the tile budget", tiles.size() <= budget);
			calls[0] += tiles.size();
			final List<RandomAccessibleInterval<FloatType>> out = new ArrayList<>();
			for (int i = 0; i < tiles.size(); i++) {
				final Img<FloatType> o = ArrayImgs.floats(8, 8, 8, 2);
				LoopBuilder.setImages(Views.hyperSlice(o, 3, 0)).forEachPixel(v -> v.set(0.25f));
				LoopBuilder.setImages(Views.hyperSlice(o, 3, 1)).forEachPixel(v -> v.set(0.75f));
				out.add(o);
			}
			return out;
		};
		final SlidingWindowSegmenter s = new SlidingWindowSegmenter(constant,
			new SlidingWindowConfig(new int[] { 8, 8, 8 }, 0.5, 0.125, budget, false));
		final Img<FloatType> out = s.predict(ArrayImgs.floats(19, 13, 8), Progress.NONE,
			Cancellation.NEVER);
		// tiles: x {0,4,7,11} -> 4, y {0,3,5} -> 3, z {0} -> 1
		assertEquals(12, calls[0]);
		for (final FloatType v : Views.iterable(Views.hyperSlice(out, 3, 0)))
			assertEquals(0.25f, v.get(), 1e-6);
		for (final FloatType v : Views.iterable(Views.hyperSlice(out, 3, 1)))
			assertEquals(0.75f, v.get(), 1e-6);
	}

	@Test(expected = CancellationException.class)
	public void cancellationStopsBetweenBatches() {
		final Cancellation c = Cancellation.create();
		c.cancel();
		new SlidingWindowSegmenter(IDENTITY, SlidingWindowConfig.defaults(new int[] { 8, 8, 8 }))
			.predict(ArrayImgs.floats(16, 16, 16), Progress.NONE, c);
	}
}
