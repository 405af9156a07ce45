package org.transvw.training;

import java.nio.file.Path;

import org.transvw.common.Checks;

/**
 * Settings of one {@link TrainingLoop} run. Start from {@link #defaults(Path)} (TransVW PyTorch:
 * Adam 1e-3, StepLR(40, 0.5), early stopping patience 50, up to 10 000 epochs; method.md
 * §5) and change fields with the {@code with*} methods.
 *
 * @param learningRate Adam's initial learning rate (betas 0.9 / 0.999, eps 1e-8, no decay)
 * @param maxEpochs upper bound on epochs (1-based epochs 1..maxEpochs)
 * @param schedule learning-rate schedule, stepped after every epoch
 * @param earlyStopping patience on the mean validation total loss
 * @param checkpointDir folder for {@code last.ckpt}, {@code best.ckpt},
 *          {@code epoch-NNNN.ckpt} and {@code metrics.csv}; {@code null}: none written
 * @param checkpointEvery also keep {@code epoch-NNNN.ckpt} every so many epochs (0: never)
 * @param seed the run seed: batch order and perturbations derive from it per epoch
 * @param resume continue from {@code checkpointDir/last.ckpt} when it exists
 * @param restoreBest load {@code best.ckpt}'s weights into the block when the run ends
 */
public record TrainingSettings(double learningRate, int maxEpochs, LrSchedule schedule,
	EarlyStopping earlyStopping, Path checkpointDir, int checkpointEvery, long seed,
	boolean resume, boolean restoreBest)
{

	/** TransVW PyTorch reference defaults (method.md §5). */
	public static final double LEARNING_RATE = 1e-3;
	public static final int MAX_EPOCHS = 10_000;
	public static final int PATIENCE = 50;

	public TrainingSettings {
		Checks.require(learningRate > 0 && Double.isFinite(learningRate), "learning rate",
			"a positive number, got " + learningRate);
		Checks.positive(maxEpochs, "epochs");
		Checks.notNull(schedule, "schedule");
		Checks.notNull(earlyStopping, "early stopping");
		Checks.require(checkpointEvery >= 0, "checkpoint every", "a value >= 0, got " +
			checkpointEvery);
	}

	/** Adam 1e-3, StepLR(40, 0.5), patience 50, seed 1, resume and restore-best on. */
	public static TrainingSettings defaults(final Path checkpointDir) {
		return new TrainingSettings(LEARNING_RATE, MAX_EPOCHS, new LrSchedule.StepDecay(40, 0.5),
			new EarlyStopping(PATIENCE, 0), checkpointDir, 0, 1, true, true);
	}

	public TrainingSettings withLearningRate(final double v) {
		return new TrainingSettings(v, maxEpochs, schedule, earlyStopping, checkpointDir,
			checkpointEvery, seed, resume, restoreBest);
	}

	public TrainingSettings withMaxEpochs(final int v) {
		return new TrainingSettings(learningRate, v, schedule, earlyStopping, checkpointDir,
			checkpointEvery, seed, resume, restoreBest);
	}

	public TrainingSettings withSchedule(final LrSchedule v) {
		return new TrainingSettings(learningRate, maxEpochs, v, earlyStopping, checkpointDir,
			checkpointEvery, seed, resume, restoreBest);
	}

	public TrainingSettings withPatience(final int v) {
		return new TrainingSettings(learningRate, maxEpochs, schedule, new EarlyStopping(v,
			earlyStopping.minDelta()), checkpointDir, checkpointEvery, seed, resume, restoreBest);
	}

	public TrainingSettings withCheckpointDir(final Path v) {
		return new TrainingSettings(learningRate, maxEpochs, schedule, earlyStopping, v,
			checkpointEvery, seed, resume, restoreBest);
	}

	public TrainingSettings withCheckpointEvery(final int v) {
		return new TrainingSettings(learningRate, maxEpochs, schedule, earlyStopping,
			checkpointDir, v, seed, resume, restoreBest);
	}

	public TrainingSettings withSeed(final long v) {
		return new TrainingSettings(learningRate, maxEpochs, schedule, earlyStopping,
			checkpointDir, checkpointEvery, v, resume, restoreBest);
	}

	public TrainingSettings withResume(final boolean v) {
		return new TrainingSettings(learningRate, maxEpochs, schedule, earlyStopping,
			checkpointDir, checkpointEvery, seed, v, restoreBest);
	}

	public TrainingSettings withRestoreBest(final boolean v) {
		return new TrainingSettings(learningRate, maxEpochs, schedule, earlyStopping,
			checkpointDir, checkpointEvery, seed, resume, v);
	}
}
