package org.transvw.data.geometry;

/**
 * Cubic B-spline interpolation along one line: the exact recursive prefilter that turns samples
 * into coefficients, and the four weights at a position (Unser, "Splines: a perfect fit for signal
 * and image processing", IEEE SPM 1999; mirror-symmetric boundaries, whole-sample symmetric:
 * {@code c[-k] = c[k]}, {@code c[n-1+k] = c[n-1-k]}).
 */
final class BSpline {

	/** The pole of the cubic B-spline prefilter, sqrt(3) - 2. */
	static final double POLE = Math.sqrt(3) - 2;

	/** Truncation of the causal initial sum: |POLE|^k below this is negligible in double. */
	private static final double HORIZON_TOLERANCE = 1e-12;

	private BSpline() {}

	/**
	 * Turns {@code n} samples stored at {@code c[offset + k * step]} into cubic B-spline
	 * coefficients, in place.
	 */
	static void prefilter(final double[] c, final int offset, final int step, final int n) {
		if (n == 1) return;
		final double z = POLE;
		final double gain = (1 - z) * (1 - 1 / z);
		for (int k = 0; k < n; k++)
			c[offset + k * step] *= gain;
		c[offset] = causalInit(c, offset, step, n, z);
		for (int k = 1; k < n; k++)
			c[offset + k * step] += z * c[offset + (k - 1) * step];
		final int last = offset + (n - 1) * step;
		c[last] = z / (z * z - 1) * (z * c[last - step] + c[last]);
		for (int k = n - 2; k >= 0; k--)
			c[offset + k * step] = z * (c[offset + (k + 1) * step] - c[offset + k * step]);
	}

	private static double causalInit(final double[] c, final int offset, final int step,
		final int n, final double z)
	{
		final int horizon = (int) Math.ceil(Math.log(HORIZON_TOLERANCE) / Math.log(Math.abs(z)));
		if (horizon < n) {
			double zn = z, sum = c[offset];
			for (int k = 1; k < horizon; k++) {
				sum += zn * c[offset + k * step];
				zn *= z;
			}
			return sum;
		}
		// exact mirror-symmetric sum over the period 2n - 2
		double zn = z;
		final double iz = 1 / z;
		double z2n = Math.pow(z, n - 1);
		double sum = c[offset] + z2n * c[offset + (n - 1) * step];
		z2n *= z2n * iz;
		for (int k = 1; k < n - 1; k++) {
			sum += (zn + z2n) * c[offset + k * step];
			zn *= z;
			z2n *= iz;
		}
		return sum / (1 - zn * zn);
	}

	/**
	 * The four weights of the coefficients {@code floor(x) - 1 .. floor(x) + 2} at {@code x},
	 * written to {@code w[at .. at + 3]}; they sum to 1.
	 */
	static void weights(final double x, final double[] w, final int at) {
		final double t = x - Math.floor(x);
		final double u = 1 - t;
		w[at] = u * u * u / 6;
		w[at + 1] = (4 - 6 * t * t + 3 * t * t * t) / 6;
		w[at + 2] = (1 + 3 * t + 3 * t * t - 3 * t * t * t) / 6;
		w[at + 3] = t * t * t / 6;
	}

	/** Index {@code k} folded into [0, n - 1] by whole-sample mirror symmetry. */
	static int mirror(final long k, final int n) {
		if (n == 1) return 0;
		final long period = 2L * n - 2;
		long m = Math.abs(k) % period;
		if (m >= n) m = period - m;
		return (int) m;
	}
}
