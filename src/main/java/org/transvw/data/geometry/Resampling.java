package org.transvw.data.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.transvw.common.Checks;
import org.transvw.data.FloatImages;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Extent-preserving resampling of axis-aligned grids, on ImgLib2 core.
 * <p>
 * <b>Rule.</b> Voxel i of an axis with n voxels of spacing s covers the physical cell
 * {@code [o + (i - 1/2) s, o + (i + 1/2) s]} (its centre is {@code o + i s}, {@link Grid}), so the
 * grid covers the box {@code [o - s/2, o + (n - 1/2) s]}. Resampling to a target spacing t keeps
 * this box: {@code n' = max(1, round(n s / t))} voxels of the actual spacing {@code s' = n s / n'}
 * (which differs from t by the rounding), the first centre at {@code o + (s' - s)/2}. Output
 * voxel j therefore reads the input at the continuous index {@code x = (j + 1/2) n / n' - 1/2}
 * (nnU-Net's and scikit-image's alignment). Beyond the outermost centres (|x| up to half a
 * voxel) linear clamps to the edge value and B-spline mirrors; there is no anti-aliasing filter
 * when downsampling (as in nnU-Net). An axis whose size does not change is copied exactly.
 * <p>
 * Images are resampled in separable 1D passes (exact tensor-product linear or cubic B-spline,
 * each axis with its own {@link Interpolation}) into a float image; labels with
 * {@link #nearest}, which keeps their pixel type and never creates a value (255 = unlabelled
 * survives). Both run on {@link Parallelization}'s task executor; results do not depend on the
 * number of threads.
 */
public final class Resampling {

	private Resampling() {}

	/** The sizes {@code max(1, round(n s / t))} of the extent-preserving resampled grid. */
	public static long[] dims(final long[] dims, final double[] spacing, final double[] target) {
		final int n = dims.length;
		GeometryChecks.requireSpacing(target, n, "target spacing");
		final long[] out = new long[n];
		for (int d = 0; d < n; d++)
			out[d] = Math.max(1, Math.round(dims[d] * spacing[d] / target[d]));
		return out;
	}

	/**
	 * The grid covering the same physical box as {@code in} at (about) {@code target} spacing:
	 * {@link #dims}, actual spacing {@code n s / n'}, origin moved by half the spacing change along
	 * each index axis. An axis whose size is kept keeps its spacing and origin exactly.
	 */
	public static Grid grid(final Grid in, final double[] target) {
		final long[] d = in.dims();
		final long[] nd = dims(d, in.spacing(), target);
		return gridOfSize(in, nd);
	}

	/** The grid of {@code dims} voxels covering the same physical box as {@code in}. */
	public static Grid gridOfSize(final Grid in, final long[] dims) {
		final int n = in.numDimensions();
		Checks.require(dims.length == n, "dims", n + " sizes");
		final long[] d = in.dims();
		final double[] s = in.spacing();
		final double[] spacing = new double[n];
		final double[] shift = new double[n];
		for (int k = 0; k < n; k++) {
			Checks.require(dims[k] >= 1, "dims", "at least 1 voxel per axis, got " + Arrays.toString(
				dims));
			spacing[k] = dims[k] == d[k] ? s[k] : d[k] * s[k] / dims[k];
			shift[k] = dims[k] == d[k] ? 0 : (spacing[k] / s[k] - 1) / 2;
		}
		return new Grid(dims, spacing, in.world(shift), in.direction());
	}

	/**
	 * Resamples an image to {@code newDims} (same box, see the class rule) into a new float image,
	 * with {@code perAxis[d]} along axis d.
	 */
	public static RandomAccessibleInterval<FloatType> resample(
		final RandomAccessibleInterval<? extends RealType<?>> in, final long[] newDims,
		final Interpolation... perAxis)
	{
		final int n = in.numDimensions();
		Checks.require(newDims.length == n && perAxis.length == n, "resampling", n +
			" sizes and " + n + " interpolations");
		final long[] d0 = in.dimensionsAsLongArray();
		int[] dims = toInts(d0);
		toInts(newDims);
		float[] data = FloatImages.copy(in).update(null).getCurrentStorageArray();
		// NB: downsampling axes first keeps the intermediate images small
		final Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
		Arrays.sort(order, (a, b) -> Double.compare((double) newDims[a] / d0[a], (double) newDims[b] /
			d0[b]));
		for (final int axis : order) {
			if (newDims[axis] == dims[axis]) continue;
			data = pass(data, dims, axis, (int) newDims[axis], Checks.notNull(perAxis[axis],
				"interpolation"));
			dims = dims.clone();
			dims[axis] = (int) newDims[axis];
		}
		return ArrayImgs.floats(data, newDims);
	}

	/**
	 * Nearest-neighbour resampling to {@code newDims} (same box, see the class rule, ties round
	 * up) into a new image of the input's type: every output value is an input value.
	 */
	public static <T extends NativeType<T>> Img<T> nearest(final RandomAccessibleInterval<T> in,
		final long[] newDims)
	{
		final int n = in.numDimensions();
		Checks.require(newDims.length == n, "dims", n + " sizes");
		final RandomAccessibleInterval<T> src = Views.zeroMin(in);
		final long[] d = src.dimensionsAsLongArray();
		final int[][] map = new int[n][];
		for (int k = 0; k < n; k++)
			map[k] = kernel(Interpolation.NEAREST, toInts(d)[k], toInts(newDims)[k]).index;
		final Img<T> out = new ArrayImgFactory<>(in.getType().createVariable()).create(newDims);
		final int last = n - 1;
		final List<Long> slices = new ArrayList<>();
		for (long z = 0; z < newDims[last]; z++)
			slices.add(z);
		Parallelization.getTaskExecutor().forEach(slices, z -> {
			final RandomAccess<T> ra = src.randomAccess();
			ra.setPosition(map[last][z.intValue()], last);
			final Cursor<T> c = Views.flatIterable(Views.hyperSlice(out, last, z)).localizingCursor();
			while (c.hasNext()) {
				final T t = c.next();
				for (int k = 0; k < last; k++)
					ra.setPosition(map[k][c.getIntPosition(k)], k);
				t.set(ra.get());
			}
		});
		return out;
	}

	/** Precomputed taps of one axis: output j reads {@code index[j*taps + t]} with its weight. */
	private record Kernel(int taps, int[] index, double[] weight) {}

	private static Kernel kernel(final Interpolation ip, final int n, final int m) {
		final int taps = ip.taps();
		final int[] index = new int[m * taps];
		final double[] weight = new double[m * taps];
		for (int j = 0; j < m; j++) {
			final double x = (j + 0.5) * n / m - 0.5;
			final int at = j * taps;
			switch (ip) {
				case NEAREST:
					index[at] = (int) Math.max(0, Math.min(n - 1, Math.floor(x + 0.5)));
					weight[at] = 1;
					break;
				case LINEAR: {
					final double c = Math.max(0, Math.min(n - 1, x));
					final int i0 = (int) Math.min(Math.floor(c), Math.max(0, n - 2));
					index[at] = i0;
					index[at + 1] = Math.min(i0 + 1, n - 1);
					weight[at + 1] = c - i0;
					weight[at] = 1 - weight[at + 1];
					break;
				}
				default: {
					final long i = (long) Math.floor(x);
					BSpline.weights(x, weight, at);
					for (int t = 0; t < 4; t++)
						index[at + t] = BSpline.mirror(i - 1 + t, n);
				}
			}
		}
		return new Kernel(taps, index, weight);
	}

	/** One separable pass along {@code axis}: n -> m samples on every line. */
	private static float[] pass(final float[] in, final int[] dims, final int axis, final int m,
		final Interpolation ip)
	{
		final int n = dims[axis];
		long strideL = 1, outerL = 1;
		for (int d = 0; d < axis; d++)
			strideL *= dims[d];
		for (int d = axis + 1; d < dims.length; d++)
			outerL *= dims[d];
		final int stride = (int) strideL, outer = (int) outerL;
		final float[] out = new float[Math.toIntExact(strideL * m * outerL)];
		final Kernel k = kernel(ip, n, m);
		// NB: strided axes gather blocks of adjacent lines, so memory is read contiguously
		final int block = Math.min(stride, 64);
		final int perOuter = (stride + block - 1) / block;
		final long tasks = (long) outer * perOuter;
		final TaskExecutor ex = Parallelization.getTaskExecutor();
		final int chunks = (int) Math.max(1, Math.min(tasks, 4L * ex.suggestNumberOfTasks()));
		final List<long[]> ranges = new ArrayList<>();
		for (int c = 0; c < chunks; c++)
			ranges.add(new long[] { tasks * c / chunks, tasks * (c + 1) / chunks });
		ex.forEach(ranges, r -> {
			final double[] tile = new double[n * block];
			for (long t = r[0]; t < r[1]; t++) {
				final int o = (int) (t / perOuter);
				final int s0 = (int) (t % perOuter) * block;
				final int b = Math.min(block, stride - s0);
				line(in, out, tile, (long) o * n * stride + s0, (long) o * m * stride + s0, stride, b, n,
					m, k, ip == Interpolation.BSPLINE3);
			}
		});
		return out;
	}

	private static void line(final float[] in, final float[] out, final double[] tile,
		final long inBase, final long outBase, final int stride, final int b, final int n,
		final int m, final Kernel k, final boolean prefilter)
	{
		for (int i = 0; i < n; i++)
			for (int q = 0; q < b; q++)
				tile[i * b + q] = in[(int) (inBase + (long) i * stride + q)];
		if (prefilter) for (int q = 0; q < b; q++)
			BSpline.prefilter(tile, q, b, n);
		final int taps = k.taps();
		final int[] index = k.index();
		final double[] weight = k.weight();
		for (int j = 0; j < m; j++) {
			final int at = j * taps;
			final int dst = (int) (outBase + (long) j * stride);
			for (int q = 0; q < b; q++) {
				double v = 0;
				for (int t = 0; t < taps; t++)
					v += weight[at + t] * tile[index[at + t] * b + q];
				out[dst + q] = (float) v;
			}
		}
	}

	private static long size(final long[] dims) {
		return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
	}

	private static int[] toInts(final long[] dims) {
		Checks.require(size(dims) <= Integer.MAX_VALUE - 8, "image size", "at most 2^31 voxels, got " +
			Arrays.toString(dims));
		return Arrays.stream(dims).mapToInt(Math::toIntExact).toArray();
	}
}
