package org.transvw.inference;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.engine.EngineSession;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.LambdaBlock;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** The DJL adapter keeps the axis order and the channels, through the whole sliding window. */
@Category(EngineTests.class)
public class ModelPredictorTest {

	@Test
	public void twoChannelBlockThroughTheSlidingWindow() {
		EngineSession.engine();
		// channel 0 = x, channel 1 = 2x: any axis or channel mix-up changes the values
		final LambdaBlock block = new LambdaBlock(in -> new NDList(ai.djl.ndarray.NDArrays.concat(
			new NDList(in.head(), in.head().mul(2)), 1)));
		final Img<FloatType> img = ArrayImgs.floats(21, 13, 10);
		final net.imglib2.Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(c.getIntPosition(0) + 0.01f * c.getIntPosition(1) + 0.0001f * c
				.getIntPosition(2));
		}
		try (NDManager m = NDManager.newBaseManager()) {
			final ModelPredictor p = new ModelPredictor(block, m);
			final Img<FloatType> out = new SlidingWindowSegmenter(p, new SlidingWindowConfig(
				new int[] { 8, 8, 8 }, 0.5, 0.125, 3, false)).predict(img, Progress.NONE,
					Cancellation.NEVER);
			assertEquals(2, out.dimension(3));
			LoopBuilder.setImages(img, Views.hyperSlice(out, 3, 0), Views.hyperSlice(out, 3, 1))
				.forEachPixel((a, b, d) -> {
					assertEquals(a.get(), b.get(), 1e-5 * Math.max(1, a.get()));
					assertEquals(2 * a.get(), d.get(), 2e-5 * Math.max(1, a.get()));
				});
			assertEquals("no array left behind", 0, m.getManagedArrays().size());
			assertEquals(true, p.forwardNanos() > 0);
		}
	}
}
