package org.transvw.perturbation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Separable Gaussian filtering on float buffers, written on ImgLib2 core (imglib2-algorithm's
 * Gauss3 is not available), with the semantics of {@code scipy.ndimage.gaussian_filter}: a
 * normalised sampled kernel of radius {@code (int) (truncate * sigma + 0.5)}, axes filtered one
 * after the other, an axis with sigma 0 left alone.
 * <p>
 * Boundaries ({@link Boundary}): scipy's 'constant' with cval 0 (used by the elastic field,
 * method.md §3.1), 'mirror' (d c b | a b c d | c b a, skimage's default for anti-aliased resizing)
 * and 'reflect' (d c b a | a b c d | d c b a). Kernels longer than the image wrap the extension
 * periodically, as scipy does.
 * <p>
 * Precision: the kernel is computed in double and normalised, then applied in float arithmetic
 * (relative error about 1e-6 against scipy's float64 result) so that the inner loops vectorise:
 * every pass is a sequence of contiguous multiply-adds. Images of at least
 * {@value #PARALLEL_MIN_VOXELS} voxels are split over the tasks of
 * {@link Parallelization#getTaskExecutor()}; smaller ones (a 64x64x32 cube) run on the calling
 * thread, since batch generation already parallelises over samples.
 * <pre>{@code
 * Img<FloatType> smooth = Gaussian.smooth(img, new double[] {2, 2, 1}, Gaussian.Boundary.MIRROR);
 * }</pre>
 */
public final class Gaussian {

	/** scipy's default truncation: the kernel reaches 4 sigma. */
	public static final double DEFAULT_TRUNCATE = 4.0;

	/** Images this large are filtered with the tasks of the current Parallelization context. */
	public static final int PARALLEL_MIN_VOXELS = 1 << 20;

	/** Floats per working unit of a row pass (n rows times the unit's width). */
	static final int UNIT_FLOATS = 32768;

	/** How values beyond the image border are defined. */
	public enum Boundary {
		/** scipy 'constant' with cval 0: zero padding. */
		ZERO,
		/** scipy 'mirror' (whole-sample symmetric): d c b | a b c d | c b a. */
		MIRROR,
		/** scipy 'reflect' (half-sample symmetric): d c b a | a b c d | d c b a. */
		REFLECT;

		/** Maps an index of the extended line to [0, n), or -1 for a zero (ZERO boundary). */
		public int map(int i, final int n) {
			if (i >= 0 && i < n) return i;
			switch (this) {
				case ZERO:
					return -1;
				case MIRROR: {
					if (n == 1) return 0;
					final int period = 2 * n - 2;
					i = Math.floorMod(i, period);
					return i < n ? i : period - i;
				}
				default: {
					final int period = 2 * n;
					i = Math.floorMod(i, period);
					return i < n ? i : period - 1 - i;
				}
			}
		}
	}

	private Gaussian() {}

	/** Kernel radius for {@code sigma}, as scipy: {@code (int) (truncate * sigma + 0.5)}. */
	public static int radius(final double sigma, final double truncate) {
		return (int) (truncate * sigma + 0.5);
	}

	/** The normalised kernel {@code exp(-x^2 / (2 sigma^2))}, x = -radius..radius. */
	public static float[] kernel(final double sigma, final double truncate) {
		Checks.require(sigma >= 0 && Double.isFinite(sigma), "sigma", "a finite value >= 0, got " +
			sigma);
		Checks.require(truncate > 0, "truncate", "a positive value, got " + truncate);
		final int r = radius(sigma, truncate);
		if (r == 0 || sigma == 0) return new float[] { 1 };
		final double[] k = new double[2 * r + 1];
		double sum = 0;
		for (int x = -r; x <= r; x++)
			sum += k[x + r] = Math.exp(-0.5 / (sigma * sigma) * x * x);
		final float[] f = new float[k.length];
		for (int i = 0; i < k.length; i++)
			f[i] = (float) (k[i] / sum);
		return f;
	}

	/** A new image: {@code in} smoothed with one sigma per axis, truncate 4. */
	public static Img<FloatType> smooth(final RandomAccessibleInterval<FloatType> in,
		final double[] sigmas, final Boundary boundary)
	{
		final FloatCube cube = FloatCube.copyOf(in);
		smooth(cube.data(), cube.dims(), sigmas, DEFAULT_TRUNCATE, boundary);
		return cube.toImg();
	}

	/**
	 * Smooths {@code data} (flat, x fastest, extents {@code dims}) in place.
	 *
	 * @param sigmas one standard deviation per axis, in voxels; 0 leaves that axis alone
	 */
	public static void smooth(final float[] data, final int[] dims, final double[] sigmas,
		final double truncate, final Boundary boundary)
	{
		Checks.require(sigmas.length == dims.length, "sigmas", dims.length + " values, got " +
			sigmas.length);
		Checks.require(data.length == FloatCube.size(dims), "data", "length " + FloatCube.size(
			dims) + " for " + Arrays.toString(dims) + ", got " + data.length);
		float[] src = data, tmp = null;
		for (int axis = 0; axis < dims.length; axis++) {
			final float[] k = kernel(sigmas[axis], truncate);
			if (k.length == 1) continue;
			// NB: a per-thread buffer for images up to Scratch.MAX_FLOATS
			if (tmp == null) tmp = Scratch.floats(Scratch.GAUSS_TMP, data.length);
			final float[] dst = src == data ? tmp : data;
			convolve(src, dst, dims, axis, k, boundary);
			src = dst;
		}
		if (src != data) System.arraycopy(src, 0, data, 0, data.length);
	}

	/** One 1D pass: {@code dst} = {@code src} convolved with symmetric {@code k} along axis. */
	static void convolve(final float[] src, final float[] dst, final int[] dims, final int axis,
		final float[] k, final Boundary boundary)
	{
		if (axis == 0 && dims.length > 1 && dims[1] > 1) {
			// NB: x is the contiguous axis; transposing x and y turns its short per-line loops into
			// the long contiguous multiply-adds of the other axes (several times faster).
			final int[] t = dims.clone();
			t[0] = dims[1];
			t[1] = dims[0];
			final float[] a = new float[src.length], b = new float[src.length];
			transposeXY(src, a, dims);
			convolve(a, b, t, 1, k, boundary);
			transposeXY(b, dst, t);
			return;
		}
		final int n = dims[axis];
		int inner = 1, outer = 1;
		for (int d = 0; d < axis; d++)
			inner *= dims[d];
		for (int d = axis + 1; d < dims.length; d++)
			outer *= dims[d];
		if (inner == 1) {
			final int r = k.length / 2;
			final float[] pad = new float[n + 2 * r], out = new float[n];
			for (int line = 0; line < outer; line++)
				convolveLine(src, dst, line * n, n, k, r, boundary, pad, out);
			return;
		}
		final Taps taps = new Taps(n, k, boundary);
		// Units of about UNIT_FLOATS / n columns per n rows, so the working rows stay in the L1/L2
		// cache: column chunks of one block when a block is wider, else several whole blocks side
		// by side (the x and y passes of a 64x64x32 cube have blocks of only 64 columns; short rows
		// leave the vectorised loops mostly in their pre- and post-loops).
		final int target = Math.max(16, (UNIT_FLOATS / n + 15) / 16 * 16);
		final int width = Math.min(inner, target);
		final int group = inner >= target ? 1 : Math.max(1, Math.min(outer, target / inner));
		final List<int[]> units = new ArrayList<>();
		for (int block = 0; block < outer; block += group)
			for (int c = 0; c < inner; c += width)
				units.add(new int[] { block, Math.min(group, outer - block), c, Math.min(inner, c +
					width) });
		final int finalInner = inner, rowLength = width * group;
		if (src.length < PARALLEL_MIN_VOXELS) {
			final float[][] in = Scratch.rows(0, n, rowLength), out = Scratch.rows(1, n, rowLength);
			for (final int[] u : units)
				convolveColumns(src, dst, finalInner, taps, u, in, out);
			return;
		}
		final TaskExecutor ex = Parallelization.getTaskExecutor();
		final int tasks = Math.max(1, Math.min(units.size(), ex.suggestNumberOfTasks()));
		final List<List<int[]>> parts = new ArrayList<>();
		for (int t = 0; t < tasks; t++)
			parts.add(units.subList(units.size() * t / tasks, units.size() * (t + 1) / tasks));
		ex.forEach(parts, part -> {
			final float[][] in = new float[n][rowLength], out = new float[n][rowLength];
			for (final int[] u : part)
				convolveColumns(src, dst, finalInner, taps, u, in, out);
		});
	}

	/**
	 * For every output index i along the axis, the input indices j with their summed weights
	 * (boundary extension folded in, zero-padding taps dropped): at most n taps per output even
	 * when the kernel is longer than the line.
	 */
	private static final class Taps {

		final int n;
		final int[][] rows;
		final float[][] weights;

		Taps(final int n, final float[] k, final Boundary boundary) {
			this.n = n;
			rows = new int[n][];
			weights = new float[n][];
			final int r = k.length / 2;
			final double[] sum = new double[n];
			for (int i = 0; i < n; i++) {
				Arrays.fill(sum, 0);
				for (int t = -r; t <= r; t++) {
					final int j = boundary.map(i + t, n);
					if (j >= 0) sum[j] += k[t + r];
				}
				int m = 0;
				for (int j = 0; j < n; j++)
					if (sum[j] != 0) m++;
				rows[i] = new int[m];
				weights[i] = new float[m];
				m = 0;
				for (int j = 0; j < n; j++)
					if (sum[j] != 0) {
						rows[i][m] = j;
						weights[i][m++] = (float) sum[j];
					}
			}
		}
	}

	/**
	 * One unit {block, blocks, c0, c1}: copies the columns [c0, c1) of the n rows of each of the
	 * {@code blocks} blocks side by side into separate row arrays, forms each output row as a
	 * weighted sum of input rows four at a time, copies the rows back. Every output value is the
	 * same sum in the same order whatever the unit layout.
	 * NB: separate row arrays indexed from 0 are what lets HotSpot C2 vectorise these loops;
	 * offset indexing into one shared array stays scalar (about 5x slower, measured on JDK 17).
	 */
	private static void convolveColumns(final float[] src, final float[] dst, final int inner,
		final Taps taps, final int[] unit, final float[][] in, final float[][] out)
	{
		final int n = taps.n, blocks = unit[1], c0 = unit[2], cols = unit[3] - unit[2];
		final int len = blocks * cols;
		for (int q = 0; q < blocks; q++) {
			final int base = (unit[0] + q) * n * inner + c0;
			for (int i = 0; i < n; i++)
				System.arraycopy(src, base + i * inner, in[i], q * cols, cols);
		}
		for (int i = 0; i < n; i++) {
			final int[] js = taps.rows[i];
			final float[] ws = taps.weights[i];
			final float[] y = out[i];
			Arrays.fill(y, 0, len, 0f);
			int t = 0;
			for (; t + 4 <= js.length; t += 4)
				add4(y, ws[t], in[js[t]], ws[t + 1], in[js[t + 1]], ws[t + 2], in[js[t + 2]], ws[t + 3],
					in[js[t + 3]], len);
			for (; t < js.length; t++)
				add1(y, ws[t], in[js[t]], len);
		}
		for (int q = 0; q < blocks; q++) {
			final int base = (unit[0] + q) * n * inner + c0;
			for (int i = 0; i < n; i++)
				System.arraycopy(out[i], q * cols, dst, base + i * inner, cols);
		}
	}

	private static void add4(final float[] y, final float w0, final float[] x0, final float w1,
		final float[] x1, final float w2, final float[] x2, final float w3, final float[] x3,
		final int len)
	{
		for (int e = 0; e < len; e++)
			y[e] += w0 * x0[e] + w1 * x1[e] + w2 * x2[e] + w3 * x3[e];
	}

	private static void add1(final float[] y, final float w, final float[] x, final int len) {
		for (int e = 0; e < len; e++)
			y[e] += w * x[e];
	}

	/** {@code dst(y, x, z) = src(x, y, z)}: swaps the first two axes, tiled for the cache. */
	static void transposeXY(final float[] src, final float[] dst, final int[] dims) {
		final int nx = dims[0], ny = dims[1], plane = nx * ny, nz = src.length / plane;
		final int tile = 32;
		for (int z = 0; z < nz; z++) {
			final int o = z * plane;
			for (int y0 = 0; y0 < ny; y0 += tile)
				for (int x0 = 0; x0 < nx; x0 += tile) {
					final int y1 = Math.min(ny, y0 + tile), x1 = Math.min(nx, x0 + tile);
					for (int y = y0; y < y1; y++)
						for (int x = x0; x < x1; x++)
							dst[o + x * ny + y] = src[o + y * nx + x];
				}
		}
	}

	private static void convolveLine(final float[] src, final float[] dst, final int base,
		final int n, final float[] k, final int r, final Boundary boundary, final float[] pad,
		final float[] out)
	{
		Arrays.fill(out, 0f);
		if (boundary == Boundary.ZERO) {
			// NB: taps that only see padding are skipped, so a radius above n costs nothing.
			for (int t = Math.max(-r, 1 - n); t <= Math.min(r, n - 1); t++) {
				final float w = k[t + r];
				final int lo = Math.max(0, -t), hi = Math.min(n, n - t);
				final int s = base + t;
				for (int o = lo; o < hi; o++)
					out[o] += w * src[s + o];
			}
		}
		else {
			for (int p = 0; p < pad.length; p++)
				pad[p] = src[base + boundary.map(p - r, n)];
			for (int t = 0; t < k.length; t++) {
				final float w = k[t];
				for (int o = 0; o < n; o++)
					out[o] += w * pad[o + t];
			}
		}
		System.arraycopy(out, 0, dst, base, n);
	}
}
