package org.transvw.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
		final int p = kernel / 2;
		final Shape stride = new Shape(1, 1, 1);
		final Shape pad = new Shape(p, p, p);
		if (!needsPadding(in)) return Conv3d.conv3d(x, w, b, stride, pad);
		final int extra = CHANNEL_BLOCK - in % CHANNEL_BLOCK;
		final Shape s = x.getShape();
		// NB: the zero blocks come first so that the concatenations belong to the input's manager
		try (NDArray zx = x.getManager().zeros(new Shape(s.get(0), extra, s.get(2), s.get(3), s
			.get(4)), x.getDataType(), x.getDevice());
			NDArray zw = x.getManager().zeros(new Shape(out, extra, kernel, kernel, kernel), w
				.getDataType(), x.getDevice());
			NDArray xp = zx.concat(x, 1);
			NDArray wp = zw.concat(w, 1))
		{
			return Conv3d.conv3d(xp, wp, b, stride, pad);
		}
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		final Shape x = inputs[0];
		return new Shape[] { new Shape(x.get(0), out, x.get(2), x.get(3), x.get(4)) };
	}
}
