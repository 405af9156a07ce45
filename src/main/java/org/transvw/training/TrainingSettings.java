package org.transvw.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Checks;

import ai.djl.Device;

/**
 * The optimisation settings every training stage shares: pre-training, segmentation and
 * classification fine-tuning and the self-discovery auto-encoder. Each stage configuration
 * <em>contains</em> one of these (e.g. {@code PretrainingConfig.training()}) instead of restating
 * its fields, and hands it to {@link TrainingRun}. Adam (betas 0.9 / 0.999, eps 1e-8, no weight
 * decay) is the optimiser of every stage (method.md §§5, 6).
 * <p>
 * {@link #defaults()} are the TransVW PyTorch pre-training values (method.md §5): Adam 1e-3,
 * StepLR(40, 0.5), batch 8, early stopping patience 50, up to 10 000 epochs, seed 1; each stage
 * documents where its own defaults differ.
 *
 * @param learningRate Adam's initial learning rate, in (0, 10]
 * @param maxEpochs upper bound on epochs (1-based epochs 1..maxEpochs)
 * @param batch samples per training step
 * @param patience early stopping: stop after this many epochs in a row without a lower mean
 *          validation total loss (the plateau schedule has its own patience)
 * @param schedule learning-rate schedule, stepped after every epoch
 * @param seed the run seed: weight initialisation, batch order, sampling and perturbations
 *          derive from it
 * @param checkpointEvery also keep {@code epoch-NNNN.ckpt} every so many epochs (0: only the last
 *          and the best checkpoint)
 * @param fresh start at epoch 1 even when the checkpoint folder holds a run to resume; that
 *          run's checkpoint files (and nothing else) are replaced. False: resume, which
 *          {@link TrainingRun} allows only with the same configuration
 * @param devices data-parallel training: each training batch is split across these devices
 *          (one of them the model's) and the gradients are summed; empty: the model's device
 *          alone. Like {@code fresh}, not part of {@link #toMap()}: a run may resume on another
 *          set of devices
 */
public record TrainingSettings(double learningRate, int maxEpochs, int batch, int patience,
	LrSchedule schedule, long seed, int checkpointEvery, boolean fresh, List<Device> devices)
{

	/** TransVW PyTorch reference values (method.md §5). */
	public static final double LEARNING_RATE = 1e-3;
	public static final int MAX_EPOCHS = 10_000, BATCH = 8, PATIENCE = 50;

	public TrainingSettings {
		Checks.require(learningRate > 0 && learningRate <= 10, "learning rate",
			"a rate in (0, 10], got " + learningRate);
		Checks.positive(maxEpochs, "epochs");
		Checks.inRange(batch, 1, 4096, "batch");
		Checks.positive(patience, "patience");
		Checks.notNull(schedule, "schedule");
		Checks.require(checkpointEvery >= 0, "checkpoint every", "a value >= 0, got " +
			checkpointEvery);
		devices = List.copyOf(Checks.notNull(devices, "devices"));
		Checks.require(devices.stream().distinct().count() == devices.size(), "devices",
			"each device once, got " + devices);
	}

	/** Settings on the model's device alone. */
	public TrainingSettings(final double learningRate, final int maxEpochs, final int batch,
		final int patience, final LrSchedule schedule, final long seed, final int checkpointEvery,
		final boolean fresh)
	{
		this(learningRate, maxEpochs, batch, patience, schedule, seed, checkpointEvery, fresh, List
			.of());
	}

	/** Adam 1e-3, 10 000 epochs, batch 8, patience 50, StepLR(40, 0.5), seed 1, resume. */
	public static TrainingSettings defaults() {
		return new TrainingSettings(LEARNING_RATE, MAX_EPOCHS, BATCH, PATIENCE,
			new LrSchedule.StepDecay(40, 0.5), 1, 0, false);
	}

	public TrainingSettings withLearningRate(final double v) {
		return new TrainingSettings(v, maxEpochs, batch, patience, schedule, seed, checkpointEvery,
			fresh, devices);
	}

	public TrainingSettings withMaxEpochs(final int v) {
		return new TrainingSettings(learningRate, v, batch, patience, schedule, seed,
			checkpointEvery, fresh, devices);
	}

	public TrainingSettings withBatch(final int v) {
		return new TrainingSettings(learningRate, maxEpochs, v, patience, schedule, seed,
			checkpointEvery, fresh, devices);
	}

	public TrainingSettings withPatience(final int v) {
		return new TrainingSettings(learningRate, maxEpochs, batch, v, schedule, seed,
			checkpointEvery, fresh, devices);
	}

	public TrainingSettings withSchedule(final LrSchedule v) {
		return new TrainingSettings(learningRate, maxEpochs, batch, patience, v, seed,
			checkpointEvery, fresh, devices);
	}

	public TrainingSettings withSeed(final long v) {
		return new TrainingSettings(learningRate, maxEpochs, batch, patience, schedule, v,
			checkpointEvery, fresh, devices);
	}

	public TrainingSettings withCheckpointEvery(final int v) {
		return new TrainingSettings(learningRate, maxEpochs, batch, patience, schedule, seed, v,
			fresh, devices);
	}

	public TrainingSettings withFresh(final boolean v) {
		return new TrainingSettings(learningRate, maxEpochs, batch, patience, schedule, seed,
			checkpointEvery, v, devices);
	}

	public TrainingSettings withDevices(final List<Device> v) {
		return new TrainingSettings(learningRate, maxEpochs, batch, patience, schedule, seed,
			checkpointEvery, fresh, v);
	}

	/** Early stopping on the mean validation total loss (min delta 0, method.md §5). */
	public EarlyStopping earlyStopping() {
		return new EarlyStopping(patience, 0);
	}

	/**
	 * JSON-friendly copy for provenance and the resume check ({@code fresh} is left out: it says
	 * how to start, not what is trained).
	 */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("learningRate", learningRate);
		m.put("maxEpochs", maxEpochs);
		m.put("batch", batch);
		m.put("patience", patience);
		m.put("schedule", schedule.describe());
		m.put("seed", seed);
		m.put("checkpointEvery", checkpointEvery);
		return m;
	}
}
