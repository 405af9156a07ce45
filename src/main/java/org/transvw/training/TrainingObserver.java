package org.transvw.training;

import java.util.Map;

/**
 * Hooks into a {@link TrainingRun}, called on the trainer's thread. Adapters use it for
 * plots and logs; tests use it to watch the NDManager and the weights. Default methods do
 * nothing.
 */
public interface TrainingObserver {

	/** The run starts at {@code firstEpoch} (greater than 1 when resumed from a checkpoint). */
	default void onStart(final int firstEpoch) {}

	/**
	 * Each batch as the step receives it (training and validation), before the step; the arrays
	 * live until the step ends (copy what you keep). Tests use it to compare what two runs feed
	 * their networks.
	 */
	default void onBatch(final int epoch, final boolean training, final TrainingBatch batch) {}

	/** After each training step, with the running means of this epoch so far. */
	default void onStep(final int epoch, final int step, final Map<String, Double> runningMeans) {}

	/** After each epoch, once its checkpoints are written. */
	default void onEpoch(final EpochMetrics metrics) {}
}
