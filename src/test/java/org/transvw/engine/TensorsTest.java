package org.transvw.engine;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

@Category(EngineTests.class)
public class TensorsTest {

	/** value = 100 x + 10 y + z: any axis mix-up changes values. */
	private static Img<FloatType> probe(final long... dims) {
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(100 * c.getIntPosition(0) + 10 * c.getIntPosition(1) + c.getIntPosition(2));
		}
		return img;
	}

	@Test
	public void imageToTensorKeepsReferenceAxisOrder() {
		// setup
		final Img<FloatType> img = probe(4, 3, 2);
		try (NDManager m = NDManager.newBaseManager(EngineSession.engine().defaultDevice(),
			"PyTorch"))
		{
			// process
			final NDArray t = Tensors.toTensor(m, img);
			// test: shape (1, 1, X, Y, Z), and t[0,0,x,y,z] == 100x + 10y + z
			assertArrayEquals(new long[] { 1, 1, 4, 3, 2 }, t.getShape().getShape());
			assertEquals(321f, t.getFloat(0, 0, 3, 2, 1), 0);
			assertEquals(120f, t.getFloat(0, 0, 1, 2, 0), 0);
			assertEquals(1f, t.getFloat(0, 0, 0, 0, 1), 0);
		}
	}

	@Test
	public void roundTripOfAnOffsetView() {
		// setup: an interval view that does not start at zero, with an integer type
		final Img<UnsignedShortType> big = ArrayImgs.unsignedShorts(8, 8, 8);
		final Cursor<UnsignedShortType> c = big.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(100 * c.getIntPosition(0) + 10 * c.getIntPosition(1) + c.getIntPosition(2));
		}
		final RandomAccessibleInterval<UnsignedShortType> view = Views.interval(big, new long[] { 2,
			3, 4 }, new long[] { 5, 5, 7 });
		try (NDManager m = NDManager.newBaseManager(EngineSession.engine().defaultDevice(),
			"PyTorch"))
		{
			// process
			final NDArray t = Tensors.stack(m, List.of(view, view));
			final Img<FloatType> back = Tensors.toImg(t, 1, 0);
			// test
			assertArrayEquals(new long[] { 2, 1, 4, 3, 4 }, t.getShape().getShape());
			assertEquals(100 * 2 + 10 * 3 + 4, t.getFloat(0, 0, 0, 0, 0), 0);
			final Cursor<FloatType> b = back.localizingCursor();
			while (b.hasNext()) {
				b.fwd();
				assertEquals(100 * (b.getIntPosition(0) + 2) + 10 * (b.getIntPosition(1) + 3) + b
					.getIntPosition(2) + 4, b.get().get(), 0);
			}
		}
	}

	@Test
	public void engineRunsOffline() {
		EngineSession.engine();
		assertEquals("true", System.getProperty(EngineSession.OFFLINE_PROPERTY));
		assertEquals("true", System.getProperty(EngineSession.TRACKING_PROPERTY));
	}
}
