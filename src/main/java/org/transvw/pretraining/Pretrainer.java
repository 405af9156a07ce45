package org.transvw.pretraining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.discovery.dataset.Split;
import org.transvw.engine.EngineSession;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;
import org.transvw.perturbation.policy.PerturbationPolicies;
import org.transvw.perturbation.policy.PerturbationPolicy;
import org.transvw.training.BatchSource;
import org.transvw.training.EarlyStopping;
import org.transvw.training.EpochMetrics;
import org.transvw.training.LrSchedule;
import org.transvw.training.Step;
import org.transvw.training.TrainingLoop;
import org.transvw.training.TrainingObserver;
import org.transvw.training.TrainingResult;
import org.transvw.training.TrainingSettings;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;

/**
 * TransVW pre-training (paper section III-B; method.md §5): a U-Net with a
 * self-classification head on the bottleneck learns to restore perturbed visual-word cubes and to
 * classify them, with the {@link JointLoss} of the {@link PretextMode}, trained by the generic
 * {@link TrainingLoop}. Writes a {@link ModelBundle} with provenance (data fingerprint, seed,
 * versions, epochs, final losses).
 * <p>
 * Checkpoints and {@code metrics.csv} go to {@link #trainingDir(Path)} next to the bundle (the
 * bundle folder is replaced atomically on save, so they cannot live inside it); running again with
 * the same output and seed resumes from the last checkpoint. The bundle holds the weights of the
 * best epoch (lowest mean validation total loss) and a copy of {@code metrics.csv}.
 * <pre>{@code
 * try (CubeSource data = VisualWordCubes.open(datasetDir)) {
 * 	PretrainingResult r = new Pretrainer(PretrainingConfig.defaults(), Device.cpu(), progress,
 * 		cancellation).run(data, bundleDir);
 * }
 * }</pre>
 */
public final class Pretrainer {

	/** Name of the metrics copy inside the bundle. */
	public static final String METRICS = TrainingLoop.METRICS;

	private final PretrainingConfig config;
	private final Device device;
	private final Progress progress;
	private final Cancellation cancellation;
	private TrainingObserver observer = new TrainingObserver() {};

	public Pretrainer(final PretrainingConfig config, final Device device,
		final Progress progress, final Cancellation cancellation)
	{
		this.config = Checks.notNull(config, "config");
		this.device = Checks.notNull(device, "device");
		this.progress = progress == null ? Progress.NONE : progress;
		this.cancellation = cancellation == null ? Cancellation.NEVER : cancellation;
	}

	/** Watches the loop (plots, logs, tests); returns this. */
	public Pretrainer observe(final TrainingObserver o) {
		this.observer = Checks.notNull(o, "observer");
		return this;
	}

	/** Where checkpoints and metrics of {@code bundleDir} live: {@code <bundle>.training}. */
	public static Path trainingDir(final Path bundleDir) {
		final Path abs = bundleDir.toAbsolutePath();
		return abs.resolveSibling(abs.getFileName() + ".training");
	}

	/** The network pre-training builds for {@code loss} (sigmoid restoration output). */
	public UNet3dConfig network(final JointLoss loss) {
		return UNet3d.builder().optFlavour(config.flavour()).optBaseWidth(config.baseWidth())
			.optNumClasses(loss.headClasses()).optOutput(OutputActivation.SIGMOID).build().config();
	}

	/** The loss of the configured mode for {@code data} and {@code policy}. */
	public JointLoss loss(final CubeSource data, final PerturbationPolicy policy) {
		final PretextMode mode = config.mode();
		Checks.require(!mode.classifiesVisualWords() || data.numClasses() > 0, "dataset",
			"visual-word classes for mode " + mode + " (the dataset has none)");
		Checks.require(!mode.classifiesPretext() || policy.numPretextClasses() > 0, "mode", "a " +
			"policy with pretext classes for " + mode);
		return JointLoss.of(mode, config.lambdaRec(), config.lambdaCls(), config.lambdaPretext(),
			data.numClasses(), policy.numPretextClasses());
	}

	/**
	 * Pre-trains on {@code data} and writes the bundle to {@code bundleDir}.
	 *
	 * @throws CancellationException when cancelled; the checkpoints of completed epochs stay in
	 *           {@link #trainingDir(Path)} and a new run with the same settings resumes there
	 * @throws IOException on a data, checkpoint or bundle file problem
	 */
	public PretrainingResult run(final CubeSource data, final Path bundleDir) throws IOException {
		Checks.notNull(bundleDir, "output");
		Checks.require(data.size(Split.TRAIN) > 0, "dataset", "at least one training cube");
		final int[] cube = data.cubeSize();
		for (final int s : cube)
			Checks.require(s % 8 == 0, "dataset", "cube sizes that are multiples of 8 (the U-Net " +
				"pools three times), got " + java.util.Arrays.toString(cube));
		final PerturbationPolicy policy = PerturbationPolicies.byName(config.mode().policy());
		final JointLoss loss = loss(data, policy);
		final UNet3dConfig net = network(loss);
		final Path dir = trainingDir(bundleDir);
		final TrainingSettings settings = new TrainingSettings(config.learningRate(), config
			.epochs(), LrSchedule.parse(config.schedule()), new EarlyStopping(config.patience(), 0),
			dir, config.checkpointEvery(), config.seed(), true, true);
		final BatchSource train = PretextData.batches(data, Split.TRAIN, policy, config.batch(),
			config.workers());
		final BatchSource val = data.size(Split.VALIDATION) == 0 ? null : PretextData.batches(data,
			Split.VALIDATION, policy, config.batch(), config.workers());
		final Step step = (block, ps, b, training) -> loss.terms(block.forward(ps, b.inputs(),
			training), b.labels());

		EngineSession.engine();
		Engine.getInstance().setRandomSeed((int) config.seed());
		try (Model model = ModelBundle.newModel(net, device)) {
			final TrainingResult r = new TrainingLoop(settings, progress, cancellation).addObserver(
				observer).fit(model, train, val, step);
			if (r.reason() == TrainingResult.StopReason.CANCELLED) throw new CancellationException(
				"Pre-training cancelled after epoch " + r.lastEpoch() + "; checkpoints kept in " + dir +
					" (run again with the same settings to resume)");
			Checks.require(r.bestCheckpoint() != null, "epochs", "at least one completed epoch");
			final BundleDescription d = new BundleDescription(net, cube, data.normalization(), config
				.mode().key(), loss.numClasses(), provenance(data, r, model));
			ModelBundle.save(bundleDir, model, d);
			Files.copy(dir.resolve(TrainingLoop.METRICS), bundleDir.resolve(METRICS),
				StandardCopyOption.REPLACE_EXISTING);
			return new PretrainingResult(bundleDir, dir, r);
		}
	}

	private Map<String, Object> provenance(final CubeSource data, final TrainingResult r,
		final Model model) throws IOException
	{
		final Map<String, Object> p = new LinkedHashMap<>();
		p.put("dataFingerprint", data.fingerprint());
		p.put("seed", config.seed());
		p.put("pretraining", config.toMap());
		p.put("numPretextClasses", loss(data, PerturbationPolicies.byName(config.mode().policy()))
			.numPretextClasses());
		p.put("epochs", r.lastEpoch());
		p.put("bestEpoch", r.bestEpoch());
		p.put("stopReason", r.reason().name().toLowerCase(java.util.Locale.ROOT));
		p.put("bestValidationLoss", r.bestLoss());
		final EpochMetrics last = r.last() != null ? r.last() : lastFromCsv(trainingDirOf(r));
		if (last != null) {
			p.put("finalTrainLosses", last.train());
			p.put("finalValidationLosses", last.validation());
		}
		final Map<String, Object> versions = new LinkedHashMap<>();
		final String own = Pretrainer.class.getPackage().getImplementationVersion();
		versions.put("transvw-fiji", own == null ? "development" : own);
		versions.put("djl", Engine.getDjlVersion());
		versions.put("engine", model.getNDManager().getEngine().getEngineName() + " " + model
			.getNDManager().getEngine().getVersion());
		versions.put("java", System.getProperty("java.version"));
		p.put("versions", versions);
		return p;
	}

	private static Path trainingDirOf(final TrainingResult r) {
		return r.bestCheckpoint() == null ? null : r.bestCheckpoint().getParent();
	}

	/** A run resumed after its last epoch has no history of its own: use the CSV's last row. */
	private static EpochMetrics lastFromCsv(final Path dir) throws IOException {
		if (dir == null || !Files.exists(dir.resolve(TrainingLoop.METRICS))) return null;
		final org.transvw.training.MetricsCsv.Table t = org.transvw.training.MetricsCsv.read(dir
			.resolve(TrainingLoop.METRICS));
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
}
