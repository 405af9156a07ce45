package org.transvw.perturbation;

import java.util.Arrays;

import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/**
 * Non-linear intensity transform (Models Genesis / TransVW; method.md §3.1, §3.4): a cubic Bezier
 * curve through P0 = (0, 0), P1 = (u1, u2), P2 = (u3, u4), P3 = (1, 1), sampled at
 * {@value #N_TIMES} points of t = linspace(0, 1) with the reference's reversed Bernstein terms
 * {@code C(3, i) t^(3-i) (1-t)^i}; xs are sorted ascending; with probability 1/2 ("inverted") the
 * ys keep their t order (a decreasing map, 1 -> 0), otherwise the ys are sorted independently
 * (an increasing map). Voxels map through {@code np.interp(v, xs, ys)}, clamped outside [0, 1].
 * <p>
 * End points are exact: the increasing map sends 0 to 0 and 1 to 1, the inverted one 0 to 1 and
 * 1 to 0. NB: for control points in [0, 1]² both coordinates of the curve are monotone in t, so
 * the sorts only reverse the arrays; we still sort (cheap on sorted runs) to keep the
 * reference's independent sorting exactly. Lookups use a bucket index over xs followed by a
 * binary search inside the bucket, which returns the same interval as numpy's search.
 */
public final class NonlinearIntensity implements Perturbation<NonlinearIntensity.Params> {

	/** Samples of the Bezier curve (method.md §3.4). */
	public static final int N_TIMES = 100_000;

	/** About one sample per bucket: the search inside a bucket is then one or two steps. */
	private static final int BUCKETS = 1 << 17;

	/** The drawn control points P1 = (p1x, p1y), P2 = (p2x, p2y) and the inversion branch. */
	public record Params(double p1x, double p1y, double p2x, double p2y, boolean inverted) {}

	@Override
	public String name() {
		return "nonlinear";
	}

	@Override
	public Params draw(final RandomStreams rng, final Dimensions dims) {
		FloatCube.dimsOf(dims);
		final double u1 = rng.nextDouble(), u2 = rng.nextDouble();
		final double u3 = rng.nextDouble(), u4 = rng.nextDouble();
		return new Params(u1, u2, u3, u4, rng.nextDouble() < 0.5);
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		final Curve curve = curve(p);
		final FloatCube out = FloatCube.zeros(in.dims());
		final float[] src = in.data(), dst = out.data();
		for (int i = 0; i < src.length; i++)
			dst[i] = (float) curve.map(src[i]);
		return out;
	}

	/** The sampled intensity map of {@code p}: sorted xs and the matching ys. */
	public static Curve curve(final Params p) {
		final double[] px = { 0, p.p1x(), p.p2x(), 1 }, py = { 0, p.p1y(), p.p2y(), 1 };
		final double[] xs = new double[N_TIMES], ys = new double[N_TIMES];
		final double step = 1.0 / (N_TIMES - 1);
		for (int k = 0; k < N_TIMES; k++) {
			// numpy linspace: k * step, with the last sample exactly 1
			final double t = k == N_TIMES - 1 ? 1.0 : k * step, s = 1 - t;
			final double b0 = t * t * t, b1 = 3 * t * t * s, b2 = 3 * t * s * s, b3 = s * s * s;
			xs[k] = px[0] * b0 + px[1] * b1 + px[2] * b2 + px[3] * b3;
			ys[k] = py[0] * b0 + py[1] * b1 + py[2] * b2 + py[3] * b3;
		}
		reverse(xs);
		Arrays.sort(xs);
		if (!p.inverted()) {
			reverse(ys);
			Arrays.sort(ys);
		}
		return new Curve(xs, ys);
	}

	private static void reverse(final double[] a) {
		for (int i = 0, j = a.length - 1; i < j; i++, j--) {
			final double t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}

	/** A piecewise linear map given by sorted abscissae, evaluated as {@code np.interp}. */
	public static final class Curve {

		private final double[] xs, ys, slopes;
		private final int[] bucket;

		Curve(final double[] xs, final double[] ys) {
			this.xs = xs;
			this.ys = ys;
			// numpy precomputes the slopes the same way (when there are more points than samples)
			slopes = new double[xs.length - 1];
			for (int j = 0; j < slopes.length; j++)
				slopes[j] = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j]);
			// bucket[b] = last index j with xs[j] <= b / BUCKETS (0 if none)
			bucket = new int[BUCKETS + 1];
			int j = 0;
			for (int b = 0; b <= BUCKETS; b++) {
				final double edge = (double) b / BUCKETS;
				while (j + 1 < xs.length && xs[j + 1] <= edge)
					j++;
				bucket[b] = j;
			}
		}

		/** {@code np.interp(v, xs, ys)}. */
		public double map(final double v) {
			final int n = xs.length;
			if (!(v >= xs[0])) return Double.isNaN(v) ? v : ys[0];
			if (v >= xs[n - 1]) return ys[n - 1];
			// last j with xs[j] <= v, searched between the bucket bounds
			final int b = Math.min(BUCKETS - 1, Math.max(0, (int) (v * BUCKETS)));
			int lo = bucket[b], hi = Math.min(n - 1, bucket[b + 1] + 1);
			while (lo > 0 && xs[lo] > v)
				lo--;
			while (hi < n - 1 && xs[hi] <= v)
				hi++;
			while (hi - lo > 1) { // invariant: xs[lo] <= v < xs[hi]
				final int mid = (lo + hi) >>> 1;
				if (xs[mid] <= v) lo = mid;
				else hi = mid;
			}
			if (xs[lo] == v) return ys[lo];
			final double slope = slopes[lo]; // hi == lo + 1 here
			double r = slope * (v - xs[lo]) + ys[lo];
			if (Double.isNaN(r)) {
				r = slope * (v - xs[hi]) + ys[hi];
				if (Double.isNaN(r) && ys[lo] == ys[hi]) r = ys[lo];
			}
			return r;
		}
	}
}
