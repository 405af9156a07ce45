package org.transvw.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A cubic 3D convolution with stride 1, 'same' zero padding and bias; parameters {@code weight}
 * (out, in, k, k, k) and {@code bias} (out), as PyTorch's {@code Conv3d}.
 * <p>
 * NB: libtorch 2.7.1 (DJL 0.36's CPU build) computes float32 3D convolutions wrongly when the
 * input has more than 16 channels and not a multiple of 16 (errors ~0.1-0.5 measured on an AMD
 * EPYC; e.g. the 24-channel decoder input of a base-1 or base-2 U-Net, the 48 of base 4 are
 * fine but 24 is not). Such inputs are padded with zero channels (and the weight with zero
 * columns) up to the next multiple of 16, which is exact; widths 8 and 32 never need it.
 */
public final class Conv3dSame extends AbstractBlock {

	private static final byte VERSION = 1;
	/** Channel granularity that libtorch's CPU convolution handles correctly. */
	static final int CHANNEL_BLOCK = 16;

	private final int in;
	private final int out;
	private final int kernel;
	private final Parameter weight;
	private final Parameter bias;

	/**
	 * @param in input channels
	 * @param out filters
	 * @param kernel odd kernel size (1 or 3 here)
	 */
	public Conv3dSame(final int in, final int out, final int kernel) {
		super(VERSION);
		this.in = in;
		this.out = out;
		this.kernel = kernel;
		weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
			.optShape(new Shape(out, in, kernel, kernel, kernel)).build());
		bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
			.optShape(new Shape(out)).build());
	}

	/** Whether inputs of {@code channels} are padded (see the class note). */
	static boolean needsPadding(final int channels) {
		return channels > CHANNEL_BLOCK && channels % CHANNEL_BLOCK != 0;
	}

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList inputs,
		final boolean training, final PairList<String, Object> params)
	{
		final NDArray x = inputs.singletonOrThrow();
		final NDArray w = ps.getValue(weight, x.getDevice(), training);
		final NDArray b = ps.getValue(bias, x.getDevice(), training);
		return new NDList(convolve(x, w, b, kernel / 2));
	}

	/**
	 * Stride-1 convolution of x (N, in, X, Y, Z) with w (out, in, k, k, k) and optional bias,
	 * with input and output channels padded by zeros to multiples of 16 where libtorch needs it
	 * (class note). The result belongs to {@code x}'s manager.
	 */
	static NDArray convolve(final NDArray x, final NDArray w, final NDArray b, final int pad) {
		final Shape ws = w.getShape();
		final int out = (int) ws.get(0), in = (int) ws.get(1), k = (int) ws.get(2);
		final Shape stride = new Shape(1, 1, 1);
		final Shape padding = new Shape(pad, pad, pad);
		final int inExtra = needsPadding(in) ? CHANNEL_BLOCK - in % CHANNEL_BLOCK : 0;
		final int outExtra = out % CHANNEL_BLOCK != 0 ? CHANNEL_BLOCK - out % CHANNEL_BLOCK : 0;
		if (inExtra == 0 && outExtra == 0) return Conv3d.conv3d(x, w, b, stride, padding).head();
		final NDManager m = x.getManager();
		final Shape s = x.getShape();
		// NB: zero blocks come first so that every concatenation belongs to x's manager, not to
		// the parameters' (which would leak one array per step)
		NDArray xp = x;
		if (inExtra > 0) try (NDArray z = m.zeros(new Shape(s.get(0), inExtra, s.get(2), s.get(3),
			s.get(4)), x.getDataType(), x.getDevice()))
		{
			xp = z.concat(x, 1);
		}
		NDArray wp = w;
		if (inExtra > 0) try (NDArray z = m.zeros(new Shape(out, inExtra, k, k, k), w.getDataType(),
			x.getDevice()))
		{
			wp = z.concat(w, 1);
		}
		NDArray bp = b;
		if (outExtra > 0) {
			try (NDArray z = m.zeros(new Shape(outExtra, in + inExtra, k, k, k), w.getDataType(), x
				.getDevice()))
			{
				final NDArray t = z.concat(wp, 0);
				if (wp != w) wp.close();
				wp = t;
			}
			if (b != null) try (NDArray z = m.zeros(new Shape(outExtra), b.getDataType(), x
				.getDevice()))
			{
				bp = z.concat(b, 0);
			}
		}
		final NDArray y = Conv3d.conv3d(xp, wp, bp, stride, padding).head();
		if (xp != x) xp.close();
		if (wp != w) wp.close();
		if (bp != b) bp.close();
		if (outExtra == 0) return y;
		final NDArray r = y.get(new NDIndex(":, {}:", outExtra));
		y.close();
		return r;
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		final Shape x = inputs[0];
		return new Shape[] { new Shape(x.get(0), out, x.get(2), x.get(3), x.get(4)) };
	}
}
