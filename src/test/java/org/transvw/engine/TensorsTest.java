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
	public void tensorToImageKeepsTheAxesOfTheProbe() {
		// setup: t[n, c, x, y, z] = 1000 n + 100 x + 10 y + z, built by the engine itself
		try (NDManager m = NDManager.newBaseManager(EngineSession.engine().defaultDevice(),
			"PyTorch"))
		{
			final float[] v = new float[2 * 4 * 3 * 2];
			int i = 0;
			for (int n = 0; n < 2; n++)
				for (int x = 0; x < 4; x++)
					for (int y = 0; y < 3; y++)
						for (int z = 0; z < 2; z++)
							v[i++] = 1000 * n + 100 * x + 10 * y + z;
			final NDArray t = m.create(v, new ai.djl.ndarray.types.Shape(2, 1, 4, 3, 2));
			// process
			final Img<FloatType> img = Tensors.toImg(t, 1, 0);
			// test
			assertArrayEquals(new long[] { 4, 3, 2 }, img.dimensionsAsLongArray());
			final Cursor<FloatType> c = img.localizingCursor();
			while (c.hasNext()) {
				c.fwd();
				assertEquals(1000 + 100 * c.getIntPosition(0) + 10 * c.getIntPosition(1) + c
					.getIntPosition(2), c.get().get(), 0);
			}
		}
	}

	@Test
	public void aPaddedViewAndATensorOrderViewReachTheTensorIntact() {
		// setup: a zero-padded (extended, non-array) view of the probe, and the probe's values in
		// tensor order seen through Tensors.view
		final Img<FloatType> img = probe(4, 3, 2);
		final RandomAccessibleInterval<FloatType> padded = Views.interval(Views.extendZero(img),
			new long[] { -1, 0, 0 }, new long[] { 4, 2, 1 });
		final float[] tensorOrder = new float[4 * 3 * 2];
		Tensors.copyToBuffer(img, tensorOrder, 0);
		final RandomAccessibleInterval<FloatType> view = Tensors.view(tensorOrder, 4, 3, 2);
		try (NDManager m = NDManager.newBaseManager(EngineSession.engine().defaultDevice(),
			"PyTorch"))
		{
			// process
			final NDArray p = Tensors.toTensor(m, padded);
			final NDArray t = Tensors.toTensor(m, view);
			// test: padding at x = -1 (index 0), the probe shifted by one along x
			assertArrayEquals(new long[] { 1, 1, 6, 3, 2 }, p.getShape().getShape());
			for (int y = 0; y < 3; y++)
				for (int z = 0; z < 2; z++) {
					assertEquals(0f, p.getFloat(0, 0, 0, y, z), 0);
					assertEquals(0f, p.getFloat(0, 0, 5, y, z), 0);
					for (int x = 0; x < 4; x++) {
						assertEquals(100 * x + 10 * y + z, p.getFloat(0, 0, x + 1, y, z), 0);
						assertEquals(100 * x + 10 * y + z, t.getFloat(0, 0, x, y, z), 0);
						assertEquals(100 * x + 10 * y + z, view.getAt(x, y, z).get(), 0);
					}
				}
			assertArrayEquals("the view's array is the tensor's data", tensorOrder, t.toFloatArray(),
				0);
		}
	}

	@Test
	public void twoDimensionalImagesBecomeNcxyAndBack() {
		final Img<FloatType> img = ArrayImgs.floats(3, 2);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(10 * c.getIntPosition(0) + c.getIntPosition(1));
		}
		try (NDManager m = NDManager.newBaseManager(EngineSession.engine().defaultDevice(),
			"PyTorch"))
		{
			final NDArray t = Tensors.toTensor(m, img);
			assertArrayEquals(new long[] { 1, 1, 3, 2 }, t.getShape().getShape());
			assertArrayEquals(new float[] { 0, 1, 10, 11, 20, 21 }, t.toFloatArray(), 0);
			final Img<FloatType> back = Tensors.toImg(t, 0, 0);
			assertEquals(21f, back.getAt(2, 1).get(), 0);
			assertEquals(10f, back.getAt(1, 0).get(), 0);
		}
	}

	@Test
	public void engineRunsOffline() {
		EngineSession.engine();
		assertEquals("true", System.getProperty(EngineSession.OFFLINE_PROPERTY));
		assertEquals("true", System.getProperty(EngineSession.TRACKING_PROPERTY));
	}
}
