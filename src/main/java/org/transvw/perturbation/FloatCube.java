package org.transvw.perturbation;

import java.util.Arrays;

import org.transvw.common.Checks;

import net.imglib2.Cursor;
import net.imglib2.Dimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * A 2D patch or 3D cube as one {@code float[]} in ImgLib2's flat order (x fastest, then y, then
 * z), the working buffer of every transform. {@link #toImg()} wraps the same array without a
 * copy.
 * <p>
 * Trap: the buffer is shared with the image {@link #toImg()} returns; copy before mutating a
 * cube someone else still reads.
 */
public final class FloatCube {

	private final float[] data;
	private final int[] dims;

	private FloatCube(final float[] data, final int[] dims) {
		this.data = data;
		this.dims = dims;
	}

	/** A zero-filled cube of the given extents (2 or 3 axes). */
	public static FloatCube zeros(final int... dims) {
		final int[] d = checkDims(dims);
		return new FloatCube(new float[size(d)], d);
	}

	/** Wraps {@code data} (not copied) as a cube with extents {@code dims}. */
	public static FloatCube wrap(final float[] data, final int... dims) {
		final int[] d = checkDims(dims);
		Checks.require(data.length == size(d), "data", size(d) + " values for " + Arrays
			.toString(d) + ", got " + data.length);
		return new FloatCube(data, d);
	}

	/** A copy of {@code in} (any interval; its min is ignored). */
	public static FloatCube copyOf(final RandomAccessibleInterval<FloatType> in) {
		final int[] d = dimsOf(in);
		final float[] data = new float[size(d)];
		if (in instanceof ArrayImg && ((ArrayImg<?, ?>) in).update(null) instanceof FloatArray) {
			System.arraycopy(((FloatArray) ((ArrayImg<?, ?>) in).update(null)).getCurrentStorageArray(),
				0, data, 0, data.length);
		}
		else {
			final Cursor<FloatType> c = Views.flatIterable(in).cursor();
			for (int i = 0; i < data.length; i++)
				data[i] = c.next().get();
		}
		return new FloatCube(data, d);
	}

	/** The extents of a 2D or 3D interval as ints. */
	public static int[] dimsOf(final Dimensions in) {
		final int n = in.numDimensions();
		Checks.require(n == 2 || n == 3, "cube", "a 2D patch or a 3D cube, got " + n + " axes");
		final int[] d = new int[n];
		for (int i = 0; i < n; i++)
			d[i] = Math.toIntExact(in.dimension(i));
		return checkDims(d);
	}

	public FloatCube copy() {
		return new FloatCube(data.clone(), dims.clone());
	}

	/** The backing array (not a copy). */
	public float[] data() {
		return data;
	}

	/** The extents (a copy). */
	public int[] dims() {
		return dims.clone();
	}

	public int dim(final int axis) {
		return dims[axis];
	}

	public int numDimensions() {
		return dims.length;
	}

	/** Distance in the flat array between neighbours along {@code axis}. */
	public int stride(final int axis) {
		int s = 1;
		for (int d = 0; d < axis; d++)
			s *= dims[d];
		return s;
	}

	/** Flat index of (x, y[, z]). */
	public int index(final int x, final int y, final int z) {
		return x + dims[0] * (y + (dims.length > 2 ? dims[1] * z : 0));
	}

	/** Extent along z, 1 for a 2D patch. */
	public int depth() {
		return dims.length > 2 ? dims[2] : 1;
	}

	/** This cube as an ImgLib2 image over the same array (no copy). */
	public ArrayImg<FloatType, FloatArray> toImg() {
		final long[] d = new long[dims.length];
		for (int i = 0; i < d.length; i++)
			d[i] = dims[i];
		return ArrayImgs.floats(data, d);
	}

	static int size(final int[] d) {
		long s = 1;
		for (final int v : d)
			s *= v;
		Checks.require(s <= Integer.MAX_VALUE - 8, "cube", "at most 2^31 voxels, got " + s);
		return (int) s;
	}

	private static int[] checkDims(final int[] dims) {
		Checks.require(dims.length == 2 || dims.length == 3, "cube",
			"a 2D patch or a 3D cube, got " + dims.length + " axes");
		for (final int v : dims)
			Checks.require(v >= 1, "cube", "positive extents, got " + Arrays.toString(dims));
		return dims.clone();
	}
}
