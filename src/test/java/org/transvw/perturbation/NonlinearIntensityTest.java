package org.transvw.perturbation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.transvw.common.RandomStreams;

/** Bezier map: monotone increasing / decreasing with exact end points; identity oracle. */
public class NonlinearIntensityTest {

	private static final int GRID = 2001;

	@Test
	public void increasingOrInvertedWithExactEndPoints() {
		final NonlinearIntensity t = new NonlinearIntensity();
		int inverted = 0;
		for (int seed = 0; seed < 40; seed++) {
			final NonlinearIntensity.Params p = t.draw(RandomStreams.seeded(seed), FloatCube.zeros(8,
				8).toImg());
			for (final double u : new double[] { p.p1x(), p.p1y(), p.p2x(), p.p2y() })
				assertTrue(u >= 0 && u < 1);
			final NonlinearIntensity.Curve c = NonlinearIntensity.curve(p);
			if (p.inverted()) inverted++;
			assertEquals(p.inverted() ? 1.0 : 0.0, c.map(0), 0);
			assertEquals(p.inverted() ? 0.0 : 1.0, c.map(1), 0);
			double prev = c.map(0);
			for (int i = 1; i < GRID; i++) {
				final double v = c.map(i / (GRID - 1.0));
				assertTrue(p + " not monotone at " + i, p.inverted() ? v <= prev : v >= prev);
				assertTrue(v >= 0 && v <= 1);
				prev = v;
			}
			// np.interp clamps outside [0, 1]
			assertEquals(c.map(0), c.map(-0.5), 0);
			assertEquals(c.map(1), c.map(1.5), 0);
		}
		assertTrue("inversions " + inverted + " of 40", inverted >= 10 && inverted <= 30);
	}

	@Test
	public void evenlySpacedControlPointsGiveTheIdentity() {
		for (final boolean inverted : new boolean[] { false, true }) {
			final NonlinearIntensity.Curve c = NonlinearIntensity.curve(new NonlinearIntensity.Params(
				1 / 3.0, 1 / 3.0, 2 / 3.0, 2 / 3.0, inverted));
			for (int i = 0; i < GRID; i++) {
				final double v = i / (GRID - 1.0);
				assertEquals(inverted ? 1 - v : v, c.map(v), 1e-9);
			}
		}
	}

	@Test
	public void interpolatesLinearlyBetweenSamples() {
		// P1 = P2 = (1, 0): x(s) and y(s) are both polynomials; check the voxel map against the
		// curve evaluated directly at a parameter, through a value between two samples
		final NonlinearIntensity.Params p = new NonlinearIntensity.Params(0.9, 0.1, 0.2, 0.7, false);
		final NonlinearIntensity.Curve c = NonlinearIntensity.curve(p);
		for (final double s : new double[] { 0.123456, 0.5, 0.87654 }) {
			final double x = bezier(s, 0, 0.9, 0.2, 1), y = bezier(s, 0, 0.1, 0.7, 1);
			assertEquals(y, c.map(x), 1e-6); // samples every 1e-5 in t
		}
		final FloatCube in = FloatCube.wrap(new float[] { 0, 0.25f, 0.5f, 1 }, 2, 2);
		final FloatCube out = new NonlinearIntensity().apply(p, in);
		for (int i = 0; i < 4; i++)
			assertEquals((float) c.map(in.data()[i]), out.data()[i], 0f);
	}

	@Test
	public void matchesTheReferenceNumpyComputation() {
		// np.interp(X, np.sort(xs), np.sort(ys)) and np.interp(X, np.sort(xs), ys) for the
		// reference's bernstein_poly curve of P1 = (0.9, 0.05), P2 = (0.1, 0.8), numpy 2.x
		final double[] x = { 0, 0.0001, 0.1, 0.33, 0.5, 0.77, 0.999, 1 };
		final double[] increasing = { 0, 0.000005558875, 0.009272216271, 0.081065361120,
			0.443750000006, 0.920882275232, 0.999777395527, 1 };
		final double[] inverted = { 1, 0.999977773901, 0.973458114106, 0.855041901999,
			0.443750000006, 0.037075483193, 0.000055882886, 0 };
		final NonlinearIntensity.Curve inc = NonlinearIntensity.curve(new NonlinearIntensity.Params(
			0.9, 0.05, 0.1, 0.8, false));
		final NonlinearIntensity.Curve dec = NonlinearIntensity.curve(new NonlinearIntensity.Params(
			0.9, 0.05, 0.1, 0.8, true));
		for (int i = 0; i < x.length; i++) {
			assertEquals(increasing[i], inc.map(x[i]), 1e-12);
			assertEquals(inverted[i], dec.map(x[i]), 1e-12);
		}
	}

	/**
	 * The bucketed lookup returns exactly what np.interp's plain search returns (same interval,
	 * same arithmetic), for random values, the samples themselves, their neighbours and the bucket
	 * edges, on drawn curves and on a curve with long runs of equal abscissae.
	 */
	@Test
	public void bucketedLookupEqualsAPlainSearch() {
		final java.util.List<NonlinearIntensity.Params> params = new java.util.ArrayList<>();
		for (int seed = 0; seed < 12; seed++)
			params.add(new NonlinearIntensity().draw(RandomStreams.seeded(100 + seed), FloatCube.zeros(
				8, 8).toImg()));
		params.add(new NonlinearIntensity.Params(0, 0, 1, 1, false)); // flat ends: dense samples
		params.add(new NonlinearIntensity.Params(1, 0, 0, 1, true));
		params.add(new NonlinearIntensity.Params(0.999, 0.001, 0.001, 0.999, false));
		final RandomStreams rng = RandomStreams.seeded(5);
		for (final NonlinearIntensity.Params p : params) {
			final NonlinearIntensity.Curve c = NonlinearIntensity.curve(p);
			final double[] xs = c.abscissae(), ys = c.ordinates();
			final java.util.List<Double> vs = new java.util.ArrayList<>();
			for (int i = 0; i < 20_000; i++) {
				vs.add(rng.nextDouble());
				vs.add((double) rng.nextFloat());
			}
			for (int j = 0; j < xs.length; j += 7) {
				vs.add(xs[j]);
				vs.add(Math.nextUp(xs[j]));
				vs.add(Math.nextDown(xs[j]));
			}
			for (int b = 0; b <= 1 << 17; b += 3) {
				vs.add(b / (double) (1 << 17));
				vs.add(Math.nextDown(b / (double) (1 << 17)));
			}
			for (final double v : new double[] { -1, -0.0, 0, 1, 1.5, Math.nextDown(1.0),
				Double.MIN_VALUE, Double.NaN })
				vs.add(v);
			for (final double v : vs) {
				final double expected = plainInterp(v, xs, ys), actual = c.map(v);
				if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual))
					throw new AssertionError(p + " at " + v + ": expected " + expected + ", got " + actual);
			}
		}
	}

	/** np.interp for one value: clamped, binary search over all samples, exact hits. */
	private static double plainInterp(final double v, final double[] xs, final double[] ys) {
		final int n = xs.length;
		if (Double.isNaN(v)) return v;
		if (v < xs[0]) return ys[0];
		if (v >= xs[n - 1]) return ys[n - 1];
		int lo = 0, hi = n - 1;
		while (hi - lo > 1) {
			final int mid = (lo + hi) >>> 1;
			if (xs[mid] <= v) lo = mid;
			else hi = mid;
		}
		if (xs[lo] == v) return ys[lo];
		final double slope = (ys[lo + 1] - ys[lo]) / (xs[lo + 1] - xs[lo]);
		double r = slope * (v - xs[lo]) + ys[lo];
		if (Double.isNaN(r)) {
			r = slope * (v - xs[lo + 1]) + ys[lo + 1];
			if (Double.isNaN(r) && ys[lo] == ys[lo + 1]) r = ys[lo];
		}
		return r;
	}

	private static double bezier(final double s, final double p0, final double p1,
		final double p2, final double p3)
	{
		final double r = 1 - s;
		return r * r * r * p0 + 3 * r * r * s * p1 + 3 * r * s * s * p2 + s * s * s * p3;
	}
}
