package org.transvw.discovery;

import java.util.Arrays;

import org.transvw.common.Checks;
import org.transvw.perturbation.Gaussian;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Anti-aliased (bi/tri)linear resizing with the semantics of skimage's
 * {@code transform.resize(img, shape, order=1, mode='reflect', anti_aliasing=None,
 * preserve_range=True)} (method.md §2.5), written on ImgLib2 core:
 * <ol>
 * <li>if any axis shrinks, a Gaussian blur with sigma {@code max(0, (in/out - 1) / 2)} per axis
 * (truncate 4, scipy 'mirror' boundary) — the one {@link Gaussian} of the project;</li>
 * <li>linear interpolation with half-pixel centres: output voxel {@code o} samples the input at
 * {@code (o + 0.5) * in/out - 0.5}; samples outside the image use the 'mirror' boundary
 * (d c b | a b c d | c b a).</li>
 * </ol>
 * Linear interpolation never leaves the input's value range, so skimage's {@code clip=True} is
 * implied. The multilinear interpolation is applied one axis after the other, which is exactly
 * the tensor-product (trilinear) interpolant.
 * <p>
 * Memory: one float copy of the input plus one temporary of the same size. Thread-safe.
 */
public final class Resize {

	private Resize() {}

	/** The anti-aliasing sigmas skimage uses: all 0 unless some axis shrinks. */
	public static double[] antiAliasingSigmas(final long[] in, final int[] out) {
		final double[] s = new double[in.length];
		boolean shrinks = false;
		for (int d = 0; d < in.length; d++)
			shrinks |= out[d] < in[d];
		if (!shrinks) return s;
		for (int d = 0; d < in.length; d++)
			s[d] = Math.max(0, ((double) in[d] / out[d] - 1) / 2);
		return s;
	}

	/** A new float image of size {@code out}: {@code in} resized as described above. */
	public static Img<FloatType> resize(final RandomAccessibleInterval<? extends RealType<?>> in,
		final int... out)
	{
		final int n = in.numDimensions();
		Checks.require(out.length == n, "size", n + " values, got " + Arrays.toString(out));
		for (final int o : out)
			Checks.positive(o, "size");
		final long[] inDims = in.dimensionsAsLongArray();
		long total = 1;
		for (final long d : inDims)
			total *= d;
		Checks.require(total <= Integer.MAX_VALUE - 8, "image", "fewer than 2^31 voxels, got " +
			total);
		int[] dims = new int[n];
		for (int d = 0; d < n; d++)
			dims[d] = (int) inDims[d];
		float[] data = new float[(int) total];
		int i = 0;
		for (final RealType<?> t : Views.flatIterable(in))
			data[i++] = t.getRealFloat();
		final double[] sigmas = antiAliasingSigmas(inDims, out);
		if (Arrays.stream(sigmas).anyMatch(s -> s > 0)) Gaussian.smooth(data, dims, sigmas,
			Gaussian.DEFAULT_TRUNCATE, Gaussian.Boundary.MIRROR);
		for (int axis = 0; axis < n; axis++) {
			if (dims[axis] == out[axis]) continue;
			final int[] next = dims.clone();
			next[axis] = out[axis];
			data = linearAlong(data, dims, axis, out[axis]);
			dims = next;
		}
		final Img<FloatType> img = ArrayImgs.floats(Arrays.stream(out).asLongStream().toArray());
		final Cursor<FloatType> c = Views.flatIterable(img).cursor();
		i = 0;
		while (c.hasNext())
			c.next().set(data[i++]);
		return img;
	}

	/** Linear resampling of axis {@code axis} (flat data, x fastest) to {@code m} samples. */
	static float[] linearAlong(final float[] src, final int[] dims, final int axis, final int m) {
		final int n = dims[axis];
		int inner = 1, outer = 1;
		for (int d = 0; d < axis; d++)
			inner *= dims[d];
		for (int d = axis + 1; d < dims.length; d++)
			outer *= dims[d];
		final int[] i0 = new int[m], i1 = new int[m];
		final float[] w1 = new float[m];
		final double scale = (double) n / m;
		for (int o = 0; o < m; o++) {
			final double c = (o + 0.5) * scale - 0.5;
			final int f = (int) Math.floor(c);
			w1[o] = (float) (c - f);
			i0[o] = Gaussian.Boundary.MIRROR.map(f, n);
			i1[o] = Gaussian.Boundary.MIRROR.map(f + 1, n);
		}
		final float[] dst = new float[inner * m * outer];
		for (int b = 0; b < outer; b++) {
			final int sBase = b * n * inner, dBase = b * m * inner;
			for (int o = 0; o < m; o++) {
				final int s0 = sBase + i0[o] * inner, s1 = sBase + i1[o] * inner;
				final int d0 = dBase + o * inner;
				final float w = w1[o], v = 1 - w;
				for (int e = 0; e < inner; e++)
					dst[d0 + e] = v * src[s0 + e] + w * src[s1 + e];
			}
		}
		return dst;
	}
}
