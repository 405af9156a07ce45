package org.transvw.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ResNet's basic residual block (He et al. 2016; torchvision {@code BasicBlock}, expansion 1):
 * {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))} with 3x3 convolutions without
 * bias, the first of stride {@code s}; the shortcut is the identity, or a 1x1 convolution of
 * stride s plus batch norm ({@code downsample.0}, {@code downsample.1}) when the stride or the
 * channel count changes. Child names are torchvision's, so a state dict maps key by key.
 * <p>
 * Forward: {@code NDList(x (N, in, H, W))} -> {@code NDList((N, out, ceil(H / s), ceil(W / s)))};
 * never closes {@code x}, closes its own intermediates.
 */
public final class BasicBlock2d extends AbstractBlock {

	private static final byte VERSION = 1;

	private final int in, out, stride;
	private final Block conv1, bn1, conv2, bn2, down, downBn;

	/**
	 * @param in input channels
	 * @param out output channels
	 * @param stride 1 or 2
	 */
	public BasicBlock2d(final int in, final int out, final int stride) {
		super(VERSION);
		this.in = in;
		this.out = out;
		this.stride = stride;
		conv1 = child("conv1", Layers2d.conv(out, 3, stride, false, Layers2d.KAIMING_FAN_OUT));
		bn1 = child("bn1", Layers2d.batchNorm());
		conv2 = child("conv2", Layers2d.conv(out, 3, 1, false, Layers2d.KAIMING_FAN_OUT));
		bn2 = child("bn2", Layers2d.batchNorm());
		final boolean project = stride != 1 || in != out;
		down = project ? child("downsample.0", Layers2d.conv(out, 1, stride, false,
			Layers2d.KAIMING_FAN_OUT)) : null;
		downBn = project ? child("downsample.1", Layers2d.batchNorm()) : null;
	}

	private Block child(final String name, final Block b) {
		// NB: added directly to keep torchvision's names (addChildBlock prefixes "01", "02")
		children.add(name, b);
		return b;
	}

	/** Whether the shortcut is a projection (1x1 conv + BN) rather than the identity. */
	public boolean projects() {
		return down != null;
	}

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList inputs,
		final boolean training, final PairList<String, Object> params)
	{
		final NDArray x = inputs.singletonOrThrow();
		final NDArray a = ConvBlocks.convBnRelu(ps, conv1, bn1, x, training);
		final NDArray c = conv2.forward(ps, new NDList(a), training).head();
		a.close();
		final NDArray d = bn2.forward(ps, new NDList(c), training).head();
		c.close();
		final NDArray sum;
		if (down == null) sum = d.add(x);
		else {
			final NDArray p = down.forward(ps, new NDList(x), training).head();
			final NDArray q = downBn.forward(ps, new NDList(p), training).head();
			p.close();
			sum = d.add(q);
			q.close();
		}
		d.close();
		final NDArray r = Activation.relu(sum);
		sum.close();
		return new NDList(r);
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		final Shape x = inputShapes[0];
		final Shape y = Layers2d.initialize(manager, dataType, conv1, bn1, x);
		Layers2d.initialize(manager, dataType, conv2, bn2, y);
		if (down != null) Layers2d.initialize(manager, dataType, down, downBn, x);
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		final Shape x = inputs[0];
		return new Shape[] { new Shape(x.get(0), out, (x.get(2) + stride - 1) / stride, (x.get(3) +
			stride - 1) / stride) };
	}

	@Override
	public String toString() {
		return "BasicBlock2d(" + in + " -> " + out + ", stride " + stride + ")";
	}
}
