package org.transvw.network;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The ResNet-18 encoder (He et al. 2016, torchvision {@code resnet18} without {@code avgpool}
 * and {@code fc}), written from basic blocks: stem {@code conv1} 7x7 stride 2 (no bias) +
 * {@code bn1} + ReLU + max pooling 3x3 stride 2 (padding 1), then {@code layer1..layer4} of two
 * {@link BasicBlock2d}s each, with {@code b, 2b, 4b, 8b} channels (64-128-256-512 at b = 64),
 * layers 2-4 starting with a stride-2 block with a projection shortcut. At b = 64 and 3 input
 * channels it has torchvision's 11,176,512 trainable parameters.
 * <p>
 * Forward: {@code NDList(x (N, in, H, W))} -> the five feature maps of the U-Net's skips,
 * {@code NDList(stem (N, b, H/2, W/2), layer1 (N, b, H/4, W/4), layer2 (N, 2b, H/8, W/8),
 * layer3 (N, 4b, H/16, W/16), layer4 (N, 8b, H/32, W/32))} ({@code stem} is the ReLU output
 * before pooling); H and W must be multiples of 32. Child names are torchvision's
 * ({@code conv1}, {@code bn1}, {@code layer2.0.downsample.0}, ...).
 */
public final class ResNet18Encoder2d extends AbstractBlock {

	private static final byte VERSION = 1;
	private static final Shape POOL = new Shape(3, 3), STRIDE = new Shape(2, 2), PAD = new Shape(1,
		1);

	private final int in;
	private final int[] channels;
	private final Block conv1, bn1;
	private final List<BasicBlock2d> blocks = new ArrayList<>();

	/**
	 * @param in input channels
	 * @param base stem channels (64 = ResNet-18)
	 */
	public ResNet18Encoder2d(final int in, final int base) {
		super(VERSION);
		this.in = in;
		channels = new int[] { base, base, 2 * base, 4 * base, 8 * base };
		conv1 = Layers2d.conv(base, 7, 2, false, Layers2d.KAIMING_FAN_OUT);
		bn1 = Layers2d.batchNorm();
		// NB: added directly to keep torchvision's names (addChildBlock prefixes "01", "02")
		children.add("conv1", conv1);
		children.add("bn1", bn1);
		int from = base;
		for (int layer = 1; layer <= 4; layer++)
			for (int unit = 0; unit < 2; unit++) {
				final int stride = layer > 1 && unit == 0 ? 2 : 1;
				final BasicBlock2d b = new BasicBlock2d(from, channels[layer], stride);
				children.add("layer" + layer + "." + unit, b);
				blocks.add(b);
				from = channels[layer];
			}
	}

	/** Output channels of the stem and of layer1..layer4. */
	public int[] channels() {
		return channels.clone();
	}

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList inputs,
		final boolean training, final PairList<String, Object> params)
	{
		final NDArray x = inputs.singletonOrThrow();
		final NDArray stem = ConvBlocks.convBnRelu(ps, conv1, bn1, x, training);
		final NDList features = new NDList(stem);
		NDArray h = Pool.maxPool2d(stem, POOL, STRIDE, PAD, false);
		for (int layer = 0; layer < 4; layer++) {
			final NDArray a = blocks.get(2 * layer).forward(ps, new NDList(h), training).head();
			// the pooled stem is scratch; layer outputs are features the caller closes
			if (layer == 0) h.close();
			h = blocks.get(2 * layer + 1).forward(ps, new NDList(a), training).head();
			a.close();
			features.add(h);
		}
		return features;
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		final Shape x = inputShapes[0];
		final Shape stem = Layers2d.initialize(manager, dataType, conv1, bn1, x);
		Shape h = new Shape(stem.get(0), stem.get(1), (stem.get(2) + 1) / 2, (stem.get(3) + 1) / 2);
		for (final BasicBlock2d b : blocks) {
			b.initialize(manager, dataType, h);
			h = b.getOutputShapes(new Shape[] { h })[0];
		}
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		final Shape x = inputs[0];
		final Shape[] out = new Shape[5];
		for (int l = 0; l < 5; l++) {
			final long f = 2L << l;
			out[l] = new Shape(x.get(0), channels[l], x.get(2) / f, x.get(3) / f);
		}
		return out;
	}

	@Override
	public String toString() {
		return "ResNet18Encoder2d(" + in + " -> " + channels[4] + ")";
	}
}
