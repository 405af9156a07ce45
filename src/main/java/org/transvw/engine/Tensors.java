package org.transvw.engine;

import java.nio.FloatBuffer;
import java.util.List;

import org.transvw.common.Checks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Copies between ImgLib2 images and DJL tensors, and owns the axis convention.
 * <p>
 * <b>Axis convention.</b> An ImgLib2 image with axes (x, y, z) becomes a tensor of shape
 * (N, C, X, Y, Z) in row-major order, i.e. z varies fastest. This is the layout of the reference
 * code's numpy arrays (x, y, z), so imported TransVW / Models Genesis kernels need no spatial
 * permutation (method.md §7). 2D images (x, y) become (N, C, X, Y). ImgLib2 iterates x fastest,
 * hence the copies go through a view with the axes reversed.
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
		final long per = Views.iterable(images.get(0)).size();
		Checks.require(per * images.size() <= Integer.MAX_VALUE, "images",
			"fewer than 2^31 voxels in one batch");
		final float[] buffer = new float[(int) (per * images.size())];
		for (int i = 0; i < images.size(); i++) {
			final RandomAccessibleInterval<? extends RealType<?>> img = images.get(i);
			Checks.require(java.util.Arrays.equals(dims, img.dimensionsAsLongArray()), "images",
				"equal sizes, image " + i + " differs");
			copyToBuffer(img, buffer, (int) (i * per));
		}
		final long[] shape = new long[dims.length + 2];
		shape[0] = images.size();
		shape[1] = 1;
		System.arraycopy(dims, 0, shape, 2, dims.length);
		return manager.create(buffer, new Shape(shape));
	}

	/**
	 * Copies an image into {@code buffer} at {@code offset} in tensor order (last axis fastest).
	 */
	public static void copyToBuffer(final RandomAccessibleInterval<? extends RealType<?>> image,
		final float[] buffer, final int offset)
	{
		int i = offset;
		for (final RealType<?> t : Views.flatIterable(reversed(image)))
			buffer[i++] = t.getRealFloat();
	}

	/**
	 * Appends an image to {@code out} in tensor order (last axis fastest), e.g. a record of a
	 * memory-mapped file, so files and tensors share one layout.
	 */
	public static void copyToBuffer(final RandomAccessibleInterval<? extends RealType<?>> image,
		final FloatBuffer out)
	{
		for (final RealType<?> t : Views.flatIterable(reversed(image)))
			out.put(t.getRealFloat());
	}

	/** The spatial slab [n, c] of an (N, C, X, Y[, Z]) tensor as a new image (x, y[, z]). */
	public static Img<FloatType> toImg(final NDArray tensor, final int n, final int c) {
		final long[] shape = tensor.getShape().getShape();
		Checks.require(shape.length == 4 || shape.length == 5, "tensor",
			"shape (N, C, X, Y[, Z]), got " + tensor.getShape());
		final float[] all = tensor.toType(DataType.FLOAT32, false).toFloatArray();
		final long[] dims = new long[shape.length - 2];
		System.arraycopy(shape, 2, dims, 0, dims.length);
		int per = 1;
		for (final long d : dims)
			per *= (int) d;
		final int offset = (int) ((n * shape[1] + c) * per);
		return fromBuffer(all, offset, dims);
	}

	/** An image (x, y[, z]) from a buffer in tensor order (last axis fastest). */
	public static Img<FloatType> fromBuffer(final float[] buffer, final int offset,
		final long... dims)
	{
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = Views.flatIterable(reversed(img)).cursor();
		int i = offset;
		while (c.hasNext())
			c.next().set(buffer[i++]);
		return img;
	}

	/** The image with its axes in reverse order, so flat iteration runs the last axis fastest. */
	private static <T> RandomAccessibleInterval<T> reversed(final RandomAccessibleInterval<T> img) {
		final int n = img.numDimensions();
		RandomAccessibleInterval<T> v = Views.zeroMin(img);
		for (int d = 0; d < n / 2; d++)
			v = Views.permute(v, d, n - 1 - d);
		return v;
	}
}
