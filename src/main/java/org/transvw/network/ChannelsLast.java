package org.transvw.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The CPU memory layout of the 3D networks' activations: (N, C, X, Y, Z) tensors whose data is
 * stored channels-last (N, X, Y, Z, C), PyTorch's {@code channels_last_3d}. libtorch's oneDNN
 * convolutions then run without reordering their input and output on every call (measured 7-18 %
 * faster per convolution, forward and backward, than the default layout; docs/network.md), and a
 * 1x1x1 convolution becomes one matrix product over the (N*X*Y*Z, C) rows. Only strides change:
 * shapes, values and the tensor-order convention of {@code Tensors} are those of the default
 * layout, and reading a tensor back yields the same array.
 * <p>
 * Off on GPUs (cuDNN chooses its own layout) and with {@code -Dtransvw.channelsLast=false}.
 */
public final class ChannelsLast {

	private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty(
		"transvw.channelsLast"));

	private ChannelsLast() {}

	/** Whether {@code x} (a 5D tensor) is computed in the channels-last layout. */
	public static boolean applies(final NDArray x) {
		return ENABLED && x.getShape().dimension() == 5 && !x.getDevice().isGpu();
	}

	/**
	 * {@code x} (N, C, X, Y, Z) stored channels-last: a view when it already is (or C = 1), else
	 * one copy. Belongs to {@code x}'s manager.
	 */
	public static NDArray of(final NDArray x) {
		final Shape s = x.getShape();
		final NDArray p = x.transpose(0, 2, 3, 4, 1);
		// NB: flattening is a view exactly when p is contiguous, i.e. x was channels-last already
		final NDArray flat = p.reshape(-1);
		p.close();
		final NDArray q = flat.reshape(s.get(0), s.get(2), s.get(3), s.get(4), s.get(1));
		flat.close();
		final NDArray out = q.transpose(0, 4, 1, 2, 3);
		q.close();
		return out;
	}

	/** The voxels of a channels-last {@code x} (N, C, X, Y, Z) as rows (N*X*Y*Z, C), a view. */
	static NDArray rows(final NDArray x) {
		final NDArray p = x.transpose(0, 2, 3, 4, 1);
		final NDArray r = p.reshape(-1, x.getShape().get(1));
		p.close();
		return r;
	}

	/**
	 * The 1x1x1 convolution of {@code x} (N, in, X, Y, Z) with {@code w} (out, in, 1, 1, 1) and an
	 * optional bias, as one matrix product; the result (N, out, X, Y, Z) is channels-last.
	 */
	static NDArray pointwise(final NDArray x, final NDArray w, final NDArray b) {
		final Shape s = x.getShape();
		final NDArray cl = of(x);
		final NDArray rows = rows(cl);
		cl.close();
		final NDArray m = w.reshape(w.getShape().get(0), w.getShape().get(1));
		final NDArray mt = m.transpose();
		m.close();
		final NDArray z = rows.matMul(mt);
		rows.close();
		mt.close();
		final NDArray zb = b == null ? z : z.add(b);
		if (zb != z) z.close();
		final NDArray q = zb.reshape(s.get(0), s.get(2), s.get(3), s.get(4), w.getShape().get(0));
		zb.close();
		final NDArray out = q.transpose(0, 4, 1, 2, 3);
		q.close();
		return out;
	}
}
