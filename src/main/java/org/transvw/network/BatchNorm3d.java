package org.transvw.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Batch normalisation over axis 1 of (N, C, X, Y, Z) with a selectable inference mode
 * ({@link BatchNormMode}); DJL's own BatchNorm always uses running statistics in eval mode, while
 * the reference {@code ContBatchNorm3d} always uses batch statistics (method.md §4.1).
 * <p>
 * Parameters carry the PyTorch names {@code weight} (gamma), {@code bias} (beta),
 * {@code running_mean}, {@code running_var}, so that state dicts map by name.
 * <p>
 * Momentum uses DJL's / Keras' convention: {@code running = m * running + (1 - m) * batch};
 * PyTorch's 0.1 is 0.9 here. Training updates the running statistics in place.
 */
public final class BatchNorm3d extends AbstractBlock {

	private static final byte VERSION = 1;

	private final int channels;
	private final float epsilon;
	private final float momentum;
	private final BatchNormMode mode;
	private final Parameter gamma;
	private final Parameter beta;
	private final Parameter runningMean;
	private final Parameter runningVar;

	/**
	 * @param channels C
	 * @param epsilon added to the variance (PyTorch 1e-5, Keras 1e-3)
	 * @param momentum DJL/Keras convention (PyTorch 0.1 == 0.9; Keras 0.99)
	 * @param mode statistics used outside training
	 */
	public BatchNorm3d(final int channels, final float epsilon, final float momentum,
		final BatchNormMode mode)
	{
		super(VERSION);
		this.channels = channels;
		this.epsilon = epsilon;
		this.momentum = momentum;
		this.mode = mode;
		final Shape s = new Shape(channels);
		gamma = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
			.optShape(s).optInitializer(Initializer.ONES).build());
		beta = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
			.optShape(s).optInitializer(Initializer.ZEROS).build());
		runningMean = addParameter(Parameter.builder().setName("running_mean").setType(
			Parameter.Type.RUNNING_MEAN).optShape(s).optInitializer(Initializer.ZEROS)
			.optRequiresGrad(false).build());
		runningVar = addParameter(Parameter.builder().setName("running_var").setType(
			Parameter.Type.RUNNING_VAR).optShape(s).optInitializer(Initializer.ONES)
			.optRequiresGrad(false).build());
	}

	/** Channels C. */
	public int channels() {
		return channels;
	}

	@Override
	protected NDList forwardInternal(final ParameterStore ps, final NDList inputs,
		final boolean training, final PairList<String, Object> params)
	{
		final NDArray x = inputs.singletonOrThrow();
		final var device = x.getDevice();
		final NDArray g = ps.getValue(gamma, device, training);
		final NDArray b = ps.getValue(beta, device, training);
		if (training || mode == BatchNormMode.RUNNING) {
			final NDArray mean = ps.getValue(runningMean, device, training);
			final NDArray var = ps.getValue(runningVar, device, training);
			return x.getNDArrayInternal().batchNorm(x, mean, var, g, b, 1, momentum, epsilon,
				training);
		}
		// NB: batch statistics without touching the stored running statistics: PyTorch updates
		// the scratch arrays passed here, which are then dropped.
		final Shape s = new Shape(channels);
		try (NDArray mean = x.getManager().zeros(s, x.getDataType(), device);
			NDArray var = x.getManager().ones(s, x.getDataType(), device))
		{
			return x.getNDArrayInternal().batchNorm(x, mean, var, g, b, 1, momentum, epsilon, true);
		}
	}

	@Override
	public Shape[] getOutputShapes(final Shape[] inputShapes) {
		return new Shape[] { inputShapes[0] };
	}
}
