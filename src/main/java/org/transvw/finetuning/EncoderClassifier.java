package org.transvw.finetuning;

import org.transvw.common.Checks;
import org.transvw.network.UNet3d;

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
 * The classification target network (method.md §6, "Classification target"): the U-Net's
 * encoder, global average pooling of its bottleneck (N, 16 * base), and a new linear layer to
 * the class logits (1 logit for binary / sigmoid, C for softmax). The decoder is unused.
 * Forward: {@code NDList(x (N, 1, X, Y, Z))} -> {@code NDList(logits (N, K))}.
 * <p>
 * NB: the TransVW README applies {@code relu} before the sigmoid, which bounds the probability
 * below by 0.5 (method.md §9.15); we feed the logits straight to the loss.
 */
public final class EncoderClassifier extends AbstractBlock {

	private static final byte VERSION = 1;

	private final UNet3d encoder;
	private final Linear head;
	private final int outputs;

	/** @param outputs 1 (binary) or the number of classes */
	public EncoderClassifier(final UNet3d encoder, final int outputs) {
		super(VERSION);
		this.encoder = addChildBlock("encoder", Checks.notNull(encoder, "encoder"));
		this.outputs = Checks.positive(outputs, "outputs");
		this.head = addChildBlock("head", Linear.builder().setUnits(outputs).build());
	}

	public UNet3d encoder() {
		return encoder;
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
		if (!encoder.isInitialized()) encoder.initialize(manager, dataType, inputShapes);
		head.initialize(manager, dataType, new Shape(1, encoder.bottleneckChannels()));
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputs) {
		return new Shape[] { new Shape(inputs[0].get(0), outputs) };
	}

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList inputs,
		final boolean training, final PairList<String, Object> params)
	{
		final NDArray f = encoder.bottleneck(ps, inputs.head(), training);
		// NB: PyTorch's engine averages over one axis at a time: flatten space first
		final NDArray flat = f.reshape(f.getShape().get(0), f.getShape().get(1), -1);
		final NDArray g = flat.mean(new int[] { 2 });
		flat.close();
		f.close();
		return head.forward(ps, new NDList(g), training);
	}
}
