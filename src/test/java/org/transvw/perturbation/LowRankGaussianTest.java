package org.transvw.perturbation;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Random;

import org.junit.Test;

/** The low-rank zero-padded Gaussian against the exact passes of {@link Gaussian}. */
public class LowRankGaussianTest {

	/** The documented bound: RMS difference / field standard deviation. */
	private static final double MAX_RELATIVE_RMS = 2e-4;
	/** ... and the largest single difference / field standard deviation. */
	private static final double MAX_RELATIVE_PEAK = 1e-3;

	@Test
	public void jacobiReconstructsTheMatrix() {
		final Random rng = new Random(5);
		final int n = 17;
		final double[][] m = new double[n][n], a = new double[n][n], v = new double[n][n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j <= i; j++)
				m[i][j] = m[j][i] = rng.nextGaussian();
		for (int i = 0; i < n; i++)
			a[i] = m[i].clone();
		final double[] lambda = LowRankGaussian.symmetricEigen(a, v);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				double s = 0, dot = 0;
				for (int e = 0; e < n; e++) {
					s += v[i][e] * lambda[e] * v[j][e];
					dot += v[e][i] * v[e][j];
				}
				assertEquals(m[i][j], s, 1e-12);
				assertEquals(i == j ? 1 : 0, dot, 1e-12);
			}
	}

	@Test
	public void elasticFieldsMatchTheExactFilter() {
		// the elastic default (σ 8 on 64x64x32), a non-cubic volume and a 2D patch
		check(new int[] { 64, 64, 32 }, 8, new int[] { 14, 14, 8 });
		check(new int[] { 48, 80, 24 }, 8, null);
		check(new int[] { 128, 96 }, 8, null);
		check(new int[] { 64, 64, 32 }, 12, null);
	}

	private static void check(final int[] dims, final double sigma, final int[] expectedRanks) {
		final double[] sigmas = new double[dims.length];
		java.util.Arrays.fill(sigmas, sigma);
		final LowRankGaussian g = LowRankGaussian.of(dims, sigmas, Gaussian.DEFAULT_TRUNCATE);
		assertNotNull(java.util.Arrays.toString(dims), g);
		if (expectedRanks != null) assertArrayEquals(expectedRanks, g.ranks());
		final Random rng = new Random(11);
		for (int trial = 0; trial < 3; trial++) {
			final float[] noise = new float[FloatCube.size(dims)];
			for (int i = 0; i < noise.length; i++)
				noise[i] = rng.nextFloat() * 2 - 1;
			final float[] exact = noise.clone(), fast = new float[noise.length];
			Gaussian.smooth(exact, dims, sigmas, Gaussian.DEFAULT_TRUNCATE, Gaussian.Boundary.ZERO);
			g.smooth(noise, fast);
			double ss = 0, se = 0, peak = 0;
			for (int i = 0; i < noise.length; i++) {
				ss += (double) exact[i] * exact[i];
				final double d = fast[i] - exact[i];
				se += d * d;
				peak = Math.max(peak, Math.abs(d));
			}
			final double std = Math.sqrt(ss / noise.length);
			final double rms = Math.sqrt(se / noise.length) / std;
			assertTrue(java.util.Arrays.toString(dims) + " relative rms " + rms, rms < MAX_RELATIVE_RMS);
			assertTrue(java.util.Arrays.toString(dims) + " relative peak " + peak / std, peak /
				std < MAX_RELATIVE_PEAK);
			// in place gives the same
			g.smooth(noise, noise);
			assertArrayEquals(fast, noise, 0f);
		}
	}

	@Test
	public void smallSigmaOrLongLinesKeepTheExactFilter() {
		// σ 1 keeps most eigenvalues: no saving, so the exact passes are used
		assertNull(LowRankGaussian.of(new int[] { 64, 64, 32 }, new double[] { 1, 1, 1 }, 4));
		assertNull(LowRankGaussian.of(new int[] { 64, 64, 32 }, new double[] { 8, 0, 8 }, 4));
		assertNull(LowRankGaussian.of(new int[] { 512, 64, 32 }, new double[] { 8, 8, 8 }, 4));
	}
}
