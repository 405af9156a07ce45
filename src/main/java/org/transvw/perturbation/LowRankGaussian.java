package org.transvw.perturbation;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zero-padded Gaussian of {@link Gaussian} (scipy 'constant', cval 0) as a product of per-axis
 * low-rank operators, for the smooth random fields of {@link ElasticDeformation}.
 * <p>
 * Along one axis of n voxels the zero-padded, truncated Gaussian is a symmetric n x n matrix
 * M = Q diag(λ) Q^T. With σ 8 on 64 voxels its eigenvalues fall from 0.94 to 1.3e-4 by the 13th
 * and then sit at about 1e-5 (the ripple of the 4σ truncation); on 32 voxels they fall below 1e-7
 * by the 11th. Keeping the eigenpairs with |λ| > {@link #TOLERANCE} max|λ| gives M ≈ E P with
 * P = Q_r^T (r x n) and E = Q_r diag(λ_r) (n x r). The field is then projected axis by axis
 * (64x64x32 -> 14x14x8) and expanded back: 3.2 M multiply-adds instead of about 18 M for the
 * exact passes. Against the exact filter, the RMS difference is below 2e-4 of the field's
 * standard deviation and the largest below 1e-3 (tested; 8e-5 and 3e-4 measured at the default):
 * about a thousandth of a voxel at most, in warps of about 4 voxels.
 * <p>
 * Layout: every step multiplies the slowest axis by a matrix over whole contiguous rows (the
 * vectorised multiply-adds of {@link Gaussian}); between steps a small transpose brings the next
 * axis to the front. Projection runs z, y, x; expansion x, y, z, so the result comes out in the
 * input's layout without a final transpose.
 */
final class LowRankGaussian {

	/** Eigenpairs with |λ| at or below this fraction of the largest are dropped. */
	static final double TOLERANCE = 3e-5;

	/** Longer lines are not decomposed (the Jacobi decomposition is O(n^3)). */
	static final int MAX_LINE = 256;

	/** The low-rank form is used only when it needs at most this fraction of the exact work. */
	static final double MAX_WORK_FRACTION = 0.5;

	/** One axis: P (rank x n) and E (n x rank). */
	record Axis(int n, int rank, float[][] project, float[][] expand) {}

	private record Key(int n, double sigma, double truncate) {}

	private static final Map<Key, Axis> AXES = new ConcurrentHashMap<>();

	private final int[] dims;
	private final Axis[] axes;

	private LowRankGaussian(final int[] dims, final Axis[] axes) {
		this.dims = dims.clone();
		this.axes = axes;
	}

	/**
	 * The low-rank filter for fields of extents {@code dims}, or null where it would not save at
	 * least half of the exact passes' work (small sigma, an axis with sigma 0, long lines): the
	 * caller then filters exactly.
	 */
	static LowRankGaussian of(final int[] dims, final double[] sigmas, final double truncate) {
		final Axis[] axes = new Axis[dims.length];
		long exact = 0;
		final long voxels = FloatCube.size(dims);
		for (int d = 0; d < dims.length; d++) {
			if (!(sigmas[d] > 0) || dims[d] > MAX_LINE) return null;
			axes[d] = axis(dims[d], sigmas[d], truncate);
			exact += voxels * Math.min(dims[d], 2L * Gaussian.radius(sigmas[d], truncate) + 1);
		}
		final LowRankGaussian g = new LowRankGaussian(dims, axes);
		return g.work() <= MAX_WORK_FRACTION * exact ? g : null;
	}

	/** The cached decomposition of one axis. */
	static Axis axis(final int n, final double sigma, final double truncate) {
		return AXES.computeIfAbsent(new Key(n, sigma, truncate), k -> decompose(n, sigma,
			truncate));
	}

	/** Multiply-adds of one {@link #smooth}. */
	long work() {
		final int nd = dims.length;
		final long[] size = new long[nd];
		for (int d = 0; d < nd; d++)
			size[d] = dims[d];
		long work = 0, total = FloatCube.size(dims);
		// projection z, y, x then expansion x, y, z: each step costs (rows out) x (rows in) x R
		for (int d = nd - 1; d >= 0; d--) {
			final long rest = total / size[d];
			work += (long) axes[d].rank() * size[d] * rest;
			total = rest * axes[d].rank();
			size[d] = axes[d].rank();
		}
		for (int d = 0; d < nd; d++) {
			final long rest = total / size[d];
			work += (long) dims[d] * size[d] * rest;
			total = rest * dims[d];
			size[d] = dims[d];
		}
		return work;
	}

	/** The ranks kept per axis (x first). */
	int[] ranks() {
		return Arrays.stream(axes).mapToInt(Axis::rank).toArray();
	}

	/** {@code out} (flat, x fastest) = the smoothed {@code in}; the two may be the same array. */
	void smooth(final float[] in, final float[] out) {
		final int nd = dims.length, total = FloatCube.size(dims);
		// layout of the working matrix, slowest axis first
		final int[] layout = new int[nd];
		for (int d = 0; d < nd; d++)
			layout[d] = dims[nd - 1 - d];
		int rows = layout[0], len = total / rows;
		float[][] b = Scratch.rows(0, rows, len), c;
		for (int j = 0; j < rows; j++)
			System.arraycopy(in, j * len, b[j], 0, len);
		for (int k = 0; k < nd; k++) {
			final Axis a = axes[nd - 1 - k];
			c = Scratch.rows(1, a.rank(), len);
			multiply(a.project(), a.rank(), rows, b, c, len);
			if (k == nd - 1) {
				// NB: the expansion writes pair 1 again: the (small) core moves to pair 0
				layout[0] = a.rank();
				b = Scratch.rows(0, a.rank(), len);
				for (int j = 0; j < a.rank(); j++)
					System.arraycopy(c[j], 0, b[j], 0, len);
				break;
			}
			// [a][next][others] -> [next][others][a]
			final int next = layout[1], others = len / next;
			b = Scratch.rows(0, next, others * a.rank());
			rotate(c, a.rank(), next, others, b);
			System.arraycopy(layout, 1, layout, 0, nd - 1);
			layout[nd - 1] = a.rank();
			rows = next;
			len = others * a.rank();
		}
		rows = layout[0];
		for (int k = 0; k < nd; k++) {
			final Axis a = axes[k];
			c = Scratch.rows(1, a.n(), len);
			multiply(a.expand(), a.n(), rows, b, c, len);
			if (k == nd - 1) {
				for (int j = 0; j < a.n(); j++)
					System.arraycopy(c[j], 0, out, j * len, len);
				return;
			}
			// [a][between][last] -> [last][a][between]
			final int last = layout[nd - 1], between = len / last;
			b = Scratch.rows(0, last, a.n() * between);
			unrotate(c, a.n(), between, last, b);
			System.arraycopy(layout, 1, layout, 2, nd - 2);
			layout[0] = last;
			layout[1] = a.n();
			rows = last;
			len = a.n() * between;
		}
	}

	/** c[i] = Σ_j a[i][j] b[j] over rows of {@code len}, in column chunks that stay in cache. */
	private static void multiply(final float[][] a, final int m, final int n, final float[][] b,
		final float[][] c, final int len)
	{
		final int chunk = Math.max(64, (Gaussian.UNIT_FLOATS / n + 15) / 16 * 16);
		for (int c0 = 0; c0 < len; c0 += chunk) {
			final int c1 = Math.min(len, c0 + chunk);
			for (int i = 0; i < m; i++) {
				final float[] ai = a[i], y = c[i];
				Arrays.fill(y, c0, c1, 0f);
				int j = 0;
				for (; j + 4 <= n; j += 4)
					add4(y, ai[j], b[j], ai[j + 1], b[j + 1], ai[j + 2], b[j + 2], ai[j + 3], b[j + 3],
						c0, c1);
				for (; j < n; j++)
					add1(y, ai[j], b[j], c0, c1);
			}
		}
	}

	private static void add4(final float[] y, final float w0, final float[] x0, final float w1,
		final float[] x1, final float w2, final float[] x2, final float w3, final float[] x3,
		final int from, final int to)
	{
		for (int e = from; e < to; e++)
			y[e] += w0 * x0[e] + w1 * x1[e] + w2 * x2[e] + w3 * x3[e];
	}

	private static void add1(final float[] y, final float w, final float[] x, final int from,
		final int to)
	{
		for (int e = from; e < to; e++)
			y[e] += w * x[e];
	}

	/** b[next][o * m + i] = c[i][next * others + o]. */
	private static void rotate(final float[][] c, final int m, final int next, final int others,
		final float[][] b)
	{
		for (int q = 0; q < next; q++) {
			final float[] row = b[q];
			final int base = q * others;
			for (int i = 0; i < m; i++) {
				final float[] src = c[i];
				for (int o = 0; o < others; o++)
					row[o * m + i] = src[base + o];
			}
		}
	}

	/** b[l][i * between + q] = c[i][q * last + l]. */
	private static void unrotate(final float[][] c, final int m, final int between,
		final int last, final float[][] b)
	{
		for (int i = 0; i < m; i++) {
			final float[] src = c[i];
			final int base = i * between;
			for (int q = 0; q < between; q++)
				for (int l = 0; l < last; l++)
					b[l][base + q] = src[q * last + l];
		}
	}

	/** The eigenpairs of the axis matrix, the dominant ones kept. */
	private static Axis decompose(final int n, final double sigma, final double truncate) {
		final int r = Gaussian.radius(sigma, truncate);
		final double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int x = -r; x <= r; x++)
			sum += k[x + r] = Math.exp(-0.5 / (sigma * sigma) * x * x);
		final double[][] m = new double[n][n];
		for (int i = 0; i < n; i++)
			for (int j = Math.max(0, i - r); j <= Math.min(n - 1, i + r); j++)
				m[i][j] = k[j - i + r] / sum;
		final double[][] v = new double[n][n];
		final double[] lambda = symmetricEigen(m, v);
		final Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++)
			order[i] = i;
		Arrays.sort(order, (p, q) -> Double.compare(Math.abs(lambda[q]), Math.abs(lambda[p])));
		final double max = Math.abs(lambda[order[0]]);
		int rank = 1;
		while (rank < n && Math.abs(lambda[order[rank]]) > TOLERANCE * max)
			rank++;
		final float[][] project = new float[rank][n], expand = new float[n][rank];
		for (int q = 0; q < rank; q++) {
			final int e = order[q];
			for (int i = 0; i < n; i++) {
				project[q][i] = (float) v[i][e];
				expand[i][q] = (float) (lambda[e] * v[i][e]);
			}
		}
		return new Axis(n, rank, project, expand);
	}

	/**
	 * Cyclic Jacobi: the eigenvalues of the symmetric {@code a} (destroyed), eigenvectors into the
	 * columns of {@code v}. Accurate to rounding for the small matrices used here.
	 */
	static double[] symmetricEigen(final double[][] a, final double[][] v) {
		final int n = a.length;
		for (int i = 0; i < n; i++) {
			Arrays.fill(v[i], 0);
			v[i][i] = 1;
		}
		for (int sweep = 0; sweep < 100; sweep++) {
			double off = 0, diag = 0;
			for (int p = 0; p < n; p++) {
				diag += a[p][p] * a[p][p];
				for (int q = p + 1; q < n; q++)
					off += a[p][q] * a[p][q];
			}
			if (off <= 1e-32 * diag) break;
			for (int p = 0; p < n; p++)
				for (int q = p + 1; q < n; q++) {
					final double apq = a[p][q];
					if (apq == 0) continue;
					final double theta = (a[q][q] - a[p][p]) / (2 * apq);
					final double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta +
						1));
					final double cos = 1 / Math.sqrt(t * t + 1), sin = t * cos;
					for (int i = 0; i < n; i++) {
						final double aip = a[i][p], aiq = a[i][q];
						a[i][p] = cos * aip - sin * aiq;
						a[i][q] = sin * aip + cos * aiq;
					}
					for (int i = 0; i < n; i++) {
						final double api = a[p][i], aqi = a[q][i];
						a[p][i] = cos * api - sin * aqi;
						a[q][i] = sin * api + cos * aqi;
					}
					for (int i = 0; i < n; i++) {
						final double vip = v[i][p], viq = v[i][q];
						v[i][p] = cos * vip - sin * viq;
						v[i][q] = sin * vip + cos * viq;
					}
				}
		}
		final double[] lambda = new double[n];
		for (int i = 0; i < n; i++)
			lambda[i] = a[i][i];
		return lambda;
	}
}
