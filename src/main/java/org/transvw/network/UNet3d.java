package org.transvw.network;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The 3D U-Net of TransVW / Models Genesis in both reference flavours, with the optional
 * self-classification head on the bottleneck (method.md §4.1, 4.2).
 * <p>
 * Forward: {@code NDList(x (N, in, X, Y, Z))} -> {@code NDList(seg (N, out, X, Y, Z)[, logits
 * (N, C)])}; X, Y, Z must be multiples of {@link #requiredMultiple()}. The class output is
 * LOGITS (the reference applies softmax inside the model; apply it in the loss).
 * <p>
 * Child blocks are named after the reference modules ({@code down_tr64.ops.0.conv1},
 * {@code up_tr256.up_conv}, {@code out_tr.final_conv}, {@code clc_out.fc1}; Keras:
 * {@code depth_0_conv}, {@code depth_0_bn}, {@code final_conv}, {@code cls_fc},
 * {@code cls_output}) without DJL's numeric prefixes; {@link #namedParameters()} gives
 * "layer.param" keys with PyTorch parameter names, so weight import is a key table.
 * <p>
 * Traps: max pooling is given an explicit stride 2 (DJL defaults to 1); there is no transposed
 * convolution in DJL, so the PyTorch up-sampling is a 1x1x1 convolution to 8x channels (channel
 * o*8 + a*4 + b*2 + c) followed by depth-to-space, which maps ConvTranspose3d weights exactly
 * ({@code W.permute(1,2,3,4,0).reshape(8*out, in, 1, 1, 1)}).
 *
 * <pre>{@code
 * UNet3d net = UNet3d.builder().optFlavour(Flavour.PYTORCH).optBaseWidth(8).optNumClasses(44)
 * 	.build();
 * }</pre>
 */
public final class UNet3d extends AbstractBlock implements ImageNetwork {

	private static final byte VERSION = 1;
	private static final Shape POOL = new Shape(2, 2, 2);
	private static final Shape NO_PAD = new Shape(0, 0, 0);

	private final UNet3dConfig config;
	private final UNet3dLayout layout;
	private final Map<String, Block> layers = new LinkedHashMap<>();
	private final Map<String, Shape> initShapes = new LinkedHashMap<>();

	private UNet3d(final UNet3dConfig config) {
		super(VERSION);
		this.config = config;
		layout = new UNet3dLayout(config);
		final Flavour f = config.flavour();
		for (final UNet3dLayout.Layer l : layout.layers()) {
			final Block b = switch (l.kind()) {
				case CONV3 -> ConvBlocks.conv(f, l.in(), l.out(), 3);
				case CONV1 -> ConvBlocks.conv(f, l.in(), l.out(), 1);
				case UP -> new Upsample2x(l.in(), l.out());
				case BN -> ConvBlocks.batchNorm(f, l.out(), config.batchNormMode());
				case DENSE -> ConvBlocks.dense(f, l.out(), l.in());
			};
			layers.put(l.name(), b);
			// NB: added directly to keep the reference names (addChildBlock prefixes "01", "02")
			children.add(l.name(), b);
			initShapes.put(l.name(), l.kind() == UNet3dLayout.Kind.DENSE ? new Shape(1, l.in())
				: new Shape(1, l.in(), 2, 2, 2));
		}
	}

	/** Builder with the paper's defaults. */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds a network from a stored config. */
	public static UNet3d of(final UNet3dConfig config) {
		return new UNet3d(Checks.notNull(config, "config"));
	}

	/** The architecture. */
	@Override
	public UNet3dConfig config() {
		return config;
	}

	/** Spatial sizes of every U-Net 3D input must be multiples of this (2^3 poolings). */
	public static final int REQUIRED_MULTIPLE = 8;

	@Override
	public int spatialDimensions() {
		return 3;
	}

	/** Spatial sizes must be multiples of this (2^3 poolings): {@link #REQUIRED_MULTIPLE}. */
	@Override
	public int requiredMultiple() {
		return REQUIRED_MULTIPLE;
	}

	/**
	 * Checks sizes meant for the network's input (patch, cube, grid) before any network exists,
	 * e.g. in a config's constructor.
	 *
	 * @return {@code sizes}
	 * @throws IllegalArgumentException naming {@code parameter} unless every size is a positive
	 *           multiple of {@link #REQUIRED_MULTIPLE}
	 */
	public static int[] requireInputSizes(final String parameter, final int... sizes) {
		Checks.require(sizes != null && sizes.length > 0, parameter, "sizes, got none");
		for (final int s : sizes)
			Checks.require(s > 0 && s % REQUIRED_MULTIPLE == 0, parameter, "positive multiples of " +
				REQUIRED_MULTIPLE + " (the U-Net's 3 poolings), got " + Arrays.toString(
					sizes));
		return sizes;
	}

	/** Channels of the bottleneck feature ({@code 16 * baseWidth}). */
	public int bottleneckChannels() {
		return 16 * config.baseWidth();
	}

	/** "layer.param" -> parameter for every weight, bias and BN statistic, registration order. */
	@Override
	public Map<String, Parameter> namedParameters() {
		final Map<String, Parameter> m = new LinkedHashMap<>();
		layers.forEach((name, b) -> b.getParameters().forEach(p -> m.put(name + "." + p.getKey(),
			p.getValue())));
		return Collections.unmodifiableMap(m);
	}

	/** "layer.param" -> shape, from the config alone (nothing allocated). */
	public Map<String, Shape> parameterShapes() {
		return Collections.unmodifiableMap(layout.parameterShapes());
	}

	/** Trainable parameters (BN statistics excluded), counted from shapes. */
	@Override
	public long parameterCount() {
		return layout.parameterShapes().entrySet().stream().filter(e -> !isStatistic(e.getKey()))
			.mapToLong(e -> e.getValue().size()).sum();
	}

	/** Whether "layer.param" is a BN running statistic (not trainable). */
	public static boolean isStatistic(final String key) {
		return key.endsWith(".running_mean") || key.endsWith(".running_var");
	}

	@Override
	public boolean inEncoder(final String key) {
		return isEncoderLayer(key.substring(0, key.lastIndexOf('.')));
	}

	@Override
	public boolean inDecoder(final String key) {
		return isDecoderLayer(key.substring(0, key.lastIndexOf('.')));
	}

	@Override
	public boolean isOutputKey(final String key) {
		final String layer = key.substring(0, key.lastIndexOf('.'));
		return isDecoderLayer(layer) && (layer.startsWith("out_tr") || layer.equals("final_conv"));
	}

	@Override
	public boolean isStatisticKey(final String key) {
		return isStatistic(key);
	}

	/** Whether a layer name belongs to the encoder (down path up to the bottleneck). */
	public boolean isEncoderLayer(final String layer) {
		return layout.isEncoder(layer);
	}

	/** Whether a layer name belongs to the decoder (up path and final convolution). */
	public boolean isDecoderLayer(final String layer) {
		return layout.isDecoder(layer);
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		layers.forEach((name, b) -> b.initialize(manager, dataType, initShapes.get(name)));
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		final Shape x = inputs[0];
		final Shape seg = new Shape(x.get(0), config.outChannels(), x.get(2), x.get(3), x.get(4));
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
			final NDArray u = upsample(ps, l, h, training);
			if (h != bottom || config.numClasses() == 0) h.close();
			NDArray cat = u;
			if (skips[l] != null) {
				cat = NDArrays.concat(new NDList(u, skips[l]), 1);
				u.close();
				skips[l].close();
			}
			final NDArray a = unit(ps, 8 + 2 * l, cat, training);
			cat.close();
			h = unit(ps, 9 + 2 * l, a, training);
			a.close();
		}
		final NDArray logits = layers.get(layout.finalConv).forward(ps, new NDList(h), training)
			.head();
		h.close();
		final NDArray seg = config.output().apply(logits);
		if (config.numClasses() == 0) return new NDList(seg);
		final NDArray cls = head(ps, bottom, training);
		bottom.close();
		return new NDList(seg, cls);
	}

	/**
	 * The encoder bottleneck after ReLU, (N, 16 * base, X/8, Y/8, Z/8) (the feature of method.md §2.2
	 * before GAP). Does not close {@code x}.
	 */
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
			h = Pool.maxPool3d(b, POOL, POOL, NO_PAD, false);
			// skips[l] feeds decoder level 2 - l
			if (skips != null && config.skipConnections()) skips[2 - l] = b;
			else b.close();
		}
		throw new IllegalStateException("unreachable");
	}

	/**
	 * Conv -> BN -> ReLU. A frozen unit (every parameter frozen: the encoder when fine-tuning with
	 * a frozen encoder, or in linear evaluation) runs in inference mode even while training, so
	 * its BN uses and never updates the running statistics and its output stays fixed.
	 */
	private NDArray unit(final ParameterStore ps, final int i, final NDArray x,
		final boolean training)
	{
		final Block conv = layers.get(layout.conv[i]), bn = layers.get(layout.bn[i]);
		return ConvBlocks.convBnRelu(ps, conv, bn, x, training && !frozen(conv, bn));
	}

	private static boolean frozen(final Block... blocks) {
		return ConvBlocks.frozen(blocks);
	}

	private NDArray upsample(final ParameterStore ps, final int level, final NDArray x,
		final boolean training)
	{
		if (layout.pytorch) {
			return layers.get(layout.up[level]).forward(ps, new NDList(x), training).head();
		}
		// nearest neighbour: every voxel becomes a 2x2x2 block
		final Shape s = x.getShape();
		final long n = s.get(0), c = s.get(1), dx = s.get(2), dy = s.get(3), dz = s.get(4);
		final NDArray r = x.reshape(n, c, dx, 1, dy, 1, dz, 1);
		final NDArray b = r.broadcast(n, c, dx, 2, dy, 2, dz, 2);
		r.close();
		final NDArray out = b.reshape(n, c, 2 * dx, 2 * dy, 2 * dz);
		b.close();
		return out;
	}

	private NDArray head(final ParameterStore ps, final NDArray bottom, final boolean training) {
		final Block conv = layers.get(layout.headConv), bn = layers.get(layout.headBn);
		final NDArray f = ConvBlocks.convBnRelu(ps, conv, bn, bottom, training && !frozen(conv, bn));
		// global average pooling; NB: DJL's PyTorch mean takes one axis only
		final NDArray flat = f.reshape(f.getShape().get(0), f.getShape().get(1), -1);
		f.close();
		NDArray h = flat.mean(new int[] { 2 });
		flat.close();
		for (int i = 0; i < layout.headDense.size(); i++) {
			final NDArray d = layers.get(layout.headDense.get(i)).forward(ps, new NDList(h),
				training).head();
			h.close();
			if (i < layout.headDense.size() - 1) {
				h = d.getNDArrayInternal().relu();
				d.close();
			}
			else h = d;
		}
		return h;
	}

	private void checkInput(final Shape s) {
		if (s.dimension() == 4) requireDimensions("input", NetworkChoice.UNET3D.key(), 2);
		Checks.require(s.dimension() == 5 && s.get(1) == config.inChannels(), "input",
			"a tensor (N, " + config.inChannels() + ", X, Y, Z), got " + s);
		for (int d = 2; d < 5; d++)
			Checks.require(s.get(d) % requiredMultiple() == 0 && s.get(d) > 0, "input",
				"spatial sizes that are positive multiples of " + requiredMultiple() + ", got " + s);
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

	/** Fluent options with the paper's defaults; {@link #build()} validates. */
	public static final class Builder {

		private Flavour flavour = Flavour.PYTORCH;
		private int baseWidth = 32;
		private int inChannels = 1;
		private int outChannels = 1;
		private boolean skipConnections = true;
		private int numClasses;
		private OutputActivation output = OutputActivation.SIGMOID;
		private BatchNormMode batchNormMode = BatchNormMode.RUNNING;

		private Builder() {}

		public Builder optFlavour(final Flavour f) {
			flavour = f;
			return this;
		}

		/** Filters of the first convolution: 32 = the paper. */
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

		public Builder optSkipConnections(final boolean on) {
			skipConnections = on;
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

		public Builder optBatchNormMode(final BatchNormMode m) {
			batchNormMode = m;
			return this;
		}

		/** @throws IllegalArgumentException naming the invalid option */
		public UNet3d build() {
			return new UNet3d(new UNet3dConfig(flavour, baseWidth, inChannels, outChannels,
				skipConnections, numClasses, output, batchNormMode));
		}
	}
}
