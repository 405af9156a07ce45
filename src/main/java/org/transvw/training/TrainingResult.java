package org.transvw.training;

import java.nio.file.Path;
import java.util.List;

/**
 * How a {@link TrainingRun} ended.
 *
 * @param reason why it stopped
 * @param resumedFrom the checkpoint epoch this run resumed from (0: it started at epoch 1)
 * @param lastEpoch the last fully completed epoch (0 when none)
 * @param bestEpoch the epoch with the lowest monitored loss (0 when none)
 * @param bestLoss that loss (infinity when none)
 * @param history the epochs completed in this run (a resumed run lists only its own)
 * @param bestCheckpoint {@code best.ckpt}, or null when no epoch completed
 */
public record TrainingResult(StopReason reason, int resumedFrom, int lastEpoch, int bestEpoch,
	double bestLoss, List<EpochMetrics> history, Path bestCheckpoint)
{

	/** Why a run stopped. */
	public enum StopReason {
		/** All {@code maxEpochs} epochs ran. */
		MAX_EPOCHS,
		/** The patience on the monitored loss ran out. */
		EARLY_STOPPED,
		/** The cancellation token fired; stopped between steps, checkpoints untouched. */
		CANCELLED
	}

	public TrainingResult {
		history = List.copyOf(history);
	}

	/** The last completed epoch's metrics, or null when none completed. */
	public EpochMetrics last() {
		return history.isEmpty() ? null : history.get(history.size() - 1);
	}
}
