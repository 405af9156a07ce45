package org.transvw.finetuning;

import org.transvw.common.Checks;
import org.transvw.network.ImageNetwork;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The classification target network (method.md §6, "Classification target"): the network's
 * encoder, global average pooling of its deepest feature ({@link ImageNetwork#encoderFeatures}:
 * the 3D or 2D U-Net's bottleneck, N x 16 base; the ResNet-18 U-Net's last encoder block, N x 8
 * base), and a new linear layer to the class logits (1 logit for binary / sigmoid, C for
 * softmax). The decoder is unused. Forward: {@code NDList(x (N, 1, X, Y, Z))} for volumes or
 * {@code NDList(x (N, 1, X, Y))} for 2D images -> {@code NDList(logits (N, K))}.
 * <p>
 * {@link #freezeEncoder()} (linear evaluation) freezes every trainable parameter of the network
 * and runs it in inference mode, so its batch normalisation uses (and never updates) the running
 * statistics whatever the architecture.
 * <p>
 * NB: the TransVW README applies {@code relu} before the sigmoid, which bounds the probability
 * below by 0.5 (method.md §9.15); we feed the logits straight to the loss.
 */
public final class EncoderClassifier extends AbstractBlock {

	private static final byte VERSION = 1;

	private final ImageNetwork encoder;
	private final Linear head;
	private final int outputs;
	private boolean frozen;

	/** @param outputs 1 (binary) or the number of classes */
	public EncoderClassifier(final ImageNetwork encoder, final int outputs) {
		super(VERSION);
		this.encoder = Checks.notNull(encoder, "encoder");
		addChildBlock("encoder", encoder.asBlock());
		this.outputs = Checks.positive(outputs, "outputs");
		this.head = addChildBlock("head", Linear.builder().setUnits(outputs).build());
	}

	public ImageNetwork encoder() {
		return encoder;
	}

	/** Spatial dimensions of the input: 3 (volumes) or 2 (2D images). */
	public int spatialDimensions() {
		return encoder.spatialDimensions();
	}

	/**
	 * The smallest input shape, (1, 1, m, m[, m]) with m the network's required multiple, to
	 * {@link #initialize} this block with.
	 */
	public Shape initialShape() {
		final long m = encoder.requiredMultiple();
		return encoder.spatialDimensions() == 3 ? new Shape(1, 1, m, m, m) : new Shape(1, 1, m, m);
	}

	/**
	 * Linear evaluation: freezes every trainable parameter of the (initialised) network, which
	 * then runs in inference mode; only the new layer trains.
	 */
	public void freezeEncoder() {
		for (final java.util.Map.Entry<String, ai.djl.nn.Parameter> e : encoder.namedParameters()
			.entrySet())
			if (!encoder.isStatisticKey(e.getKey())) e.getValue().freeze(true);
		frozen = true;
	}

	public int outputs() {
		return outputs;
	}

	/** Writes the new layer's parameters (the encoder travels in its bundle). */
	public void saveHead(final java.io.DataOutputStream out) throws java.io.IOException {
		head.saveParameters(out);
	}

	/** Reads the new layer's parameters written by {@link #saveHead}. */
	public void loadHead(final NDManager manager, final java.io.DataInputStream in)
		throws java.io.IOException
	{
		try {
			head.loadParameters(manager, in);
		}
		catch (final ai.djl.MalformedModelException e) {
			throw new java.io.IOException("classifier head: " + e.getMessage(), e);
		}
		Checks.require(head.getParameters().get("weight").getArray().getShape().get(0) == outputs,
			"classifier head", outputs + " outputs");
	}

	@Override
	protected void initializeChildBlocks(final NDManager manager, final DataType dataType,
		final Shape... inputShapes)
	{
		if (!encoder.asBlock().isInitialized()) encoder.asBlock().initialize(manager, dataType,
			inputShapes);
		head.initialize(manager, dataType, new Shape(1, encoder.encoderFeatureChannels()));
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		return new Shape[] { new Shape(inputs[0].get(0), outputs) };
	}

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList inputs,
		final boolean training, final PairList<String, Object> params)
	{
		final NDArray f = encoder.encoderFeatures(ps, inputs.head(), training && !frozen);
		// NB: PyTorch's engine averages over one axis at a time: flatten space first
		final NDArray flat = f.reshape(f.getShape().get(0), f.getShape().get(1), -1);
		final NDArray g = flat.mean(new int[] { 2 });
		flat.close();
		f.close();
		return head.forward(ps, new NDList(g), training);
	}
}
