package org.transvw.perturbation;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.transvw.common.RandomStreams;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;

/** Gaussian: Dirac vs analytic, scipy's three boundaries, axes, threads. */
public class GaussianTest {

	/** Float accumulation over up to 65 taps: about 1e-6 relative (see class javadoc). */
	private static final double FLOAT_TOLERANCE = 2e-6;

	/**
	 * Truncation at 4 sigma renormalises away the tail mass (6e-5 per axis), about 80 dB below
	 * the signal; sampling errors are far smaller for sigma >= 1.
	 */
	private static final double MIN_SNR_DB = 70;

	private static final double[] DATA = { 1, 2, 4, 8, 16, 3 };

	// scipy.ndimage.gaussian_filter1d(DATA, sigma, mode=..., truncate=4.0), scipy 1.17.1
	private static final double[] CONSTANT_15 = { 1.5418618235, 3.0701973325, 5.1603153326,
		6.9697648511, 7.1150217268, 5.2403030212 };
	private static final double[] MIRROR_15 = { 2.8206144641, 3.5275200145, 5.4024876393,
		7.6307662255, 9.1873838111, 9.6830701551 };
	private static final double[] REFLECT_15 = { 2.1952547835, 3.2960820489, 5.2562881603,
		7.217899467, 8.0852319055, 7.9492436347 };
	// sigma 3: radius 12 exceeds the length 6, so the extension wraps periodically
	private static final double[] CONSTANT_3 = { 2.430022098, 3.2014064797, 3.842152387,
		4.1929236476, 4.153463189, 3.7287468477 };
	private static final double[] MIRROR_3 = { 5.4811586559, 5.6569743269, 6.1169410986,
		6.6842274836, 7.1425611248, 7.3174332766 };
	private static final double[] REFLECT_3 = { 4.4459749224, 4.7835155471, 5.357747627,
		6.0042813467, 6.5499025627, 6.8585779942 };

	@Test
	public void kernelIsNormalisedWithScipyRadius() {
		final float[] k = Gaussian.kernel(8, 4);
		assertEquals(65, k.length); // int(4 * 8 + 0.5) = 32
		double sum = 0;
		for (final float v : k)
			sum += v;
		assertEquals(1, sum, 1e-6);
		assertEquals(k[0], k[64], 0);
		assertEquals(1, Gaussian.kernel(0, 4).length);
	}

	@Test
	public void diracGivesTheAnalyticGaussian() {
		final int n = 41;
		final double[] sigma = { 2.0, 3.0, 1.5 };
		final float[] data = new float[n * n * n];
		final int c = n / 2;
		data[c + n * (c + n * c)] = 1;
		Gaussian.smooth(data, new int[] { n, n, n }, sigma, 4, Gaussian.Boundary.ZERO);
		double signal = 0, noise = 0;
		for (int z = 0; z < n; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++) {
					final double g = g(x - c, sigma[0]) * g(y - c, sigma[1]) * g(z - c, sigma[2]);
					final double e = data[x + n * (y + n * z)] - g;
					signal += g * g;
					noise += e * e;
				}
		final double snr = 10 * Math.log10(signal / noise);
		assertTrue("SNR " + snr + " dB", snr > MIN_SNR_DB);
	}

	private static double g(final double x, final double s) {
		return Math.exp(-x * x / (2 * s * s)) / (Math.sqrt(2 * Math.PI) * s);
	}

	@Test
	public void boundariesMatchScipyAlongEveryAxis() {
		check(Gaussian.Boundary.ZERO, 1.5, CONSTANT_15);
		check(Gaussian.Boundary.MIRROR, 1.5, MIRROR_15);
		check(Gaussian.Boundary.REFLECT, 1.5, REFLECT_15);
		check(Gaussian.Boundary.ZERO, 3, CONSTANT_3);
		check(Gaussian.Boundary.MIRROR, 3, MIRROR_3);
		check(Gaussian.Boundary.REFLECT, 3, REFLECT_3);
	}

	/** The 1D data laid along x, y and z of a 3x?x? image (other columns constant). */
	private static void check(final Gaussian.Boundary b, final double sigma,
		final double[] expected)
	{
		for (int axis = 0; axis < 3; axis++) {
			final int[] dims = { 2, 3, 2 };
			dims[axis] = DATA.length;
			final FloatCube cube = FloatCube.zeros(dims);
			final int stride = cube.stride(axis);
			for (int i = 0; i < cube.data().length; i++)
				cube.data()[i] = (float) DATA[i / stride % DATA.length];
			final double[] sigmas = new double[3];
			sigmas[axis] = sigma;
			Gaussian.smooth(cube.data(), dims, sigmas, 4, b);
			for (int i = 0; i < cube.data().length; i++)
				assertEquals(b + " axis " + axis + " voxel " + i, expected[i / stride % DATA.length],
					cube.data()[i], FLOAT_TOLERANCE * 20);
		}
	}

	@Test
	public void multiThreadedEqualsSingleThreaded() {
		final int[] dims = { 128, 96, 96 }; // above PARALLEL_MIN_VOXELS
		final RandomStreams rng = RandomStreams.seeded(7);
		final float[] data = new float[128 * 96 * 96];
		for (int i = 0; i < data.length; i++)
			data[i] = rng.nextFloat();
		final Img<FloatType> img = ArrayImgs.floats(data, 128, 96, 96);
		final double[] s = { 1.5, 2, 0.7 };
		final float[] single = FloatCube.copyOf(Parallelization.runSingleThreaded(() -> Gaussian
			.smooth(img, s, Gaussian.Boundary.MIRROR))).data();
		final float[] multi = FloatCube.copyOf(Parallelization.runWithNumThreads(4, () -> Gaussian
			.smooth(img, s, Gaussian.Boundary.MIRROR))).data();
		assertArrayEquals(single, multi, 0f);
	}

	@Test
	public void constantImageStaysConstantWithMirror() {
		final float[] data = new float[20 * 10];
		java.util.Arrays.fill(data, 0.25f);
		Gaussian.smooth(data, new int[] { 20, 10 }, new double[] { 5, 5 }, 4,
			Gaussian.Boundary.MIRROR);
		for (final float v : data)
			assertEquals(0.25, v, 1e-6);
	}

	@Test(expected = IllegalArgumentException.class)
	public void rejectsNegativeSigma() {
		Gaussian.kernel(-1, 4);
	}
}
