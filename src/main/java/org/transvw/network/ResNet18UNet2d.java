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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The paper's 2D backbone (docs/xray-2d.md): a U-Net with a ResNet-18 encoder in the layout of
 * qubvel segmentation_models' {@code Unet('resnet18', decoder_block_type='upsampling',
 * decoder_filters=(256, 128, 64, 32, 16))}, with the TransVW self-classification head on the
 * encoder output (method.md §4).
 * <ul>
 * <li>Encoder: {@link ResNet18Encoder2d} ({@code encoder.*}, torchvision names).</li>
 * <li>Decoder block i = 0..4: nearest 2x up-sampling, concatenation with the skip (layer3,
 * layer2, layer1, the stem's ReLU; block 4 has none), then twice conv 3x3 (no bias) + BN + ReLU
 * ({@code decoder_stage{i}a_conv}, {@code _bn}, {@code decoder_stage{i}b_conv}, {@code _bn},
 * the Keras names).</li>
 * <li>{@code final_conv}: conv 3x3 with bias to {@code outChannels}, then the output activation
 * (sigmoid).</li>
 * <li>Head ({@code numClasses > 0}): global average pooling of layer4, {@code cls_fc}
 * (16 b units) + ReLU, {@code cls_output} (C); the class output is LOGITS (apply softmax in
 * the loss), as in {@link UNet3d}.</li>
 * </ul>
 * Forward: {@code NDList(x (N, in, H, W))} -> {@code NDList(seg (N, out, H, W)[, logits (N, C)])};
 * H and W must be multiples of {@link #requiredMultiple()} (32). Intermediates are closed as
 * soon as the next layer has used them. Batch norm uses DJL's running statistics outside
 * training (PyTorch / Keras behaviour).
 *
 * <pre>{@code
 * ResNet18UNet2d net = ResNet18UNet2d.builder().optNumClasses(100).build();
 * net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 224, 224));
 * }</pre>
 */
public final class ResNet18UNet2d extends AbstractBlock implements Network2d {

	private static final byte VERSION = 1;
	private static final int BLOCKS = 5;

	private final ResNet18UNet2dConfig config;
	private final ResNet18Encoder2d encoder;
	private final Block[][] decoder = new Block[BLOCKS][4];
	private final Block finalConv;
	private final Block clsFc, clsOutput;

	private ResNet18UNet2d(final ResNet18UNet2dConfig config) {
		super(VERSION);
		this.config = config;
		encoder = new ResNet18Encoder2d(config.inChannels(), config.baseWidth());
		// NB: added directly to keep the reference names (addChildBlock prefixes "01", "02")
		children.add("encoder", encoder);
		final int[] filters = config.decoderFilters();
		for (int i = 0; i < BLOCKS; i++) {
			final String stage = "decoder_stage" + i;
			decoder[i][0] = add(stage + "a_conv", Layers2d.conv(filters[i], 3, 1, false,
				Layers2d.HE_UNIFORM));
			decoder[i][1] = add(stage + "a_bn", Layers2d.batchNorm());
			decoder[i][2] = add(stage + "b_conv", Layers2d.conv(filters[i], 3, 1, false,
				Layers2d.HE_UNIFORM));
			decoder[i][3] = add(stage + "b_bn", Layers2d.batchNorm());
		}
		finalConv = add("final_conv", Layers2d.conv(config.outChannels(), 3, 1, true,
			Layers2d.GLOROT_UNIFORM));
		clsFc = config.numClasses() > 0 ? add("cls_fc", Layers2d.dense(config.headUnits())) : null;
		clsOutput = config.numClasses() > 0 ? add("cls_output", Layers2d.dense(config
			.numClasses())) : null;
	}

	private Block add(final String name, final Block b) {
		children.add(name, b);
		return b;
	}

	/** Builder with the paper's defaults. */
	public static Builder builder() {
		return new Builder();
	}

	/** Builds a network from a stored config. */
	public static ResNet18UNet2d of(final ResNet18UNet2dConfig config) {
		return new ResNet18UNet2d(Checks.notNull(config, "config"));
	}

	/** The architecture. */
	@Override
	public ResNet18UNet2dConfig config() {
		return config;
	}

	/** Height and width must be multiples of this (five stride-2 stages: 2^5). */
	public static final int REQUIRED_MULTIPLE = 32;

	/** Height and width must be multiples of this: {@link #REQUIRED_MULTIPLE}. */
	@Override
	public int requiredMultiple() {
		return REQUIRED_MULTIPLE;
	}

	/** Channels of the encoder output that the head pools ({@code 8 * baseWidth}, 512). */
	public int encoderChannels() {
		return config.encoderChannels()[4];
	}

	/** Whether a parameter key belongs to the encoder ({@code encoder.}). */
	public static boolean isEncoderKey(final String key) {
		return key.startsWith("encoder.");
	}

	/** Whether a parameter key belongs to the decoder (up path and final convolution). */
	public static boolean isDecoderKey(final String key) {
		return key.startsWith("decoder_stage") || key.startsWith("final_conv.");
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		final int[] enc = config.encoderChannels(), filters = config.decoderFilters();
		// NB: weight shapes depend on channels only: small spatial sizes suffice
		encoder.initialize(manager, dataType, new Shape(1, config.inChannels(), 64, 64));
		int from = enc[4];
		for (int i = 0; i < BLOCKS; i++) {
			final int skip = i < 4 ? enc[3 - i] : 0;
			decoder[i][0].initialize(manager, dataType, new Shape(1, from + skip, 4, 4));
			for (int j = 1; j < 4; j++)
				decoder[i][j].initialize(manager, dataType, new Shape(1, filters[i], 4, 4));
			from = filters[i];
		}
		finalConv.initialize(manager, dataType, new Shape(1, from, 4, 4));
		if (clsFc != null) {
			clsFc.initialize(manager, dataType, new Shape(1, enc[4]));
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
		final NDList f = encoder.forward(ps, new NDList(x), training);
		final NDArray bottom = f.get(4);
		NDArray h = bottom;
		for (int i = 0; i < BLOCKS; i++) {
			final NDArray u = Layers2d.upsampleNearest(h);
			if (h != bottom || clsFc == null) h.close();
			NDArray cat = u;
			if (i < 4) {
				final NDArray skip = f.get(3 - i);
				cat = NDArrays.concat(new NDList(u, skip), 1);
				u.close();
				skip.close();
			}
			final NDArray a = ConvBlocks.convBnRelu(ps, decoder[i][0], decoder[i][1], cat, training);
			cat.close();
			h = ConvBlocks.convBnRelu(ps, decoder[i][2], decoder[i][3], a, training);
			a.close();
		}
		final NDArray logits = finalConv.forward(ps, new NDList(h), training).head();
		h.close();
		final NDArray seg = config.output().apply(logits);
		if (clsFc == null) return new NDList(seg);
		final NDArray cls = head(ps, bottom, training);
		bottom.close();
		return new NDList(seg, cls);
	}

	/**
	 * The encoder output after the last residual block, (N, 8b, H/32, W/32) (the feature before
	 * the head's pooling). Does not close {@code x}.
	 */
	public NDArray encoderOutput(final ParameterStore ps, final NDArray x, final boolean training) {
		checkInput(x.getShape());
		final NDList f = encoder.forward(ps, new NDList(x), training);
		for (int l = 0; l < 4; l++)
			f.get(l).close();
		return f.get(4);
	}

	private NDArray head(final ParameterStore ps, final NDArray bottom, final boolean training) {
		return Layers2d.head(ps, clsFc, clsOutput, bottom, training);
	}

	private void checkInput(final Shape s) {
		final int c = config.inChannels();
		Checks.require(s.dimension() != 5, "input", "a 2D image tensor (N, " + c + ", H, W) for " +
			"this 2D network, got a 3D volume tensor " + s);
		Checks.require(s.dimension() == 4 && s.get(1) == c, "input", "a tensor (N, " + c +
			", H, W), got " + s);
		Checks.require(s.get(2) > 0 && s.get(3) > 0 && s.get(2) % requiredMultiple() == 0 && s.get(
			3) % requiredMultiple() == 0, "input", "H and W that are positive multiples of " +
				requiredMultiple() + " (e.g. 224), got " + s);
	}

	@Override
	public int encoderFeatureChannels() {
		return encoderChannels();
	}

	@Override
	public NDArray encoderFeatures(final ParameterStore ps, final NDArray x,
		final boolean training)
	{
		return encoderOutput(ps, x, training);
	}

	/** Fluent options with the paper's defaults; {@link #build()} validates. */
	public static final class Builder {

		private int baseWidth = 64;
		private int inChannels = 1;
		private int outChannels = 1;
		private int numClasses;
		private OutputActivation output = OutputActivation.SIGMOID;

		private Builder() {}

		/** Stem channels: 64 = ResNet-18; a multiple of 4. */
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
		public ResNet18UNet2d build() {
			return new ResNet18UNet2d(new ResNet18UNet2dConfig(baseWidth, inChannels, outChannels,
				numClasses, output));
		}
	}
}
