package org.transvw.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * Learned 2x up-sampling equal to PyTorch's {@code ConvTranspose3d(c, c, kernel 2, stride 2)}
 * (method.md §4.1), built from what DJL's PyTorch engine has: a 1x1x1 convolution (no bias) to 8c
 * channels, depth-to-space, then one bias per output channel.
 * <p>
 * Parameters: {@code weight} (8*out, in, 1, 1, 1) holding the transposed-convolution weight W
 * (in, out, 2, 2, 2) as {@code W.permute(1, 2, 3, 4, 0).reshape(8*out, in, 1, 1, 1)} (channel
 * {@code o*8 + a*4 + b*2 + c}); {@code bias} (out), as in PyTorch. Initialisation as PyTorch's:
 * U(+-1/sqrt(8*out)) for both.
 */
public final class Upsample2x extends AbstractBlock {

	private static final byte VERSION = 1;

	private final int out;
	private final Parameter weight;
	private final Parameter bias;

	/** @param in input channels; @param out output channels */
	public Upsample2x(final int in, final int out) {
		super(VERSION);
		this.out = out;
		final UniformInitializer init = new UniformInitializer((float) (1 / Math.sqrt(8.0 * out)));
		weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
			.optShape(new Shape(8L * out, in, 1, 1, 1)).optInitializer(init).build());
		bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
			.optShape(new Shape(out)).optInitializer(init).build());
	}

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList inputs,
		final boolean training, final PairList<String, Object> params)
	{
		final NDArray x = inputs.singletonOrThrow();
		final NDArray w = ps.getValue(weight, x.getDevice(), training);
		final NDArray b = ps.getValue(bias, x.getDevice(), training);
		if (ChannelsLast.applies(x)) return new NDList(channelsLast(x, w, b));
		final NDArray z = Conv3dSame.convolve(x, w, null, 0);
		final NDArray y = depthToSpace(z);
		z.close();
		// NB: the reshaped bias belongs to the parameter's manager: close it, or it leaks there
		final NDArray bv = b.reshape(1, out, 1, 1, 1);
		final NDArray r = y.add(bv);
		bv.close();
		y.close();
		return new NDList(r);
	}

	/**
	 * The same in the {@link ChannelsLast} layout, as one matrix product of the (N*X*Y*Z, in)
	 * rows with the weight's rows reordered to (a, b, c, o): then the output channel o is the
	 * fastest axis of both the product and the channels-last result, and the one rearranging
	 * copy (and its gradient's) moves runs of {@code out} floats, not single values.
	 */
	private NDArray channelsLast(final NDArray x, final NDArray w, final NDArray b) {
		final Shape s = x.getShape();
		final long n = s.get(0), in = s.get(1), dx = s.get(2), dy = s.get(3), dz = s.get(4);
		final NDArray w5 = w.reshape(out, 8, in);
		final NDArray wt = w5.transpose(1, 0, 2);
		w5.close();
		final NDArray wr = wt.reshape(8L * out, in, 1, 1, 1);
		wt.close();
		final NDArray z = ChannelsLast.pointwise(x, wr, null);
		wr.close();
		final NDArray p = z.transpose(0, 2, 3, 4, 1);
		z.close();
		final NDArray r = p.reshape(n, dx, dy, dz, 2, 2, 2, out);
		p.close();
		final NDArray t = r.transpose(0, 1, 4, 2, 5, 3, 6, 7);
		r.close();
		final NDArray q = t.reshape(n, 2 * dx, 2 * dy, 2 * dz, out);
		t.close();
		final NDArray qb = q.add(b);
		q.close();
		final NDArray o = qb.transpose(0, 4, 1, 2, 3);
		qb.close();
		return o;
	}

	/**
	 * (N, 8C, X, Y, Z) -> (N, C, 2X, 2Y, 2Z): channel {@code o*8 + a*4 + b*2 + c} goes to voxel
	 * (2x+a, 2y+b, 2z+c) of channel o, the ConvTranspose3d(k2, s2) output layout.
	 */
	public static NDArray depthToSpace(final NDArray z) {
		final Shape s = z.getShape();
		final long n = s.get(0), c = s.get(1) / 8, dx = s.get(2), dy = s.get(3), dz = s.get(4);
		final NDArray r = z.reshape(n, c, 2, 2, 2, dx, dy, dz);
		final NDArray t = r.transpose(0, 1, 5, 2, 6, 3, 7, 4);
		r.close();
		final NDArray o = t.reshape(n, c, 2 * dx, 2 * dy, 2 * dz);
		t.close();
		return o;
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		final Shape x = inputs[0];
		return new Shape[] { new Shape(x.get(0), out, 2 * x.get(2), 2 * x.get(3), 2 * x.get(4)) };
	}
}
