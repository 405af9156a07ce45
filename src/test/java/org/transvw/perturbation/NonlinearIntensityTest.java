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

	private static double bezier(final double s, final double p0, final double p1,
		final double p2, final double p3)
	{
		final double r = 1 - s;
		return r * r * r * p0 + 3 * r * r * s * p1 + 3 * r * s * s * p2 + s * s * s * p3;
	}
}
