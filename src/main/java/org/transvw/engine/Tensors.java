package org.transvw.engine;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

import org.transvw.common.Checks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.blocks.PrimitiveBlocks;
import net.imglib2.converter.Converters;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Util;
import net.imglib2.view.Views;

/**
 * Copies between ImgLib2 images and DJL tensors, and owns the axis convention.
 * <p>
 * <b>Axis convention.</b> An ImgLib2 image with axes (x, y, z) becomes a tensor of shape
 * (N, C, X, Y, Z) in row-major order, i.e. z varies fastest ("tensor order"). This is the layout
 * of the reference code's numpy arrays (x, y, z), so imported TransVW / Models Genesis kernels
 * need no spatial permutation (method.md §7), and the layout of the visual-word dataset's
 * records. 2D images (x, y) become (N, C, X, Y). ImgLib2 images are x-fastest; a float array in
 * tensor order is seen as an (x, y, z) image through {@link #view} without a copy.
 * <p>
 * <b>Copies.</b> Every copy is a bulk block copy ({@link PrimitiveBlocks}) through a view with
 * the axes reversed: for an x-fastest image (an {@code ArrayImg}, a {@code PlanarImg}, any view
 * of them) that is the one transposing copy; for a {@link #view} of tensor-order data the two
 * reversals cancel and the block copy is a plain memory copy. Views PrimitiveBlocks cannot
 * analyse (e.g. converted types) are copied by its cursor fallback. Tensors are created from a
 * direct buffer, which DJL hands to the engine without another copy.
 * <p>
 * Every returned {@link NDArray} belongs to the given manager: callers open a sub-manager per
 * batch or tile and close it.
 */
public final class Tensors {

	private Tensors() {}

	/** One image as a (1, 1, X, Y[, Z]) float tensor. */
	public static NDArray toTensor(final NDManager manager,
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		return stack(manager, List.of(image));
	}

	/** Images of equal size stacked into an (N, 1, X, Y[, Z]) float tensor. */
	public static NDArray stack(final NDManager manager,
		final List<? extends RandomAccessibleInterval<? extends RealType<?>>> images)
	{
		Checks.require(!images.isEmpty(), "images", "at least one image");
		final long[] dims = images.get(0).dimensionsAsLongArray();
		final int per = voxels(dims);
		Checks.require((long) per * images.size() <= Integer.MAX_VALUE / 4, "images",
			"fewer than 2^29 voxels in one batch");
		final ByteBuffer bytes = manager.allocateDirect(4 * per * images.size());
		final FloatBuffer out = bytes.asFloatBuffer();
		final float[] one = new float[per];
		for (int i = 0; i < images.size(); i++) {
			final RandomAccessibleInterval<? extends RealType<?>> img = images.get(i);
			Checks.require(Arrays.equals(dims, img.dimensionsAsLongArray()), "images",
				"equal sizes, image " + i + " differs");
			copyToBuffer(img, one, 0);
			out.put(one);
		}
		final long[] shape = new long[dims.length + 2];
		shape[0] = images.size();
		shape[1] = 1;
		System.arraycopy(dims, 0, shape, 2, dims.length);
		return manager.create(bytes, new Shape(shape), DataType.FLOAT32);
	}

	/**
	 * Copies an image into {@code buffer} at {@code offset} in tensor order (last axis fastest).
	 */
	public static void copyToBuffer(final RandomAccessibleInterval<? extends RealType<?>> image,
		final float[] buffer, final int offset)
	{
		final RandomAccessibleInterval<FloatType> r = reversed(floats(image));
		final int n = voxels(r.dimensionsAsLongArray());
		Checks.require(offset >= 0 && offset + n <= buffer.length, "buffer", n +
			" values from offset " + offset + ", got length " + buffer.length);
		final float[] dest = offset == 0 && buffer.length == n ? buffer : new float[n];
		PrimitiveBlocks.of(r, PrimitiveBlocks.OnFallback.ACCEPT).copy(new long[r.numDimensions()],
			dest, ints(r.dimensionsAsLongArray()));
		if (dest != buffer) System.arraycopy(dest, 0, buffer, offset, n);
	}

	/**
	 * Appends an image to {@code out} in tensor order (last axis fastest), e.g. a record of a
	 * memory-mapped file, so files and tensors share one layout.
	 */
	public static void copyToBuffer(final RandomAccessibleInterval<? extends RealType<?>> image,
		final FloatBuffer out)
	{
		final float[] values = new float[voxels(image.dimensionsAsLongArray())];
		copyToBuffer(image, values, 0);
		out.put(values);
	}

	/** The spatial slab [n, c] of an (N, C, X, Y[, Z]) tensor as a new image (x, y[, z]). */
	public static Img<FloatType> toImg(final NDArray tensor, final int n, final int c) {
		final long[] shape = tensor.getShape().getShape();
		Checks.require(shape.length == 4 || shape.length == 5, "tensor",
			"shape (N, C, X, Y[, Z]), got " + tensor.getShape());
		final float[] all = tensor.toType(DataType.FLOAT32, false).toFloatArray();
		final long[] dims = Arrays.copyOfRange(shape, 2, shape.length);
		final int per = voxels(dims);
		final int offset = Math.toIntExact((n * shape[1] + c) * per);
		return fromBuffer(all, offset, dims);
	}

	/** A new image (x, y[, z]) from a buffer in tensor order (last axis fastest). */
	public static Img<FloatType> fromBuffer(final float[] buffer, final int offset,
		final long... dims)
	{
		final int n = voxels(dims);
		Checks.require(offset >= 0 && offset + n <= buffer.length, "buffer", n +
			" values from offset " + offset + ", got length " + buffer.length);
		final float[] slab = offset == 0 && buffer.length == n ? buffer : Arrays.copyOfRange(
			buffer, offset, offset + n);
		final float[] out = new float[n];
		PrimitiveBlocks.of(view(slab, dims), PrimitiveBlocks.OnFallback.ACCEPT).copy(
			new long[dims.length], out, ints(dims));
		return ArrayImgs.floats(out, dims);
	}

	/**
	 * The float array {@code tensorOrder} (last axis fastest) seen as an image (x, y[, z]) of
	 * extents {@code dims}, without a copy: writes go to the array. {@link #stack} copies such a
	 * view to a tensor with a plain memory copy.
	 */
	public static RandomAccessibleInterval<FloatType> view(final float[] tensorOrder,
		final long... dims)
	{
		Checks.require(tensorOrder.length == voxels(dims), "data", voxels(dims) + " values for " +
			Arrays.toString(dims) + ", got " + tensorOrder.length);
		final long[] rev = new long[dims.length];
		for (int d = 0; d < dims.length; d++)
			rev[d] = dims[dims.length - 1 - d];
		return reversed(ArrayImgs.floats(tensorOrder, rev));
	}

	/** The image as floats: itself when it is one, else a converting view. */
	@SuppressWarnings("unchecked")
	private static RandomAccessibleInterval<FloatType> floats(
		final RandomAccessibleInterval<? extends RealType<?>> image)
	{
		if (Util.getTypeFromInterval(image) instanceof FloatType)
			return (RandomAccessibleInterval<FloatType>) image;
		return converted(image);
	}

	private static <T extends RealType<?>> RandomAccessibleInterval<FloatType> converted(
		final RandomAccessibleInterval<T> image)
	{
		return Converters.convert(image, () -> (a, b) -> b.set(a.getRealFloat()), new FloatType());
	}

	/** The image with its axes in reverse order, so flat iteration runs the last axis fastest. */
	private static <T> RandomAccessibleInterval<T> reversed(final RandomAccessibleInterval<T> img) {
		final int n = img.numDimensions();
		RandomAccessibleInterval<T> v = Views.zeroMin(img);
		for (int d = 0; d < n / 2; d++)
			v = Views.permute(v, d, n - 1 - d);
		return v;
	}

	private static int voxels(final long[] dims) {
		long n = 1;
		for (final long d : dims)
			n *= d;
		Checks.require(n <= Integer.MAX_VALUE - 8, "image", "fewer than 2^31 voxels, got " + n);
		return (int) n;
	}

	private static int[] ints(final long[] dims) {
		final int[] s = new int[dims.length];
		for (int d = 0; d < s.length; d++)
			s[d] = Math.toIntExact(dims[d]);
		return s;
	}
}
