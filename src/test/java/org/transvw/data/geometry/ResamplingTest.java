package org.transvw.data.geometry;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Extent-preserving resampling: grid rule, B-spline and linear oracles, labels. */
public class ResamplingTest {

	/** Float images: values up to ~100 carry ~1e-5 rounding; this is well above it. */
	private static final double FLOAT_TOLERANCE = 1e-4;

	private static final Interpolation[] B3 = { Interpolation.BSPLINE3, Interpolation.BSPLINE3,
		Interpolation.BSPLINE3 };
	private static final Interpolation[] LIN = { Interpolation.LINEAR, Interpolation.LINEAR,
		Interpolation.LINEAR };

	@Test
	public void theResampledGridCoversTheSameBox() {
		// setup
		final Grid in = new Grid(new long[] { 181, 217, 60 }, new double[] { 1, 1, 3 },
			new double[] { -90, -126, -72 }, new double[] { 0, 0, 1, 1, 0, 0, 0, 1, 0 });
		// process
		final Grid out = Resampling.grid(in, new double[] { 1.5, 1.5, 2 });
		// test: n' = round(n s / t); s' = n s / n'; the outer cell faces coincide
		assertArrayEquals(new long[] { 121, 145, 90 }, out.dims());
		assertArrayEquals(new double[] { 181.0 / 121, 217.0 / 145, 2 }, out.spacing(), 1e-12);
		final double[] lo = { -0.5, -0.5, -0.5 };
		final double[] inHi = { 180.5, 216.5, 59.5 }, outHi = { 120.5, 144.5, 89.5 };
		assertArrayEquals(in.world(lo), out.world(lo), 1e-9);
		assertArrayEquals(in.world(inHi), out.world(outHi), 1e-9);
		assertArrayEquals(in.direction(), out.direction(), 0);
		// an unchanged size keeps the grid exactly
		assertEquals(in, Resampling.grid(in, in.spacing()));
	}

	@Test
	public void bsplinePassesThroughTheSamples() {
		// setup: random samples; tripling an axis puts output 3i + 1 exactly on input i
		final Random r = new Random(7);
		final float[] v = new float[9 * 7 * 5];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) (100 * r.nextDouble());
		final RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(v, 9, 7, 5);
		// process
		final RandomAccessibleInterval<FloatType> up = Resampling.resample(img, new long[] { 27, 21,
			15 }, B3);
		// test
		final RandomAccess<FloatType> a = img.randomAccess(), b = up.randomAccess();
		for (int z = 0; z < 5; z++)
			for (int y = 0; y < 7; y++)
				for (int x = 0; x < 9; x++)
					assertEquals(a.setPositionAndGet(x, y, z).get(), b.setPositionAndGet(3 * x + 1, 3 * y + 1,
						3 * z + 1).get(), FLOAT_TOLERANCE);
	}

	@Test
	public void prefilteredCoefficientsReproduceTheSamples() {
		// both initialisations of the causal filter: exact mirror sum (short) and truncated (long)
		for (final int n : new int[] { 2, 5, 40 }) {
			final Random r = new Random(n);
			final double[] f = new double[n];
			for (int i = 0; i < n; i++)
				f[i] = r.nextGaussian();
			final double[] c = f.clone();
			BSpline.prefilter(c, 0, 1, n);
			for (int k = 0; k < n; k++) {
				final double s = (c[BSpline.mirror(k - 1, n)] + 4 * c[k] + c[BSpline.mirror(k + 1, n)]) / 6;
				assertEquals("n = " + n + ", k = " + k, f[k], s, 1e-10);
			}
		}
	}

	@Test
	public void bsplineReproducesALinearRamp() {
		// setup: f(x) = 3 + 0.5 x along x, constant along y and z
		final int n = 40;
		final RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(n, 2, 2);
		for (final Cursor<FloatType> c = Views.flatIterable(img).localizingCursor(); c.hasNext();) {
			c.fwd();
			c.get().set(3 + 0.5f * c.getIntPosition(0));
		}
		final int m = 97;
		// process
		final RandomAccessibleInterval<FloatType> out = Resampling.resample(img, new long[] { m, 2,
			2 }, B3);
		// test: exact in the interior; the mirror boundary bends it only within ~6 samples of the
		// ends (the prefilter's influence decays as |sqrt(3) - 2|^k = 0.268^k)
		final RandomAccess<FloatType> ra = out.randomAccess();
		int checked = 0;
		for (int j = 0; j < m; j++) {
			final double x = (j + 0.5) * n / m - 0.5;
			if (x < 6 || x > n - 1 - 6) continue;
			assertEquals("x = " + x, 3 + 0.5 * x, ra.setPositionAndGet(j, 1, 0).get(), FLOAT_TOLERANCE);
			checked++;
		}
		assertTrue(checked > 60);
		// constants are reproduced everywhere, boundaries included
		final RandomAccessibleInterval<FloatType> flat = ArrayImgs.floats(new float[] { 5, 5, 5, 5,
			5 }, 5, 1, 1);
		for (final FloatType t : Views.iterable(Resampling.resample(flat, new long[] { 13, 1, 1 },
			B3)))
			assertEquals(5, t.get(), FLOAT_TOLERANCE);
	}

	@Test
	public void linearReproducesARampBetweenTheOuterCentres() {
		final RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(new float[] { 0, 2, 4, 6,
			8 }, 5, 1);
		final RandomAccessibleInterval<FloatType> out = Resampling.resample(img, new long[] { 8, 1 },
			Interpolation.LINEAR, Interpolation.LINEAR);
		final RandomAccess<FloatType> ra = out.randomAccess();
		for (int j = 0; j < 8; j++) {
			final double x = Math.max(0, Math.min(4, (j + 0.5) * 5 / 8 - 0.5));
			assertEquals(2 * x, ra.setPositionAndGet(j, 0).get(), 1e-6);
		}
	}

	@Test
	public void labelsNeverGetNewValues() {
		// setup: labels 0..3 and 255 (unlabelled) in blocks, plus single-voxel noise
		final Random r = new Random(3);
		final Img<UnsignedByteType> labels = ArrayImgs.unsignedBytes(23, 17, 11);
		for (final Cursor<UnsignedByteType> c = labels.localizingCursor(); c.hasNext();) {
			c.fwd();
			final int block = (c.getIntPosition(0) / 6 + c.getIntPosition(2) / 4) % 5;
			c.get().set(r.nextInt(50) == 0 ? 2 : block == 4 ? 255 : block);
		}
		final Set<Integer> before = values(labels);
		for (final long[] dims : new long[][] { { 46, 34, 22 }, { 12, 9, 4 }, { 7, 40, 33 }, { 23,
			17, 11 } }) {
			// process
			final Img<UnsignedByteType> out = Resampling.nearest(labels, dims);
			// test
			assertEquals(UnsignedByteType.class, out.firstElement().getClass());
			assertArrayEquals(dims, out.dimensionsAsLongArray());
			final Set<Integer> after = values(out);
			assertTrue(after + " within " + before, before.containsAll(after));
			assertTrue("unlabelled (255) survives " + java.util.Arrays.toString(dims), after.contains(
				255));
		}
		// same size: an exact copy
		final Img<UnsignedByteType> same = Resampling.nearest(labels, labels.dimensionsAsLongArray());
		final Cursor<UnsignedByteType> a = labels.cursor(), b = same.cursor();
		while (a.hasNext())
			assertEquals(a.next().get(), b.next().get());
	}

	@Test
	public void resultsDoNotDependOnThreads() {
		final Random r = new Random(11);
		final float[] v = new float[31 * 29 * 13];
		for (int i = 0; i < v.length; i++)
			v[i] = r.nextFloat();
		final RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(v, 31, 29, 13);
		final long[] dims = { 17, 45, 30 };
		for (final Interpolation[] ip : new Interpolation[][] { B3, LIN }) {
			final RandomAccessibleInterval<FloatType> one = Parallelization.runSingleThreaded(
				() -> Resampling.resample(img, dims, ip));
			final RandomAccessibleInterval<FloatType> many = Parallelization.runMultiThreaded(
				() -> Resampling.resample(img, dims, ip));
			final Cursor<FloatType> a = Views.flatIterable(one).cursor();
			final Cursor<FloatType> b = Views.flatIterable(many).cursor();
			while (a.hasNext())
				assertEquals(a.next().get(), b.next().get(), 0);
		}
	}

	private static Set<Integer> values(final RandomAccessibleInterval<? extends RealType<?>> img) {
		final Set<Integer> s = new TreeSet<>();
		for (final RealType<?> t : Views.iterable(img))
			s.add((int) t.getRealDouble());
		return s;
	}
}
