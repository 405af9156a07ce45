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
 * NB: round 1 padded channels to multiples of 16 here around a claimed libtorch 2.7.1 CPU
 * defect. Its reproducer ({@code org.transvw.engine.ConvolutionCheck}, run by
 * {@code ConvolutionCheckTest} and {@code bin/transvw-bench conv3d}) finds the unpadded float32
 * convolution equal to the float64 one for every channel count a U-Net uses, with 1 and 2
 * threads, so the convolution is now libtorch's own (docs/network.md). On the CPU it runs in the
 * {@link ChannelsLast} layout.
 */
public final class Conv3dSame extends AbstractBlock {

	private static final byte VERSION = 1;

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
		this.out = out;
		this.kernel = kernel;
		weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
			.optShape(new Shape(out, in, kernel, kernel, kernel)).build());
		bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
			.optShape(new Shape(out)).build());
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
	 * Stride-1 convolution of x (N, in, X, Y, Z) with w (out, in, k, k, k), optional bias, and
	 * {@code pad} zeros on every side. The result belongs to {@code x}'s manager.
	 */
	static NDArray convolve(final NDArray x, final NDArray w, final NDArray b, final int pad) {
		// NB: oneDNN's channels-last kernel for one input channel is 5-10x slower than its default
		// one (the U-Net's first convolution); the next convolution converts the output
		if (!ChannelsLast.applies(x) || x.getShape().get(1) == 1) return Conv3d.conv3d(x, w, b, new Shape(1, 1, 1), new Shape(
			pad, pad, pad)).head();
		if (w.getShape().get(2) == 1 && pad == 0) return ChannelsLast.pointwise(x, w, b);
		final NDArray cl = ChannelsLast.of(x);
		final NDArray y = Conv3d.conv3d(cl, w, b, new Shape(1, 1, 1), new Shape(pad, pad, pad))
			.head();
		cl.close();
		return y;
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		final Shape x = inputs[0];
		return new Shape[] { new Shape(x.get(0), out, x.get(2), x.get(3), x.get(4)) };
	}
}
