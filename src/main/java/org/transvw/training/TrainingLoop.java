package org.transvw.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

/**
 * The epoch loop inside a {@link TrainingRun}: for each epoch, every training batch goes through
 * {@link Step} inside a gradient collector and Adam updates the parameters; then every
 * validation batch is evaluated; then the schedule and early stopping see the mean validation
 * total loss, checkpoints and the metrics row are written, and observers are told. At the end
 * the weights of the best epoch are loaded back into the block.
 * <p>
 * <b>Memory.</b> Each batch (its arrays, the step's intermediates, the loss) lives in a
 * sub-manager of the model's manager that is closed right after the step; gradients are closed
 * after the update. The model's manager therefore holds a constant number of arrays after the
 * first step (the first step adds Adam's two moment arrays per parameter).
 * <p>
 * <b>Cancel.</b> The token is polled before every step; a cancelled run returns
 * {@link TrainingResult.StopReason#CANCELLED} without writing a partial epoch, so {@code best.ckpt}
 * and {@code last.ckpt} stay those of completed epochs.
 * <p>
 * <b>Devices.</b> With {@link TrainingSettings#devices()} each training batch is split across
 * the devices ({@link BatchShards}) and {@link ReplicaParameterServer} sums the replicas'
 * gradients and updates once; validation runs unsplit on the model's device.
 * <p>
 * Only one loop may run per JVM at a time (DJL allows one gradient collector per JVM).
 */
final class TrainingLoop {

	private final TrainingSettings settings;
	private final Path dir;
	private final Progress progress;
	private final Cancellation cancellation;
	private final List<TrainingObserver> observers;

	/**
	 * @param dir the checkpoint folder (written after every epoch)
	 */
	TrainingLoop(final TrainingSettings settings, final Path dir, final Progress progress,
		final Cancellation cancellation, final List<TrainingObserver> observers)
	{
		this.settings = settings;
		this.dir = dir;
		this.progress = progress;
		this.cancellation = cancellation;
		this.observers = List.copyOf(observers);
	}

	/**
	 * Trains {@code model}'s (initialised) block from {@code start} (epoch 0, or the state of a
	 * checkpoint whose weights the block already holds).
	 *
	 * @param validation validation batches, or null to monitor the training loss instead
	 * @throws IOException when a checkpoint or the metrics file cannot be written
	 */
	TrainingResult fit(final Model model, final BatchSource train, final BatchSource validation,
		final Step step, final TrainingState start) throws IOException
	{
		final Block block = model.getBlock();
		final NDManager mm = model.getNDManager();
		final LrSchedule schedule = settings.schedule();
		final EarlyStopping stopping = settings.earlyStopping();
		final int resumed = start.epoch();
		TrainingState state = start;
		requireGradients(block);

		final MutableRate rate = new MutableRate();
		final Adam adam = Optimizer.adam().optLearningRateTracker(rate).build();
		final Device[] devices = devices(settings.devices(), mm.getDevice());
		final ParameterStore ps = new ParameterStore(mm, false);
		ps.setParameterServer(new ReplicaParameterServer(adam), devices);
		if (devices.length > 1) progress.report(Double.NaN, dataParallelMessage(devices, settings));
		final RandomStreams root = RandomStreams.seeded(settings.seed()).fork("epoch");
		final List<EpochMetrics> history = new ArrayList<>();
		for (final TrainingObserver o : observers)
			o.onStart(state.epoch() + 1);

		TrainingResult.StopReason reason = stopping.shouldStop(state.stopping())
			? TrainingResult.StopReason.EARLY_STOPPED : TrainingResult.StopReason.MAX_EPOCHS;
		while (reason == TrainingResult.StopReason.MAX_EPOCHS && state.epoch() < settings
			.maxEpochs())
		{
			final int epoch = state.epoch() + 1;
			final long t0 = System.nanoTime();
			rate.value = (float) state.lr().learningRate();
			final RandomStreams er = root.fork(epoch);
			final RunningMeans tm = new RunningMeans();
			final long[] waitNanos = { 0 };
			final int steps = runEpoch(mm, block, ps, devices, step, train, epoch, er.fork("train"), true, tm,
				waitNanos);
			if (steps < 0) {
				reason = TrainingResult.StopReason.CANCELLED;
				break;
			}
			Checks.require(steps > 0, "training data", "at least one batch per epoch, got none");
			final RunningMeans vm = new RunningMeans();
			if (validation != null && runEpoch(mm, block, ps, devices, step, validation, epoch, er.fork(
				"validation"), false, vm, new long[1]) < 0)
			{
				reason = TrainingResult.StopReason.CANCELLED;
				break;
			}
			final EpochMetrics m = new EpochMetrics(epoch, state.lr().learningRate(), tm.means(), vm
				.means(), tm.accuracy(), vm.accuracy(), steps, (System.nanoTime() - t0) * 1e-9,
				waitNanos[0] * 1e-9);
			final double monitored = m.monitoredLoss();
			state = new TrainingState(epoch, state.initialLearningRate(), schedule.next(state.lr(),
				state.initialLearningRate(), epoch, monitored), stopping.next(state.stopping(), epoch,
					monitored), state.steps() + steps, state.configuration());
			writeCheckpoints(block, state, m);
			history.add(m);
			for (final TrainingObserver o : observers)
				o.onEpoch(m);
			progress.report((double) epoch / settings.maxEpochs(), epochMessage(m));
			if (stopping.shouldStop(state.stopping())) reason =
				TrainingResult.StopReason.EARLY_STOPPED;
		}

		final Path best = Files.exists(dir.resolve(TrainingRun.BEST)) ? dir.resolve(
			TrainingRun.BEST) : null;
		if (best != null) Checkpoint.load(best, block, mm);
		return new TrainingResult(reason, resumed, state.epoch(), state.stopping().bestEpoch(),
			state.stopping().best(), history, best);
	}

	/** @return steps done, or -1 when cancelled */
	private int runEpoch(final NDManager mm, final Block block, final ParameterStore ps,
		final Device[] devices, final Step step, final BatchSource source, final int epoch, final RandomStreams rng,
		final boolean training, final RunningMeans means, final long[] waitNanos)
	{
		final int planned = source.batchesPerEpoch();
		final long start = System.nanoTime();
		int done = 0;
		try (BatchSource.Epoch it = source.open(epoch, rng)) {
			while (true) {
				if (cancellation.isCancelled()) return -1;
				try (NDManager bm = mm.newSubManager()) {
					final long t0 = System.nanoTime();
					final TrainingBatch batch = it.next(bm);
					waitNanos[0] += System.nanoTime() - t0;
					if (batch == null) break;
					for (final TrainingObserver o : observers)
						o.onBatch(epoch, training, batch);
					if (training) {
						try (GradientCollector gc = mm.getEngine().newGradientCollector()) {
							record(BatchShards.train(block, ps, step, batch, devices, bm, gc), means);
						}
						ps.updateAllParameters();
					}
					else record(step.compute(block, ps, batch, false), means);
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
					return -1;
				}
				done++;
				if (training) {
					final Map<String, Double> running = means.means();
					for (final TrainingObserver o : observers)
						o.onStep(epoch, done, running);
					final double eta = (System.nanoTime() - start) * 1e-9 / done * Math.max(0, planned -
						done);
					progress.report(Math.min(1, (epoch - 1 + (double) done / planned) / settings
						.maxEpochs()), String.format(Locale.ROOT, "epoch %d/%d step %d/%d %s ETA %s", epoch,
							settings.maxEpochs(), done, planned, format(running, means.accuracy()),
							duration(eta)));
				}
			}
		}
		return done;
	}

	/**
	 * The training devices, the model's first (its parameters are the first replicas, which the
	 * checkpoints save); none given: the model's alone.
	 */
	static Device[] devices(final List<Device> chosen, final Device model) {
		if (chosen.isEmpty()) return new Device[] { model };
		Checks.require(chosen.contains(model), "devices", "a list holding the network's device " +
			model + ", got " + chosen);
		final List<Device> d = new ArrayList<>(chosen);
		d.remove(model);
		d.add(0, model);
		return d.toArray(Device[]::new);
	}

	private static String dataParallelMessage(final Device[] devices,
		final TrainingSettings settings)
	{
		final int b = settings.batch(), k = devices.length;
		final StringBuilder split = new StringBuilder();
		for (int i = 0; i < Math.min(k, b); i++)
			split.append(i == 0 ? "" : " + ").append(b / k + (i < b % k ? 1 : 0));
		return String.format(Locale.ROOT, "data-parallel training on %d devices %s: each batch " +
			"of %d split %s%s; effective batch %d, learning rate %.3g (not rescaled: the loss is " +
			"the batch mean, as on one device)", k, Arrays.toString(devices), b, split, b < k
				? " (" + (k - b) + " devices idle: batch below the device count)" : "", b, settings
					.learningRate());
	}

	private static void record(final StepResult r, final RunningMeans means) {
		double total = 0;
		for (final LossTerm t : r.terms()) {
			final double v = t.value().getFloat();
			means.add(t.name(), v);
			total += t.weight() * v;
		}
		if (!Double.isFinite(total)) throw new IllegalStateException("loss: not finite (" + r
			.terms().stream().map(t -> t.name() + " " + t.value().getFloat()).reduce((a, b) -> a +
				", " + b).orElse("") + "); the run diverged: lower the learning rate");
		means.add(EpochMetrics.TOTAL, total);
		if (r.counted() > 0) means.addAccuracy(r.correct(), r.counted());
	}

	private void writeCheckpoints(final Block block, final TrainingState state,
		final EpochMetrics m) throws IOException
	{
		Checkpoint.write(dir.resolve(TrainingRun.LAST), block, state);
		if (EarlyStopping.improvedAt(state.stopping(), state.epoch())) Checkpoint.write(dir.resolve(
			TrainingRun.BEST), block, state);
		if (settings.checkpointEvery() > 0 && state.epoch() % settings.checkpointEvery() == 0)
			Checkpoint.write(dir.resolve(TrainingRun.periodicName(state.epoch())), block, state);
		MetricsCsv.append(dir.resolve(TrainingRun.METRICS), m);
	}

	/** Weights loaded from a file carry no gradient buffer; trainable ones need it. */
	private static void requireGradients(final Block block) {
		for (final Pair<String, Parameter> p : block.getParameters()) {
			final NDArray a = p.getValue().getArray();
			if (p.getValue().requiresGradient() && !a.hasGradient()) a.setRequiresGradient(true);
		}
	}

	private static String epochMessage(final EpochMetrics m) {
		String s = String.format(Locale.ROOT, "epoch %d done: train %s", m.epoch(), format(m.train(),
			m.trainAccuracy()));
		if (!m.validation().isEmpty()) s += " | validation " + format(m.validation(), m
			.validationAccuracy());
		return s + String.format(Locale.ROOT, " | lr %.3g | %.1f s, data wait %.0f%%", m
			.learningRate(), m.seconds(), 100 * m.dataWaitFraction());
	}

	private static String format(final Map<String, Double> means, final double accuracy) {
		final StringBuilder b = new StringBuilder();
		means.forEach((k, v) -> b.append(k).append(' ').append(String.format(Locale.ROOT, "%.4g",
			v)).append(' '));
		if (!Double.isNaN(accuracy)) b.append(String.format(Locale.ROOT, "acc %.1f%% ", 100 *
			accuracy));
		return b.toString().trim();
	}

	private static String duration(final double seconds) {
		final long s = Math.round(seconds);
		return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
			: String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
	}

	/** Adam's learning rate, set by the loop before each epoch from the schedule's state. */
	private static final class MutableRate implements Tracker {

		private volatile float value;

		@Override
		public float getNewValue(final int numUpdate) {
			return value;
		}
	}
}
