package org.transvw.data;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Percentiles and foreground moments of an image by a bounded pass: exact on a strided
 * subsample of at most {@value #MAX_SAMPLES} voxels (deterministic).
 */
final class Percentiles {

	/** Images larger than this are subsampled with a fixed stride (deterministic). */
	private static final long MAX_SAMPLES = 2_000_000;

	private Percentiles() {}

	static double[] of(final RandomAccessibleInterval<? extends RealType<?>> img,
		final double... percents)
	{
		final double[] v = sample(img);
		final int k = v.length;
		Arrays.sort(v);
		final double[] q = new double[percents.length];
		for (int j = 0; j < q.length; j++) {
			// linear interpolation between closest ranks (numpy's default)
			final double pos = percents[j] / 100 * (k - 1);
			final int lo = (int) Math.floor(pos);
			final int hi = Math.min(lo + 1, k - 1);
			q[j] = v[lo] + (pos - lo) * (v[hi] - v[lo]);
		}
		return q;
	}

	/**
	 * Mean and standard deviation of the voxels strictly above the image's minimum, or of all
	 * voxels when fewer than {@link #MIN_FOREGROUND} of them lie above it (the z-score's
	 * foreground, {@link IntensityRecipe.ZScore}).
	 */
	static double[] foregroundMeanSd(final RandomAccessibleInterval<? extends RealType<?>> img) {
		final double[] v = sample(img);
		double min = Double.POSITIVE_INFINITY;
		for (final double x : v)
			min = Math.min(min, x);
		long above = 0;
		for (final double x : v)
			if (x > min) above++;
		final boolean all = above < MIN_FOREGROUND * v.length;
		double sum = 0;
		long n = 0;
		for (final double x : v)
			if (all || x > min) {
				sum += x;
				n++;
			}
		final double mean = sum / n;
		double ss = 0;
		for (final double x : v)
			if (all || x > min) ss += (x - mean) * (x - mean);
		return new double[] { mean, Math.sqrt(ss / n) };
	}

	/** Fraction of the voxels that must lie above the minimum to count as the foreground. */
	static final double MIN_FOREGROUND = 0.01;

	private static double[] sample(final RandomAccessibleInterval<? extends RealType<?>> img) {
		final long n = Views.iterable(img).size();
		final long stride = Math.max(1, (n + MAX_SAMPLES - 1) / MAX_SAMPLES);
		final double[] v = new double[(int) ((n + stride - 1) / stride)];
		int k = 0;
		long i = 0;
		for (final RealType<?> t : Views.flatIterable(img)) {
			if (i++ % stride == 0) v[k++] = t.getRealDouble();
		}
		return k == v.length ? v : Arrays.copyOf(v, k);
	}
}
