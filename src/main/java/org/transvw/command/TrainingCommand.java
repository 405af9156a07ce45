package org.transvw.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scijava.plugin.Parameter;
import org.transvw.common.Checks;
import org.transvw.engine.EngineSession;
import org.transvw.training.ResumeMismatchException;
import org.transvw.training.TrainingSettings;

import ai.djl.Device;

/**
 * A command that trains a network: the shared training parameters (base width, seed, epochs,
 * batch, learning rate, patience, fresh) spelled and explained once, and mapped in one place
 * ({@link #training}) onto the stage's {@link TrainingSettings}. Each command sets its own
 * defaults in an instance initializer, e.g. {@code { epochs = 10_000; patience = 50; }}.
 * <p>
 * A rerun into a checkpoint folder that holds a run of other settings is refused by the core
 * ({@link ResumeMismatchException}); the cancel reason names the differing settings by their
 * macro keys and points to {@code fresh}.
 */
public abstract class TrainingCommand extends EngineCommand {

	/** Macro keys of the configuration keys every training run records. */
	private static final Map<String, String> KEYS = Map.of("training.learningRate", "lr",
		"training.batch", "batch", "training.seed", "seed", "training.schedule", "schedule",
		"training.maxEpochs", "epochs", "training.patience", "patience",
		"training.checkpointEvery", "every", "baseWidth", "width", "network.baseWidth", "width");

	@Parameter(label = "Width (base) of the U-Net", min = "1", max = "256", persist = false,
		description = "Filters of the first convolution of a network built by this command (32 = " +
			"the paper's); a pre-trained bundle brings its own")
	protected int width = 32;

	@Parameter(label = SharedParameters.SEED_LABEL, persist = false,
		description = SharedParameters.SEED_DESCRIPTION)
	protected long seed = 1;

	@Parameter(label = "Epochs (maximum)", min = "1", max = "1000000", persist = false,
		description = "Upper bound on epochs; early stopping usually ends sooner")
	protected int epochs = 100;

	@Parameter(label = "Batch size (per training step)", min = "1", max = "4096", persist = false,
		description = "Samples (cubes, patches or scans) per training step")
	protected int batch = 8;

	@Parameter(label = "Lr: initial learning rate (Adam)", persist = false,
		description = "Adam's initial learning rate (the reference's 1e-3)")
	protected double lr = 1e-3;

	@Parameter(label = "Patience (epochs) of early stopping", min = "1", max = "1000000",
		persist = false, description = "Stop after so many epochs without a lower validation loss")
	protected int patience = 20;

	@Parameter(label = "Devices of data-parallel training (empty = device; all; gpu:0,gpu:1)",
		required = false, persist = false, description = "Each training batch is split across " +
			"these GPUs and their gradients summed (effective batch = batch, learning rate " +
			"unchanged); empty: device alone; all: every GPU found (the CPU where there is none)")
	protected String devices = "";

	@Parameter(label = "Fresh: start over", persist = false,
		description = SharedParameters.FRESH_DESCRIPTION)
	protected boolean fresh;

	/** Checks the shared training parameters; each message names its key and range. */
	protected final void checkTraining() {
		Checks.inRange(width, 1, 256, "width");
		Checks.inRange(epochs, 1, 1_000_000, "epochs");
		Checks.inRange(batch, 1, 4096, "batch");
		Checks.inRange(patience, 1, 1_000_000, "patience");
		Checks.require(lr > 0 && lr <= 10 && Double.isFinite(lr), "lr",
			"a learning rate in (0, 10], got " + lr);
	}

	/**
	 * The stage's {@code defaults} with the shared parameters applied (epochs, batch, lr,
	 * patience, seed, fresh), after {@link #checkTraining()}; the schedule and checkpoint
	 * interval stay the stage's unless the command sets them.
	 */
	protected final TrainingSettings training(final TrainingSettings defaults) {
		checkTraining();
		final TrainingSettings t = defaults.withMaxEpochs(epochs).withBatch(batch).withLearningRate(
			lr).withPatience(patience).withSeed(seed).withFresh(fresh);
		return blank(devices) ? t : t.withDevices(trainingDevices());
	}

	/** The first of {@code devices} when given (the network's replica that checkpoints save). */
	@Override
	protected final Device networkDevice() {
		return blank(devices) ? super.networkDevice() : trainingDevices().get(0);
	}

	/** {@link #networkDevice()} spelled as the {@code device} key takes it. */
	protected final String deviceChoice() {
		if (blank(devices)) return device;
		final Device d = device();
		return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
	}

	private List<Device> trainingDevices() {
		return EngineSession.devices(devices, device);
	}

	private static boolean blank(final String s) {
		return s == null || s.isBlank();
	}

	/** A cancelled training writes no bundle (its checkpoints, if kept, say so themselves). */
	@Override
	protected String cancelledNote() {
		return "no bundle written";
	}

	/**
	 * This command's macro key of a configuration key that a training run records (e.g.
	 * {@code training.learningRate} -> {@code lr}), or null where the user sets none directly.
	 * Commands add their stage's keys.
	 */
	protected String macroKey(final String configurationKey) {
		return KEYS.get(configurationKey);
	}

	@Override
	protected final String reason(final IllegalArgumentException e) {
		if (!(e instanceof ResumeMismatchException m)) return super.reason(e);
		final Set<String> keys = new LinkedHashSet<>();
		final List<String> what = new ArrayList<>();
		for (final ResumeMismatchException.Difference d : m.differences()) {
			final String key = macroKey(d.key());
			if (key == null) what.add(d.toString());
			else if (keys.add(key)) what.add(new ResumeMismatchException.Difference(key, d.before(), d
				.now()).toString());
		}
		return (keys.isEmpty() ? "fresh" : keys.iterator().next()) + ": the checkpoints in " + m
			.checkpointDir() + " are of a run with other settings (" + String.join("; ", what) +
			"); run again with that run's settings to resume it, or add 'fresh' to start over " +
			"(replaces that run's checkpoints)";
	}
}
