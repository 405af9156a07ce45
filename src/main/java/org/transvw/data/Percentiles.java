package org.transvw.data;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Percentiles of an image by a bounded reservoir-free pass: exact on a strided subsample. */
final class Percentiles {

	/** Images larger than this are subsampled with a fixed stride (deterministic). */
	private static final long MAX_SAMPLES = 2_000_000;

	private Percentiles() {}

	static double[] of(final RandomAccessibleInterval<? extends RealType<?>> img,
		final double... percents)
	{
		final long n = Views.iterable(img).size();
		final long stride = Math.max(1, (n + MAX_SAMPLES - 1) / MAX_SAMPLES);
		final double[] v = new double[(int) ((n + stride - 1) / stride)];
		int k = 0;
		long i = 0;
		for (final RealType<?> t : Views.flatIterable(img)) {
			if (i++ % stride == 0) v[k++] = t.getRealDouble();
		}
		Arrays.sort(v, 0, k);
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
}
