package org.transvw.inference;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.engine.EngineSession;
import org.transvw.network.UNet2d;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The sliding window over 2D images: Gaussian-blended tiles of (x, y), labels on the input's
 * grid, refusal of a volume.
 */
public class SlidingWindow2dTest {

	/** A disc of value 1 on 0, centred at (cx, cy). */
	private static Img<FloatType> disc(final long w, final long h, final double cx,
		final double cy, final double r)
	{
		final Img<FloatType> img = ArrayImgs.floats(w, h);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			final double dx = c.getDoublePosition(0) - cx, dy = c.getDoublePosition(1) - cy;
			c.get().set(dx * dx + dy * dy <= r * r ? 1 : 0);
		}
		return img;
	}

	@Test
	public void identityPredictorGivesTheImageBackAndLabelsOnTheInputGrid() {
		// 37 x 29: neither a multiple of the tile, and y smaller than two tiles
		final Img<FloatType> img = disc(37, 29, 18, 14, 6);
		final SlidingWindowSegmenter s = new SlidingWindowSegmenter(
			SlidingWindowSegmenterTest.IDENTITY, SlidingWindowConfig.defaults(new int[] { 16, 16 }));
		final Img<FloatType> p = s.predict(img, Progress.NONE, Cancellation.NEVER);
		assertArrayEquals(new long[] { 37, 29, 1 }, p.dimensionsAsLongArray());
		final Volume input = new Volume(img, new double[] { 0.7, 0.8 }, new double[] { 5, -3 },
			new double[] { -1, 0, 0, -1 }, Modality.XRAY, IntensityMap.raw());
		final SegmentationResult r = SlidingWindowSegmenter.result(input, p);
		assertArrayEquals(new long[] { 37, 29 }, r.labels().dimensions());
		assertArrayEquals(input.spacing(), r.labels().spacing(), 0);
		assertArrayEquals(input.origin(), r.labels().origin(), 0);
		assertArrayEquals(input.direction(), r.labels().direction(), 0);
		final Cursor<FloatType> a = img.cursor();
		final var b = net.imglib2.view.Views.flatIterable(r.labels().pixels()).cursor();
		while (a.hasNext())
			assertEquals(a.next().get(), b.next().getRealFloat(), 0);
	}

	@Test
	public void flipAveragingIn2dUsesTheFourFlips() {
		assertEquals(4, TestTimeAugmentation.flips(2).passes());
		assertEquals(8, TestTimeAugmentation.dihedral(new int[] { 16, 16 }).passes());
		final Img<FloatType> img = disc(20, 24, 7, 9, 4);
		final Img<FloatType> p = new SlidingWindowSegmenter(SlidingWindowSegmenterTest.IDENTITY,
			new SlidingWindowConfig(new int[] { 16, 16 }, 0.5, 0.125, 3, true)).predict(img,
				Progress.NONE, Cancellation.NEVER);
		final Cursor<FloatType> a = img.cursor(), b = p.cursor();
		while (a.hasNext())
			assertEquals(a.next().get(), b.next().get(), 1e-6);
	}

	@Test
	public void volumeGivenToA2dTileIsRefusedWithBothDimensionalities() {
		final SlidingWindowSegmenter s = new SlidingWindowSegmenter(
			SlidingWindowSegmenterTest.IDENTITY, SlidingWindowConfig.defaults(new int[] { 16, 16 }));
		try {
			s.predict(ArrayImgs.floats(16, 16, 16), Progress.NONE, Cancellation.NEVER);
			throw new AssertionError("a volume was accepted");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("expected a 2D image") && e
				.getMessage().contains("found a 3D volume"));
		}
	}

	@Test
	@Category(EngineTests.class)
	public void tinyUNet2dSegmentsAWholeImageOfAnySize() {
		EngineSession.engine();
		try (NDManager m = NDManager.newBaseManager()) {
			final UNet2d net = UNet2d.builder().optBaseWidth(4).build();
			net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 16, 16));
			final Img<FloatType> img = disc(45, 30, 20, 15, 8);
			final Img<FloatType> p = new SlidingWindowSegmenter(new ModelPredictor(net, m),
				SlidingWindowConfig.defaults(new int[] { 32, 32 })).predict(img, Progress.NONE,
					Cancellation.NEVER);
			assertArrayEquals(new long[] { 45, 30, 1 }, p.dimensionsAsLongArray());
			for (final FloatType v : p)
				assertTrue(v.get() >= 0 && v.get() <= 1);
		}
	}
}
