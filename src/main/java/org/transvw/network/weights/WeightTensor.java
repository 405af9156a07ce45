package org.transvw.network.weights;

import java.util.Arrays;

/**
 * One tensor read from a weight file: dtype, shape (row-major, C order) and, for float32 /
 * float64 tensors, the values as float32. Other dtypes (e.g. the int64
 * {@code num_batches_tracked}) keep their shape but carry no values.
 */
public record WeightTensor(String dtype, long[] shape, float[] values) {

	public WeightTensor {
		shape = shape.clone();
		if (values != null && values.length != Arrays.stream(shape).reduce(1, (a, b) -> a * b))
			throw new IllegalArgumentException("values: expected " + Arrays.toString(shape) +
				" elements, got " + values.length);
	}

	/** A float32 tensor. */
	public static WeightTensor of(final long[] shape, final float[] values) {
		return new WeightTensor("float32", shape, values);
	}

	@Override
	public long[] shape() {
		return shape.clone();
	}

	/** Whether values are present (float tensor). */
	public boolean hasValues() {
		return values != null;
	}

	/** Shape as "[a, b, c]". */
	public String shapeString() {
		return Arrays.toString(shape);
	}

	/** The same values with axes permuted: result axis k is this tensor's axis {@code axes[k]}. */
	public WeightTensor permute(final int... axes) {
		final int n = shape.length;
		if (axes.length != n) throw new IllegalArgumentException("axes: expected " + n +
			" axes, got " + axes.length);
		final long[] outShape = new long[n];
		for (int k = 0; k < n; k++)
			outShape[k] = shape[axes[k]];
		final long[] inStride = new long[n];
		long s = 1;
		for (int d = n - 1; d >= 0; d--) {
			inStride[d] = s;
			s *= shape[d];
		}
		final float[] out = new float[values.length];
		final long[] idx = new long[n];
		for (int o = 0; o < out.length; o++) {
			long src = 0;
			for (int k = 0; k < n; k++)
				src += idx[k] * inStride[axes[k]];
			out[o] = values[(int) src];
			for (int k = n - 1; k >= 0; k--) {
				if (++idx[k] < outShape[k]) break;
				idx[k] = 0;
			}
		}
		return new WeightTensor(dtype, outShape, out);
	}

	/** The same values (row-major) under another shape with the same element count. */
	public WeightTensor reshape(final long... newShape) {
		return new WeightTensor(dtype, newShape, values);
	}
}
