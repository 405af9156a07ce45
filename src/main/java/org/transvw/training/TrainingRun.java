package org.transvw.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CancellationException;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.data.io.OutputFolder;
import org.transvw.engine.EngineSession;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;

/**
 * One training run of any stage (pre-training, fine-tuning, the self-discovery auto-encoder):
 * the one place that starts and seeds the engine, owns the checkpoint folder, resumes or starts
 * fresh, cancels, records provenance and saves the bundle. A trainer only builds its network,
 * data sources and {@link Step} and hands them to {@link #fit}:
 * <pre>{@code
 * try (TrainingRun run = TrainingRun.builder("pretraining", config.training())
 * 	.optCheckpointDir(dir).optConfiguration(config.toMap()).optDataFingerprint(data.fingerprint())
 * 	.optProgress(progress).optCancellation(cancel).start();
 * 	Model model = ModelBundle.newModel(network, device)) {
 * 	TrainingResult r = run.fit(model, train, validation, step);
 * 	run.saveBundle(bundleDir, model, description);
 * }
 * }</pre>
 * <ul>
 * <li><b>Engine and seed.</b> {@link Builder#start()} starts the engine and seeds it with
 * {@link TrainingSettings#seed()}, so the network built next gets reproducible weights.</li>
 * <li><b>Checkpoints.</b> {@code last.ckpt} and {@code best.ckpt} after every epoch (atomic),
 * {@code epoch-NNNN.ckpt} every {@link TrainingSettings#checkpointEvery()} epochs and
 * {@code metrics.csv}, in the given folder, or in a temporary one that {@link #close()} removes.
 * On start, temporaries that a killed run left behind are deleted (only this run's own
 * {@code *.tmp} files; see {@code CheckpointFolder}).</li>
 * <li><b>Resume.</b> Each checkpoint stores the canonical configuration of its run: the
 * stage's configuration map (mode, loss weights, network, ...), the training settings and the
 * data fingerprint, flattened to sorted {@code key = value} strings. A run that finds a
 * {@code last.ckpt} continues after its epoch, saying "resumed from epoch N", only when every
 * key is equal ({@code training.maxEpochs}, {@code training.patience} and
 * {@code training.checkpointEvery} may change, so that a finished run can be extended);
 * otherwise {@link Builder#start()} throws a {@link ResumeMismatchException} naming each key
 * that differs with its old and new value. With {@link TrainingSettings#fresh()} the previous
 * run's checkpoint and metrics files (and nothing else) are deleted and training starts at
 * epoch 1.</li>
 * <li><b>Cancel.</b> Polled before every step; {@link #fit} then throws a
 * {@link CancellationException} saying where the completed epochs' checkpoints are.</li>
 * <li><b>Provenance.</b> {@link #provenance()}: versions, seed, configuration, data
 * fingerprint, epochs, best epoch and loss, stop reason, final losses.</li>
 * </ul>
 * Only one run may train per JVM at a time (DJL allows one gradient collector per JVM).
 */
public final class TrainingRun implements AutoCloseable {

	/** File names inside the checkpoint folder. */
	public static final String LAST = "last.ckpt", BEST = "best.ckpt", METRICS = "metrics.csv";
	/** The files {@link #saveBundle} writes into a bundle folder (for OutputFolder.prepare). */
	public static final List<String> BUNDLE_FILES = java.util.stream.Stream.concat(ModelBundle.FILES
		.stream(), java.util.stream.Stream.of(METRICS)).toList();

	private final String stage;
	private final TrainingSettings settings;
	private final Map<String, Object> configuration;
	private final SortedMap<String, String> canonical;
	private final String dataFingerprint;
	private final Path dir;
	private final boolean temporary;
	private final int resumable;
	private final Progress progress;
	private final Cancellation cancellation;
	private final List<TrainingObserver> observers;
	private TrainingResult result;
	private String engineVersion;

	private TrainingRun(final Builder b, final Path dir, final boolean temporary,
		final SortedMap<String, String> canonical, final int resumable)
	{
		this.stage = b.stage;
		this.settings = b.settings;
		this.configuration = b.configuration;
		this.canonical = canonical;
		this.dataFingerprint = b.dataFingerprint;
		this.dir = dir;
		this.temporary = temporary;
		this.resumable = resumable;
		this.progress = b.progress;
		this.cancellation = b.cancellation;
		this.observers = List.copyOf(b.observers);
	}

	/**
	 * A run of {@code stage} (a short name used in messages and provenance, e.g.
	 * {@code "pretraining"}) with {@code settings}.
	 */
	public static Builder builder(final String stage, final TrainingSettings settings) {
		return new Builder(stage, settings);
	}

	/** The periodic checkpoint file of {@code epoch}, e.g. {@code epoch-0040.ckpt}. */
	public static String periodicName(final int epoch) {
		return String.format(Locale.ROOT, "epoch-%04d.ckpt", epoch);
	}

	public TrainingSettings settings() {
		return settings;
	}

	/** The checkpoint folder (a temporary one when none was given). */
	public Path checkpointDir() {
		return dir;
	}

	/** The epoch of the checkpoint {@link #fit} will resume from, 0 for a start at epoch 1. */
	public int resumesFrom() {
		return resumable;
	}

	/**
	 * Trains {@code model}'s initialised block: from the last checkpoint when the run resumes,
	 * else from its current weights; at the end the block holds the best epoch's weights.
	 *
	 * @param validation validation batches, or null to monitor the training loss instead
	 * @throws CancellationException when cancelled; the completed epochs' checkpoints stay
	 * @throws IOException when a checkpoint or the metrics file cannot be read or written
	 */
	public TrainingResult fit(final Model model, final BatchSource train,
		final BatchSource validation, final Step step) throws IOException
	{
		Checks.require(result == null, "run", "one fit per run (this one has trained already)");
		Checks.notNull(train, "training data");
		Checks.notNull(step, "step");
		final Block block = Checks.notNull(model, "model").getBlock();
		Checks.require(block != null && block.isInitialized(), "model",
			"an initialised block (call block.initialize first)");
		engineVersion = model.getNDManager().getEngine().getEngineName() + " " + model
			.getNDManager().getEngine().getVersion();
		TrainingState start = new TrainingState(0, settings.learningRate(), settings.schedule()
			.initial(settings.learningRate()), EarlyStopping.State.initial(), 0, canonical);
		if (resumable > 0) {
			final TrainingState s = Checkpoint.load(dir.resolve(LAST), block, model.getNDManager());
			start = new TrainingState(s.epoch(), s.initialLearningRate(), s.lr(), s.stopping(), s
				.steps(), canonical);
			MetricsCsv.truncate(dir.resolve(METRICS), s.epoch());
			progress.report(Double.NaN, stage + ": resumed from epoch " + s.epoch() +
				" (checkpoints in " + dir + ")");
		}
		final TrainingResult r = new TrainingLoop(settings, dir, progress, cancellation, observers)
			.fit(model, train, validation, step, start);
		if (r.reason() == TrainingResult.StopReason.CANCELLED) throw new CancellationException(
			stage + " cancelled after epoch " + r.lastEpoch() + (temporary ? ""
				: "; checkpoints kept in " + dir + " (run again with the same settings to resume)"));
		result = r;
		return r;
	}

	/**
	 * What this run was: {@code stage}, {@code versions} (transvw-fiji, djl, engine, java),
	 * {@code seed}, {@code configuration} (the stage's map plus {@code training}),
	 * {@code dataFingerprint}, {@code epochs}, {@code bestEpoch}, {@code stopReason},
	 * {@code bestValidationLoss} (the monitored loss), {@code resumedFrom},
	 * {@code finalTrainLosses} and {@code finalValidationLosses}. Available after {@link #fit}.
	 */
	public Map<String, Object> provenance() throws IOException {
		final TrainingResult r = trained();
		final Map<String, Object> p = new LinkedHashMap<>();
		p.put("stage", stage);
		final Map<String, Object> versions = new LinkedHashMap<>();
		final String own = TrainingRun.class.getPackage().getImplementationVersion();
		versions.put("transvw-fiji", own == null ? "development" : own);
		versions.put("djl", Engine.getDjlVersion());
		versions.put("engine", engineVersion);
		versions.put("java", System.getProperty("java.version"));
		p.put("versions", versions);
		p.put("seed", settings.seed());
		final Map<String, Object> config = new LinkedHashMap<>(configuration);
		config.put("training", settings.toMap());
		p.put("configuration", config);
		if (dataFingerprint != null) p.put("dataFingerprint", dataFingerprint);
		p.put("epochs", r.lastEpoch());
		p.put("bestEpoch", r.bestEpoch());
		p.put("stopReason", r.reason().name().toLowerCase(Locale.ROOT));
		p.put("bestValidationLoss", r.bestLoss());
		if (r.resumedFrom() > 0) p.put("resumedFrom", r.resumedFrom());
		final EpochMetrics last = r.last() != null ? r.last() : lastFromCsv();
		if (last != null) {
			p.put("finalTrainLosses", last.train());
			p.put("finalValidationLosses", last.validation());
		}
		return p;
	}

	/**
	 * Saves {@code model}'s U-Net as a bundle ({@link ModelBundle#save}) with {@code d} plus this
	 * run's {@link #provenance()} (entries of {@code d} with the same key are replaced), and a
	 * copy of {@code metrics.csv} next to it. Both go through the folder's {@link OutputFolder}
	 * guard: each file is recorded as TransVW's before it is written, and one of those names that
	 * TransVW did not write is refused. After {@link #fit}.
	 */
	public void saveBundle(final Path bundleDir, final Model model, final BundleDescription d)
		throws IOException
	{
		Checks.notNull(bundleDir, "output");
		trained();
		ModelBundle.save(bundleDir, model, Checks.notNull(d, "description").withProvenance(
			provenance()));
		final Path csv = dir.resolve(METRICS);
		if (Files.exists(csv)) OutputFolder.at(bundleDir).write(METRICS, out -> Files.copy(csv, out));
	}

	/** Removes a temporary checkpoint folder (a given folder and its checkpoints stay). */
	@Override
	public void close() throws IOException {
		if (!temporary) return;
		CheckpointFolder.removeRun(dir);
		CheckpointFolder.deleteIfEmpty(dir);
	}

	private TrainingResult trained() {
		if (result == null) throw new IllegalStateException(stage + ": not trained yet (call fit)");
		return result;
	}

	/** A run resumed after its last epoch has no history of its own: use the CSV's last row. */
	private EpochMetrics lastFromCsv() throws IOException {
		final Path csv = dir.resolve(METRICS);
		if (!Files.exists(csv)) return null;
		final MetricsCsv.Table t = MetricsCsv.read(csv);
		if (t.rows().isEmpty()) return null;
		final double[] row = t.rows().get(t.rows().size() - 1);
		final Map<String, Double> train = new LinkedHashMap<>(), val = new LinkedHashMap<>();
		for (int c = 0; c < row.length; c++) {
			final String col = t.columns().get(c);
			if (Double.isNaN(row[c]) || col.endsWith("_accuracy")) continue;
			if (col.startsWith("train_")) train.put(col.substring(6), row[c]);
			else if (col.startsWith("val_")) val.put(col.substring(4), row[c]);
		}
		return new EpochMetrics((int) row[0], row[1], train, val, Double.NaN, Double.NaN, 0, 0, 0);
	}

	/** Options of a run; {@link #start()} checks them against the checkpoint folder. */
	public static final class Builder {

		private final String stage;
		private final TrainingSettings settings;
		private Path checkpointDir;
		private Map<String, Object> configuration = Map.of();
		private String dataFingerprint;
		private Progress progress = Progress.NONE;
		private Cancellation cancellation = Cancellation.NEVER;
		private final List<TrainingObserver> observers = new ArrayList<>();

		private Builder(final String stage, final TrainingSettings settings) {
			Checks.require(stage != null && !stage.isBlank(), "stage", "a name, got none");
			this.stage = stage;
			this.settings = Checks.notNull(settings, "training settings");
		}

		/** Where checkpoints and metrics go; default: a temporary folder removed on close. */
		public Builder optCheckpointDir(final Path dir) {
			this.checkpointDir = dir;
			return this;
		}

		/**
		 * Everything besides the training settings and the data that determines what the run
		 * computes (mode, loss weights, network, sampling, augmentation, initial weights, ...),
		 * JSON-friendly; nested maps allowed. Recorded in the checkpoints and the provenance.
		 */
		public Builder optConfiguration(final Map<String, ?> stageConfiguration) {
			this.configuration = new LinkedHashMap<>(Checks.notNull(stageConfiguration,
				"configuration"));
			return this;
		}

		/** A value that changes whenever the training data change (e.g. a manifest's SHA-256). */
		public Builder optDataFingerprint(final String fingerprint) {
			this.dataFingerprint = fingerprint;
			return this;
		}

		public Builder optProgress(final Progress p) {
			this.progress = p == null ? Progress.NONE : p;
			return this;
		}

		public Builder optCancellation(final Cancellation c) {
			this.cancellation = c == null ? Cancellation.NEVER : c;
			return this;
		}

		public Builder addObserver(final TrainingObserver o) {
			observers.add(Checks.notNull(o, "observer"));
			return this;
		}

		/**
		 * Prepares the checkpoint folder (stale temporaries removed; with {@code fresh} the
		 * previous run's files removed), checks a resumable checkpoint's configuration, then
		 * starts the engine and seeds it.
		 *
		 * @throws ResumeMismatchException naming every configuration key that differs from the
		 *           checkpoint's, with the old and the new value (unless {@code fresh})
		 * @throws IOException when the folder or the checkpoint cannot be read or written
		 */
		public TrainingRun start() throws IOException {
			final Map<String, Object> all = new LinkedHashMap<>(configuration);
			all.put("stage", stage);
			all.put("training", settings.toMap());
			if (dataFingerprint != null) all.put("data", dataFingerprint);
			final SortedMap<String, String> canonical = RunConfiguration.canonical(all);
			final boolean temporary = checkpointDir == null;
			final Path dir = temporary ? Files.createTempDirectory("transvw-" + stage + "-")
				: Files.createDirectories(checkpointDir.toAbsolutePath());
			int resumable = 0;
			if (!temporary) {
				final List<String> stale = CheckpointFolder.removeStaleTemporaries(dir);
				if (!stale.isEmpty()) progress.report(Double.NaN, stage + ": removed " + stale.size() +
					" temporary file(s) of an interrupted run: " + String.join(", ", stale));
				if (settings.fresh()) {
					final List<String> old = CheckpointFolder.removeRun(dir);
					if (!old.isEmpty()) progress.report(Double.NaN, stage + ": starting fresh, " +
						"removed the previous run's " + String.join(", ", old));
				}
				else if (Files.exists(dir.resolve(LAST))) resumable = checkResumable(dir, canonical);
			}
			EngineSession.engine().setRandomSeed((int) settings.seed());
			return new TrainingRun(this, dir, temporary, canonical, resumable);
		}

		private static int checkResumable(final Path dir, final SortedMap<String, String> now)
			throws IOException
		{
			final TrainingState s = Checkpoint.readState(dir.resolve(LAST));
			Checks.require(s.configuration() != null, "resume", "a checkpoint that records its " +
				"configuration, but " + dir.resolve(LAST) + " was written by an earlier version; " +
				"start fresh to replace it");
			final List<ResumeMismatchException.Difference> d = RunConfiguration.differing(s
				.configuration(), now);
			if (!d.isEmpty()) throw new ResumeMismatchException(dir.toString(), d);
			return s.epoch();
		}
	}
}
