package org.transvw.pretraining;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.discovery.dataset.Split;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;
import org.transvw.network.ModelCard;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.NetworkChoice;
import org.transvw.network.NetworkConfig;
import org.transvw.network.ResNet18UNet2dConfig;
import org.transvw.network.UNet2dConfig;
import org.transvw.network.UNet3dConfig;
import org.transvw.perturbation.policy.PerturbationPolicies;
import org.transvw.perturbation.policy.PerturbationPolicy;
import org.transvw.training.BatchSource;
import org.transvw.training.Step;
import org.transvw.training.TrainingObserver;
import org.transvw.training.TrainingResult;
import org.transvw.training.TrainingRun;

import ai.djl.Device;
import ai.djl.Model;

/**
 * TransVW pre-training (paper section III-B; method.md §5): a U-Net with a
 * self-classification head on the bottleneck learns to restore perturbed visual-word cubes and to
 * classify them, with the {@link JointLoss} of the {@link PretextMode}, trained by the generic
 * {@link TrainingRun}. Writes a {@link ModelBundle} with the run's provenance (data fingerprint,
 * seed, versions, configuration, epochs, final losses).
 * <p>
 * Checkpoints and {@code metrics.csv} go to {@link #trainingDir(Path)} next to the bundle (the
 * bundle folder holds only the bundle's files, see {@link TrainingRun#saveBundle}); running again
 * with the same output and configuration resumes from the last checkpoint (another
 * configuration is refused unless {@code training.fresh()}). The bundle holds the weights of the best epoch
 * (lowest mean validation total loss) and a copy of {@code metrics.csv}.
 * <pre>{@code
 * try (CubeSource data = VisualWordCubes.open(datasetDir)) {
 * 	PretrainingResult r = new Pretrainer(PretrainingConfig.defaults(), Device.cpu(), progress,
 * 		cancellation).run(data, bundleDir);
 * }
 * }</pre>
 */
public final class Pretrainer {

	/** Name of the metrics copy inside the bundle. */
	public static final String METRICS = TrainingRun.METRICS;

	private final PretrainingConfig config;
	private final Device device;
	private final Progress progress;
	private final Cancellation cancellation;
	private TrainingObserver observer = new TrainingObserver() {};
	private NetworkChoice network = NetworkChoice.AUTO;

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

	/**
	 * The network to build ({@code network=}): auto = the 3D U-Net for 3D cubes, the ResNet-18
	 * U-Net for 2D patches; refused at {@link #run} when its dimensionality is not the data's.
	 * Returns this.
	 */
	public Pretrainer optNetwork(final NetworkChoice choice) {
		this.network = Checks.notNull(choice, "network");
		return this;
	}

	/** Where checkpoints and metrics of {@code bundleDir} live: {@code <bundle>.training}. */
	public static Path trainingDir(final Path bundleDir) {
		final Path abs = bundleDir.toAbsolutePath();
		return abs.resolveSibling(abs.getFileName() + ".training");
	}

	/** The 3D network pre-training builds for {@code loss} (sigmoid restoration output). */
	public UNet3dConfig network(final JointLoss loss) {
		return UNet3d.builder().optFlavour(config.flavour()).optBaseWidth(config.baseWidth())
			.optNumClasses(loss.headClasses()).optOutput(OutputActivation.SIGMOID).build().config();
	}

	/**
	 * The network for cubes of {@code dims} axes: {@link #network(JointLoss)} for 3D, else the 2D
	 * network of {@link #optNetwork} at the configured width, the same head and output.
	 */
	public NetworkConfig network(final JointLoss loss, final int dims) {
		final NetworkChoice n = network.resolve(dims);
		return switch (n) {
			case UNET2D -> new UNet2dConfig(config.baseWidth(), 1, 1, loss.headClasses(),
				OutputActivation.SIGMOID);
			case RESNET18_UNET -> new ResNet18UNet2dConfig(config.baseWidth(), 1, 1, loss
				.headClasses(), OutputActivation.SIGMOID);
			default -> network(loss);
		};
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
	 * @throws IllegalArgumentException when {@link #trainingDir(Path)} holds a run of another
	 *           configuration and {@code training.fresh()} is off (the message names what differs)
	 * @throws IOException on a data, checkpoint or bundle file problem
	 */
	public PretrainingResult run(final CubeSource data, final Path bundleDir) throws IOException {
		Checks.notNull(bundleDir, "output");
		Checks.require(data.size(Split.TRAIN) > 0, "dataset", "at least one training cube");
		final int[] cube = data.cubeSize();
		final PerturbationPolicy policy = PerturbationPolicies.byName(config.mode().policy());
		final JointLoss loss = loss(data, policy);
		final NetworkConfig net = network(loss, cube.length);
		if (cube.length == 3) UNet3d.requireInputSizes("dataset", cube);
		else {
			final int m = net.build().requiredMultiple();
			for (final int c : cube)
				Checks.require(c % m == 0, "dataset", "2D patches whose sizes are multiples of " + m +
					" for " + net.choice().key() + ", got " + java.util.Arrays.toString(cube));
		}
		final int batch = config.training().batch();
		final BatchSource train = PretextData.batches(data, Split.TRAIN, policy, batch, config
			.workers());
		final BatchSource val = data.size(Split.VALIDATION) == 0 ? null : PretextData.batches(data,
			Split.VALIDATION, policy, batch, config.workers());
		final Step step = (block, ps, b, training) -> loss.terms(block.forward(ps, b.inputs(),
			training), b.labels());
		final Map<String, Object> configuration = new LinkedHashMap<>(config.toMap());
		configuration.put("numPretextClasses", loss.numPretextClasses());
		configuration.put("network", net.toMap());
		final Path dir = trainingDir(bundleDir);
		try (TrainingRun run = TrainingRun.builder("pre-training", config.training())
			.optCheckpointDir(dir).optConfiguration(configuration).optDataFingerprint(data
				.fingerprint()).optProgress(progress).optCancellation(cancellation).addObserver(
					observer).start(); Model model = ModelBundle.newModel(net, device))
		{
			final TrainingResult r = run.fit(model, train, val, step);
			run.saveBundle(bundleDir, model, new BundleDescription(net, cube, data.input(),
				config.mode().key(), loss.numClasses(), Map.of(ModelCard.TRAINING_DATA, trainingData(
					data))));
			return new PretrainingResult(bundleDir, dir, r);
		}
	}

	/** The model card's summary of the visual-word cubes, with the inputs they were cut from. */
	private static Map<String, Object> trainingData(final CubeSource data) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("trainingCubes", data.size(Split.TRAIN));
		m.put("validationCubes", data.size(Split.VALIDATION));
		m.put("cubeSize", data.cubeSize());
		m.put("visualWords", data.numClasses());
		m.putAll(data.input().toMap());
		return m;
	}
}
