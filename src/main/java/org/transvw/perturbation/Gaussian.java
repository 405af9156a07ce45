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
 * SPEC §3.1), 'mirror' (d c b | a b c d | c b a, skimage's default for anti-aliased resizing)
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
			if (tmp == null) tmp = new float[data.length];
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
		final int n = dims[axis];
		int inner = 1, outer = 1;
		for (int d = 0; d < axis; d++)
			inner *= dims[d];
		for (int d = axis + 1; d < dims.length; d++)
			outer *= dims[d];
		final int rows = inner == 1 ? outer : outer * n;
		final int finalInner = inner;
		if (src.length < PARALLEL_MIN_VOXELS) {
			convolveRows(src, dst, n, finalInner, k, boundary, 0, rows);
			return;
		}
		final TaskExecutor ex = Parallelization.getTaskExecutor();
		final int tasks = Math.max(1, Math.min(rows, ex.suggestNumberOfTasks()));
		final List<int[]> ranges = new ArrayList<>();
		for (int t = 0; t < tasks; t++)
			ranges.add(new int[] { (int) ((long) rows * t / tasks), (int) ((long) rows * (t + 1) /
				tasks) });
		ex.forEach(ranges, r -> convolveRows(src, dst, n, finalInner, k, boundary, r[0], r[1]));
	}

	/**
	 * Rows [from, to): for axis 0 (inner == 1) a row is one line along x; otherwise a row is one
	 * output index i of one outer block, i.e. a contiguous run of {@code inner} voxels.
	 */
	private static void convolveRows(final float[] src, final float[] dst, final int n,
		final int inner, final float[] k, final Boundary boundary, final int from, final int to)
	{
		final int r = k.length / 2;
		if (inner == 1) {
			final float[] pad = new float[n + 2 * r];
			final float[] out = new float[n];
			for (int line = from; line < to; line++)
				convolveLine(src, dst, line * n, n, k, r, boundary, pad, out);
			return;
		}
		for (int row = from; row < to; row++) {
			final int block = row / n, i = row % n;
			final int o = (block * n + i) * inner;
			Arrays.fill(dst, o, o + inner, 0f);
			for (int t = -r; t <= r; t++) {
				final int j = boundary.map(i + t, n);
				if (j < 0) continue;
				final float w = k[t + r];
				final int s = (block * n + j) * inner;
				for (int e = 0; e < inner; e++)
					dst[o + e] += w * src[s + e];
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
