package org.transvw.perturbation;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.transvw.common.RandomStreams;

/** Elastic: zero field = identity, integer field = reflected translation, z untouched, std. */
public class ElasticDeformationTest {

	/**
	 * 16 fields of 64x64x32: the sample rms of one field varies by about 15 % (scipy: 3.09 ±
	 * 0.48), so the mean of 16 is within 12 % of its expectation with 3-sigma confidence.
	 */
	private static final double RMS_TOLERANCE = 0.12;

	@Test
	public void zeroFieldIsTheIdentity() {
		final FloatCube in = Cubes.cube(1, 17, 13, 5);
		final float[] zero = new float[in.data().length];
		assertArrayEquals(in.data(), ElasticDeformation.warp(in, zero, zero).data(), 0f);
		final ElasticDeformation none = new ElasticDeformation(0, 8);
		assertArrayEquals(in.data(), none.apply(in, RandomStreams.seeded(3)).data(), 0f);
	}

	@Test
	public void constantIntegerFieldIsAReflectedTranslation() {
		final FloatCube in = Cubes.cube(2, 12, 10, 3);
		final float[] ux = new float[in.data().length], uy = ux.clone();
		java.util.Arrays.fill(ux, 3);
		java.util.Arrays.fill(uy, -14); // more than the height: reflects twice
		final FloatCube out = ElasticDeformation.warp(in, ux, uy);
		for (int z = 0; z < 3; z++)
			for (int y = 0; y < 10; y++)
				for (int x = 0; x < 12; x++) {
					final int sx = reflect(x + 3, 12), sy = reflect(y - 14, 10);
					assertEquals(in.data()[in.index(sx, sy, z)], out.data()[out.index(x, y, z)], 0f);
				}
	}

	/** scipy 'reflect': d c b a | a b c d | d c b a. */
	private static int reflect(int i, final int n) {
		i = Math.floorMod(i, 2 * n);
		return i < n ? i : 2 * n - 1 - i;
	}

	@Test
	public void halfVoxelShiftInterpolatesLinearly() {
		final FloatCube in = FloatCube.wrap(new float[] { 0, 0.5f, 1, 0.25f }, 4, 1);
		final float[] ux = { 0.5f, 0.5f, 0.5f, 0.5f }, uy = new float[4];
		// last sample: 3.5 lies between x = 3 and the reflected x = 4 -> 3
		assertArrayEquals(new float[] { 0.25f, 0.75f, 0.625f, 0.25f }, ElasticDeformation.warp(in,
			ux, uy).data(), 1e-7f);
	}

	@Test
	public void depthIsNeverDisplaced() {
		// every z plane constant: any in-plane warp keeps each plane's value
		final FloatCube in = FloatCube.zeros(32, 32, 16);
		for (int i = 0; i < in.data().length; i++)
			in.data()[i] = (i / (32 * 32)) / 16f;
		final ElasticDeformation e = new ElasticDeformation();
		for (int seed = 0; seed < 3; seed++) {
			final FloatCube out = e.apply(in, RandomStreams.seeded(seed));
			for (int i = 0; i < in.data().length; i++)
				assertEquals(in.data()[i], out.data()[i], 1e-6f);
		}
	}

	@Test
	public void displacementStdMatchesAlphaAndSigma() {
		final int[] dims = { 64, 64, 32 };
		final ElasticDeformation e = new ElasticDeformation();
		double sum = 0;
		long n = 0;
		for (int seed = 0; seed < 8; seed++) {
			final float[][] u = ElasticDeformation.displacement(e.draw(RandomStreams.seeded(seed),
				FloatCube.zeros(dims).toImg()), dims);
			for (final float[] f : u)
				for (final float v : f) {
					sum += (double) v * v;
					n++;
				}
		}
		final double rms = Math.sqrt(sum / n), expected = expectedRms(dims, 991, 8);
		assertEquals("rms " + rms + " vs analytic " + expected, 1, rms / expected, RMS_TOLERANCE);
		// without borders (the value quoted in method.md §3.1 and the issue): alpha sqrt(1/3 sum k^2)
		assertEquals(3.8, unboundedStd(991, 8), 0.05);
	}

	/** sqrt(mean over voxels of alpha^2 / 3 * prod_d sum_j k(i_d - j)^2), zero padding. */
	private static double expectedRms(final int[] dims, final double alpha, final double sigma) {
		final float[] k = Gaussian.kernel(sigma, 4);
		final int r = k.length / 2;
		double mean = 1;
		for (final int n : dims) {
			double axis = 0;
			for (int i = 0; i < n; i++)
				for (int j = 0; j < n; j++)
					if (Math.abs(i - j) <= r) axis += (double) k[i - j + r] * k[i - j + r];
			mean *= axis / n; // the product of per-axis means is the mean of the separable product
		}
		return Math.sqrt(alpha * alpha / 3 * mean);
	}

	private static double unboundedStd(final double alpha, final double sigma) {
		double s = 0;
		for (final float v : Gaussian.kernel(sigma, 4))
			s += (double) v * v;
		return alpha * Math.sqrt(s * s * s / 3);
	}

	@Test
	public void warpStaysWithinTheInputRange() {
		final FloatCube in = Cubes.cube(5, 64, 64, 32);
		final FloatCube out = new ElasticDeformation().apply(in, RandomStreams.seeded(8));
		float min = 1, max = 0;
		for (final float v : in.data()) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		int changed = 0;
		for (int i = 0; i < out.data().length; i++) {
			assertTrue(out.data()[i] >= min && out.data()[i] <= max);
			if (out.data()[i] != in.data()[i]) changed++;
		}
		assertTrue("the warp moved almost nothing: " + changed, changed > in.data().length / 2);
	}
}
