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
 * the sorts only reverse the arrays; we write them reversed and still sort whenever rounding left
 * them out of order, to keep the reference's independent sorting exactly. Lookups use a bucket
 * index over xs (a branch-free step in the usual bucket of at most one sample, else a binary
 * search inside the bucket), which returns the same interval as numpy's search.
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
		return map(p, in, FloatCube.zeros(in.dims()));
	}

	/** In place: every voxel is read once, then written. */
	@Override
	public FloatCube applyOwned(final Params p, final FloatCube in) {
		return map(p, in, in);
	}

	private static FloatCube map(final Params p, final FloatCube in, final FloatCube out) {
		// NB: per-thread buffers (the curve takes 3.5 MB: samples, segments, bucket index)
		final Object[] scratch = SCRATCH.get();
		final Curve curve = curve(p, (double[]) scratch[0], (double[]) scratch[1], (Curve) scratch[2]);
		final float[] src = in.data(), dst = out.data();
		for (int i = 0; i < src.length; i++)
			dst[i] = (float) curve.map(src[i]);
		return out;
	}

	/** The sampled intensity map of {@code p}: sorted xs and the matching ys. */
	public static Curve curve(final Params p) {
		return curve(p, new double[N_TIMES], new double[N_TIMES], new Curve());
	}

	private static final ThreadLocal<Object[]> SCRATCH = ThreadLocal.withInitial(
		() -> new Object[] { new double[N_TIMES], new double[N_TIMES], new Curve() });

	/** Fills {@code into} with the curve of {@code p}, using xs and ys (N_TIMES each) as buffers. */
	private static Curve curve(final Params p, final double[] xs, final double[] ys,
		final Curve into)
	{
		final double p0x = 0, p1x = p.p1x(), p2x = p.p2x(), p3x = 1;
		final double p0y = 0, p1y = p.p1y(), p2y = p.p2y(), p3y = 1;
		final int last = N_TIMES - 1;
		final double step = 1.0 / last;
		// NB: the xs are written reversed (the reference's curve runs from P3 to P0, so this is
		// nearly sorted already); the ys too unless inverted (kept in t order)
		final boolean flipY = !p.inverted();
		for (int k = 0; k < N_TIMES; k++) {
			// numpy linspace: k * step, with the last sample exactly 1
			final double t = k == last ? 1.0 : k * step, s = 1 - t;
			final double b0 = t * t * t, b1 = 3 * t * t * s, b2 = 3 * t * s * s, b3 = s * s * s;
			xs[last - k] = p0x * b0 + p1x * b1 + p2x * b2 + p3x * b3;
			ys[flipY ? last - k : k] = p0y * b0 + p1y * b1 + p2y * b2 + p3y * b3;
		}
		sort(xs);
		if (flipY) sort(ys);
		return into.set(xs, ys);
	}

	/** Arrays.sort, skipped when {@code a} is sorted already (the usual case: a monotone curve). */
	private static void sort(final double[] a) {
		for (int i = 1; i < a.length; i++)
			// NB: Double.compare is the order Arrays.sort produces (-0.0 before 0.0)
			if (Double.compare(a[i - 1], a[i]) > 0) {
				Arrays.sort(a);
				return;
			}
	}

	/** A piecewise linear map given by sorted abscissae, evaluated as {@code np.interp}. */
	public static final class Curve {

		/**
		 * Per sample j: {xs[j], ys[j], slope of segment j} (slope 0 for the last sample), side by
		 * side so that one voxel's lookup touches one or two cache lines instead of three arrays.
		 */
		private double[] seg;
		private int n;
		private int[] bucket;

		Curve() {}

		Curve(final double[] xs, final double[] ys) {
			set(xs, ys);
		}

		/** Rebuilds this curve from sorted xs and matching ys (buffers reused when they fit). */
		Curve set(final double[] xs, final double[] ys) {
			n = xs.length;
			if (seg == null || seg.length != 3 * n) seg = new double[3 * n];
			for (int j = 0; j < n; j++) {
				seg[3 * j] = xs[j];
				seg[3 * j + 1] = ys[j];
				// numpy precomputes the slopes the same way (when there are more points than samples)
				if (j + 1 < n) seg[3 * j + 2] = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j]);
			}
			// bucket[b] = last index j with xs[j] <= b / BUCKETS (0 if none). Sample j is <= b / BUCKETS
			// from b = ceil(xs[j] * BUCKETS) on (exact: a power of two), and these b never decrease.
			if (bucket == null) bucket = new int[BUCKETS + 1];
			int b = 0;
			for (int j = 1; j < n && b <= BUCKETS; j++) {
				final double from = Math.ceil(xs[j] * BUCKETS);
				final int end = from > BUCKETS ? BUCKETS + 1 : (int) Math.max(0, from);
				while (b < end)
					bucket[b++] = j - 1;
			}
			while (b <= BUCKETS)
				bucket[b++] = n - 1;
			return this;
		}

		/** The sorted abscissae (a copy, for tests). */
		double[] abscissae() {
			final double[] a = new double[n];
			for (int j = 0; j < n; j++)
				a[j] = seg[3 * j];
			return a;
		}

		/** The ordinates matching {@link #abscissae()} (a copy, for tests). */
		double[] ordinates() {
			final double[] a = new double[n];
			for (int j = 0; j < n; j++)
				a[j] = seg[3 * j + 1];
			return a;
		}

		private double x(final int j) {
			return seg[3 * j];
		}

		/** {@code np.interp(v, xs, ys)}. */
		public double map(final double v) {
			if (!(v >= x(0))) return Double.isNaN(v) ? v : seg[1];
			if (v >= x(n - 1)) return seg[3 * n - 2];
			// lo = the last j with xs[j] <= v; then lo < n - 1 since v < xs[n - 1]
			int lo;
			if (v >= 0 && v < 1) {
				// v * BUCKETS is exact (a power of two), so b / BUCKETS <= v < (b + 1) / BUCKETS and
				// lo is in [bucket[b], bucket[b + 1]] (xs[bucket[b]] <= v also when bucket[b] = 0:
				// xs[0] <= v was checked)
				final int b = (int) (v * BUCKETS);
				lo = bucket[b];
				final int last = bucket[b + 1];
				if (last - lo <= 1) {
					// NB: the usual case (about one sample per bucket): one step without a branch. A
					// mispredicted branch on a value fresh from memory cost ~20 ns per voxel. The sign
					// of v - xs[lo + 1] is clear exactly when xs[lo + 1] <= v (a difference of finite
					// doubles is zero only for equal values, and then +0).
					lo += (int) (~Double.doubleToRawLongBits(v - x(lo + 1)) >>> 63) & (lo - last) >>> 31;
				}
				else lo = search(v, lo, Math.min(n - 1, last + 1));
			}
			else lo = search(v, 0, n - 1);
			final int o = 3 * lo;
			final double x0 = seg[o], y0 = seg[o + 1];
			if (x0 == v) return y0;
			final double slope = seg[o + 2];
			double r = slope * (v - x0) + y0;
			if (Double.isNaN(r)) {
				final double x1 = seg[o + 3], y1 = seg[o + 4];
				r = slope * (v - x1) + y1;
				if (Double.isNaN(r) && y0 == y1) r = y0;
			}
			return r;
		}

		/** The last j with xs[j] <= v, given xs[lo] <= v < xs[hi]. */
		private int search(final double v, int lo, int hi) {
			while (hi - lo > 1) {
				final int mid = (lo + hi) >>> 1;
				if (x(mid) <= v) lo = mid;
				else hi = mid;
			}
			return lo;
		}
	}
}
