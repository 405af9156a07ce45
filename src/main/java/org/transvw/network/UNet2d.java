package org.transvw.network;


import org.transvw.common.Checks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * The light 2D option (docs/xray-2d.md): the {@link UNet3d}'s plan in two dimensions.
 * <ul>
 * <li>Encoder levels 0-3, two units each (conv 3x3 with bias + BN + ReLU): (in -> b -> 2b),
 * (2b -> 2b -> 4b), (4b -> 4b -> 8b), (8b -> 8b -> 16b); 2x2 max pooling (stride 2) after levels
 * 0-2; level 3 is the bottleneck. Layers {@code encoder.level{l}.conv{u}} / {@code .bn{u}}.</li>
 * <li>Decoder levels 0-2: nearest 2x up-sampling (as the Keras 3D flavour; no learned
 * up-convolution), concatenation with the skip of 8b, 4b, 2b channels, then units
 * (from + skip -> skip) and (skip -> skip). Layers {@code decoder.level{l}.conv{u}}.</li>
 * <li>{@code final_conv}: 1x1 with bias, 2b -> outChannels, then the output activation.</li>
 * <li>Head ({@code numClasses > 0}): global average pooling of the bottleneck, {@code cls_fc}
 * (16b units) + ReLU, {@code cls_output} (C logits).</li>
 * </ul>
 * Forward: {@code NDList(x (N, in, H, W))} -> {@code NDList(seg (N, out, H, W)[, logits (N, C)])};
 * H and W multiples of {@link #requiredMultiple()} (8).
 */
public final class UNet2d extends AbstractBlock implements Network2d {

	private static final byte VERSION = 1;
	private static final Shape POOL = new Shape(2, 2);
	private static final Shape NO_PAD = new Shape(0, 0);

	/** Spatial sizes must be multiples of this (3 poolings). */
	public static final int REQUIRED_MULTIPLE = 8;

	private final UNet2dConfig config;
	/** conv/bn per unit: 0-7 encoder, 8-13 decoder. */
	private final Block[] conv = new Block[14], bn = new Block[14];
	private final int[] unitIn = new int[14], unitOut = new int[14];
	private final Block finalConv;
	private final Block clsFc, clsOutput;

	private UNet2d(final UNet2dConfig config) {
		super(VERSION);
		this.config = config;
		final int b = config.baseWidth();
		int in = config.inChannels();
		for (int l = 0; l < 4; l++) {
			final int mid = l == 0 ? b : in, out = b << (l + 1);
			unit(2 * l, "encoder.level" + l, 0, in, mid);
			unit(2 * l + 1, "encoder.level" + l, 1, mid, out);
			in = out;
		}
		for (int l = 0; l < 3; l++) {
			final int from = (16 * b) >> l, skip = (8 * b) >> l;
			unit(8 + 2 * l, "decoder.level" + l, 0, from + skip, skip);
			unit(9 + 2 * l, "decoder.level" + l, 1, skip, skip);
		}
		finalConv = add("final_conv", Layers2d.conv(config.outChannels(), 1, 1, true,
			Layers2d.GLOROT_UNIFORM));
		clsFc = config.numClasses() > 0 ? add("cls_fc", Layers2d.dense(config.headUnits())) : null;
		clsOutput = config.numClasses() > 0 ? add("cls_output", Layers2d.dense(config
			.numClasses())) : null;
	}

	private void unit(final int i, final String level, final int u, final int in, final int out) {
		unitIn[i] = in;
		unitOut[i] = out;
		conv[i] = add(level + ".conv" + u, Layers2d.conv(out, 3, 1, true, Layers2d.HE_UNIFORM));
		bn[i] = add(level + ".bn" + u, Layers2d.batchNorm());
	}

	private Block add(final String name, final Block b) {
		// NB: added directly to keep the names (addChildBlock prefixes "01", "02")
		children.add(name, b);
		return b;
	}

	/** Builder: base 32, 1 -> 1 channel, sigmoid, no head. */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds a network from a stored config. */
	public static UNet2d of(final UNet2dConfig config) {
		return new UNet2d(Checks.notNull(config, "config"));
	}

	@Override
	public UNet2dConfig config() {
		return config;
	}

	@Override
	public int requiredMultiple() {
		return REQUIRED_MULTIPLE;
	}

	/** Channels of the bottleneck feature ({@code 16 * baseWidth}). */
	public int bottleneckChannels() {
		return 16 * config.baseWidth();
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		// NB: weight shapes depend on channels only: small spatial sizes suffice
		for (int i = 0; i < 14; i++)
			Layers2d.initialize(manager, dataType, conv[i], bn[i], new Shape(1, unitIn[i], 4, 4));
		finalConv.initialize(manager, dataType, new Shape(1, 2L * config.baseWidth(), 4, 4));
		if (clsFc != null) {
			clsFc.initialize(manager, dataType, new Shape(1, bottleneckChannels()));
			clsOutput.initialize(manager, dataType, new Shape(1, config.headUnits()));
		}
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		final Shape x = inputs[0];
		final Shape seg = new Shape(x.get(0), config.outChannels(), x.get(2), x.get(3));
		return config.numClasses() > 0 ? new Shape[] { seg, new Shape(x.get(0), config
			.numClasses()) } : new Shape[] { seg };
	}

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList inputs,
		final boolean training, final PairList<String, Object> params)
	{
		final NDArray x = inputs.head();
		checkInput(x.getShape());
		final NDArray[] skips = new NDArray[3];
		final NDArray bottom = encode(ps, x, training, skips);
		NDArray h = bottom;
		for (int l = 0; l < 3; l++) {
			final NDArray u = Layers2d.upsampleNearest(h);
			if (h != bottom || clsFc == null) h.close();
			final NDArray cat = NDArrays.concat(new NDList(u, skips[l]), 1);
			u.close();
			skips[l].close();
			final NDArray a = unit(ps, 8 + 2 * l, cat, training);
			cat.close();
			h = unit(ps, 9 + 2 * l, a, training);
			a.close();
		}
		final NDArray logits = finalConv.forward(ps, new NDList(h), training).head();
		h.close();
		final NDArray seg = config.output().apply(logits);
		if (clsFc == null) return new NDList(seg);
		final NDArray cls = Layers2d.head(ps, clsFc, clsOutput, bottom, training);
		bottom.close();
		return new NDList(seg, cls);
	}

	/** The bottleneck after ReLU, (N, 16b, H/8, W/8). Does not close {@code x}. */
	public NDArray bottleneck(final ParameterStore ps, final NDArray x, final boolean training) {
		checkInput(x.getShape());
		return encode(ps, x, training, null);
	}

	private NDArray encode(final ParameterStore ps, final NDArray x, final boolean training,
		final NDArray[] skips)
	{
		NDArray h = x;
		for (int l = 0; l < 4; l++) {
			final NDArray a = unit(ps, 2 * l, h, training);
			if (h != x) h.close();
			final NDArray b = unit(ps, 2 * l + 1, a, training);
			a.close();
			if (l == 3) return b;
			h = Pool.maxPool2d(b, POOL, POOL, NO_PAD, false);
			// skips[l] feeds decoder level 2 - l
			if (skips != null) skips[2 - l] = b;
			else b.close();
		}
		throw new IllegalStateException("unreachable");
	}

	/** Conv -> BN -> ReLU; a unit whose parameters are all frozen runs in inference mode. */
	private NDArray unit(final ParameterStore ps, final int i, final NDArray x,
		final boolean training)
	{
		return ConvBlocks.convBnRelu(ps, conv[i], bn[i], x, training && !ConvBlocks.frozen(conv[i], bn[i]));
	}

	private void checkInput(final Shape s) {
		final int c = config.inChannels();
		if (s.dimension() == 5) requireDimensions("input", NetworkChoice.UNET2D.key(), 3);
		Checks.require(s.dimension() == 4 && s.get(1) == c, "input", "a tensor (N, " + c +
			", H, W), got " + s);
		Checks.require(s.get(2) > 0 && s.get(3) > 0 && s.get(2) % REQUIRED_MULTIPLE == 0 && s.get(
			3) % REQUIRED_MULTIPLE == 0, "input", "H and W that are positive multiples of " +
				REQUIRED_MULTIPLE + " (the U-Net's 3 poolings), got " + s);
	}

	@Override
	public int encoderFeatureChannels() {
		return bottleneckChannels();
	}

	@Override
	public NDArray encoderFeatures(final ParameterStore ps, final NDArray x,
		final boolean training)
	{
		return bottleneck(ps, x, training);
	}

	/** Fluent options; {@link #build()} validates. */
	public static final class Builder {

		private int baseWidth = 32;
		private int inChannels = 1;
		private int outChannels = 1;
		private int numClasses;
		private OutputActivation output = OutputActivation.SIGMOID;

		private Builder() {}

		public Builder optBaseWidth(final int b) {
			baseWidth = b;
			return this;
		}

		public Builder optInChannels(final int c) {
			inChannels = c;
			return this;
		}

		public Builder optOutChannels(final int c) {
			outChannels = c;
			return this;
		}

		/** Self-classification classes C (0 = no head). */
		public Builder optNumClasses(final int c) {
			numClasses = c;
			return this;
		}

		public Builder optOutput(final OutputActivation a) {
			output = a;
			return this;
		}

		/** @throws IllegalArgumentException naming the invalid option */
		public UNet2d build() {
			return new UNet2d(new UNet2dConfig(baseWidth, inChannels, outChannels, numClasses,
				output));
		}
	}
}
