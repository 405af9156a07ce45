package org.transvw.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDataset;
import org.transvw.engine.EngineSession;
import org.transvw.engine.Tensors;
import org.transvw.network.BundleDescription;
import org.transvw.network.ImageNetwork;
import org.transvw.network.ModelBundle;
import org.transvw.network.NetworkConfig;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet2dConfig;
import org.transvw.training.LossTerm;
import org.transvw.training.Losses;
import org.transvw.training.PrefetchingBatchSource;
import org.transvw.training.StepResult;
import org.transvw.training.TrainingBatch;
import org.transvw.training.TrainingRun;
import org.transvw.training.TrainingSettings;
import org.transvw.common.FileTrees;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The patient features of self-discovery (method.md §2.2): an auto-encoder (the project's
 * {@link UNet3d}, with or without skip connections, or for 2D images the 2D U-Net, sigmoid output, MSE, one
 * {@link TrainingRun} with {@link ExtractorSettings#training()}: Adam, learning rate halved
 * after 20 stale epochs down to 1e-6, early stopping) is trained on the whole scans of
 * the training patients resized to a fixed grid ({@link ScanGrid}); the feature of a patient is
 * the global average of the bottleneck after ReLU (16 x base width values; 512 at the
 * reference width 32), computed in inference mode. Alternatively the encoder of a pre-trained
 * bundle gives the features.
 * <p>
 * Caching (all under the cache folder, keyed by SHA-256 of the collection fingerprint, the
 * normalisation, the grid, the extractor settings and the seed): the trained auto-encoder
 * ({@code autoencoder-KEY/}, a model bundle; its training checkpoints in
 * {@code autoencoder-KEY.training/} so an interrupted training resumes) and the features
 * ({@code features-KEY.json}). A second run with the same inputs trains nothing.
 * <p>
 * Starts the DJL engine. One extraction per JVM at a time (one gradient collector).
 */
public final class FeatureExtractor {

	/** Auto-encoder trainings tried before non-finite features are an error. */
	static final int ATTEMPTS = 3;

	private FeatureExtractor() {}

	/**
	 * Features of every scan of {@code grid}, indexed by collection index.
	 *
	 * @param grid the resized scans; its TRAIN split trains the auto-encoder, its VALIDATION
	 *          split drives early stopping
	 */
	public static float[][] extract(final VisualWordDataset grid, final String gridKey,
		final ExtractorSettings settings, final long seed, final Path cacheDir,
		final Progress progress, final Cancellation cancel) throws IOException
	{
		final Map<String, Object> id = new LinkedHashMap<>(settings.toMap());
		id.put("grid", gridKey);
		id.put("seed", seed);
		if (settings.bundle() != null) id.put("weights", org.transvw.common.Sha256.of(settings
			.bundle().resolve(ModelBundle.WEIGHTS)));
		final String key = ScanGrid.sha256(id.toString());
		final Path cached = cacheDir.resolve("features-" + key + ".json");
		final float[][] known = FeatureCache.read(cached, grid.header().patients().size());
		if (known != null) {
			progress.report(1, "features: cached " + cached.getFileName());
			return known;
		}
		EngineSession.engine();
		final Device device = EngineSession.device(settings.device());
		final float[][] features;
		if (settings.bundle() != null) {
			try (ModelBundle b = ModelBundle.load(settings.bundle(), device)) {
				final ImageNetwork net = (ImageNetwork) b.model().getBlock();
				final int[] g = grid.cubeSize();
				net.requireDimensions("extractor", settings.bundle().toString(), g.length);
				for (final int v : g)
					Checks.require(v % net.requiredMultiple() == 0, "grid", "multiples of " + net
						.requiredMultiple() + " for the network of the extractor bundle (" + net.config()
							.choice().key() + "), got " + Arrays.toString(g));
				features = features(b.model(), grid, progress, cancel);
			}
		}
		else features = trainAndExtract(grid, settings, seed, cacheDir.resolve("autoencoder-" +
			key), progress, cancel);
		requireFinite(features);
		FeatureCache.write(cached, features, id);
		return features;
	}

	/**
	 * Trains (or reuses) the auto-encoder and extracts the features. NB: guard against sporadic
	 * non-finite training (observed with DJL 0.36 / PyTorch 2.7.1 on CPU: the loss of a healthy
	 * run jumps to NaN within an epoch, nondeterministically; see docs/discovery.md):
	 * when the restored best weights give non-finite features, the auto-encoder is trained again
	 * from scratch with the next seed, at most {@value #ATTEMPTS} times in all.
	 */
	private static float[][] trainAndExtract(final VisualWordDataset grid,
		final ExtractorSettings s, final long seed, final Path aeDir, final Progress progress,
		final Cancellation cancel) throws IOException
	{
		final Device device = EngineSession.device(s.device());
		final Path trainingDir = aeDir.resolveSibling(aeDir.getFileName() + ".training");
		for (int attempt = 0;; attempt++) {
			if (!Files.exists(aeDir.resolve(ModelBundle.DESCRIPTION))) train(grid, s, seed + attempt,
				aeDir, trainingDir, progress.subRange(0, 0.9), cancel);
			final float[][] f;
			try (ModelBundle b = ModelBundle.load(aeDir, device)) {
				f = features(b.model(), grid, progress.subRange(0.9, 1), cancel);
			}
			if (isFinite(f) || attempt == ATTEMPTS - 1) return f;
			progress.report(Double.NaN, "auto-encoder training gave non-finite weights; " +
				"training again (attempt " + (attempt + 2) + "/" + ATTEMPTS + ")");
			FileTrees.deleteTree(aeDir);
			FileTrees.deleteTree(trainingDir);
		}
	}

	/**
	 * The auto-encoder's network: output = input channels, sigmoid, no class head; the 3D U-Net
	 * for a 3D grid, the 2D U-Net (with skips) for a 2D grid.
	 */
	static NetworkConfig network(final ExtractorSettings s) {
		if (s.grid().length == 2) return new UNet2dConfig(s.baseWidth(), 1, 1, 0,
			OutputActivation.SIGMOID);
		return UNet3d.builder().optBaseWidth(s.baseWidth()).optSkipConnections(s
			.skipConnections()).optOutput(OutputActivation.SIGMOID).build().config();
	}

	private static void train(final VisualWordDataset grid, final ExtractorSettings s,
		final long seed, final Path aeDir, final Path trainingDir, final Progress progress,
		final Cancellation cancel) throws IOException
	{
		final int nTrain = grid.size(Split.TRAIN), nVal = grid.size(Split.VALIDATION);
		Checks.require(nTrain > 0, "collection", "at least one training scan");
		final NetworkConfig config = network(s);
		final TrainingSettings ts = s.training().withSeed(seed);
		final PrefetchingBatchSource<RandomAccessibleInterval<FloatType>> train =
			new PrefetchingBatchSource<>(nTrain, (i, rng) -> grid.cube(Split.TRAIN, i),
				FeatureExtractor::batch, ts.batch(), true, 1, 2);
		final PrefetchingBatchSource<RandomAccessibleInterval<FloatType>> val = nVal == 0 ? null
			: new PrefetchingBatchSource<>(nVal, (i, rng) -> grid.cube(Split.VALIDATION, i),
				FeatureExtractor::batch, ts.batch(), false, 1, 2);
		final Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("grid", Arrays.stream(grid.cubeSize()).boxed().toList());
		configuration.put("network", config.toMap());
		try (TrainingRun run = TrainingRun.builder("auto-encoder training", ts).optCheckpointDir(
			trainingDir).optConfiguration(configuration).optDataFingerprint(grid.header()
				.collectionFingerprint()).optProgress(progress).optCancellation(cancel).start();
			Model model = ModelBundle.newModel(config, EngineSession.device(s.device())))
		{
			run.fit(model, train, val, (block, ps, b, training) -> StepResult.of(new LossTerm("mse",
				1, Losses.mse(block.forward(ps, b.inputs(), training).get(0), b.labels().get(0)))));
			run.saveBundle(aeDir, model, new BundleDescription(config, grid.cubeSize(), grid.input(),
				"autoencoder", 0, Map.of("purpose",
					"self-discovery feature extractor (auto-encoder)")));
		}
	}

	private static TrainingBatch batch(final NDManager m,
		final List<RandomAccessibleInterval<FloatType>> cubes)
	{
		final NDArray x = Tensors.stack(m, cubes);
		// NB: the target is a separate array; sharing one array as input and label made training
		// diverge to NaN in about half of the runs (DJL PyTorch 0.36, CPU)
		return new TrainingBatch(new NDList(x), new NDList(x.duplicate()), cubes.size());
	}

	/** GAP of the bottleneck for every scan, both splits, indexed by collection index. */
	private static float[][] features(final Model model, final VisualWordDataset grid,
		final Progress progress, final Cancellation cancel)
	{
		final ImageNetwork net = (ImageNetwork) model.getBlock();
		final float[][] out = new float[grid.header().patients().size()][];
		final int total = grid.size(Split.TRAIN) + grid.size(Split.VALIDATION);
		int done = 0;
		for (final Split split : Split.values())
			for (int i = 0; i < grid.size(split); i++) {
				cancel.check();
				try (NDManager sub = model.getNDManager().newSubManager()) {
					final ParameterStore ps = new ParameterStore(sub, false);
					final NDArray x = Tensors.toTensor(sub, grid.cube(split, i));
					final NDArray b = net.encoderFeatures(ps, x, false);
					out[grid.record(split, i).patient()] = b.reshape(b.getShape().get(0), b
						.getShape().get(1), -1).mean(new int[] { 2 }).toFloatArray();
				}
				progress.report((double) ++done / total, "features " + done + "/" + total);
			}
		for (int p = 0; p < out.length; p++)
			Checks.require(out[p] != null, "grid", "a resized scan for every patient, #" + p +
				" missing");
		return out;
	}

	private static boolean isFinite(final float[][] features) {
		for (final float[] f : features)
			for (final float v : f)
				if (!Float.isFinite(v)) return false;
		return true;
	}

	private static void requireFinite(final float[][] features) {
		if (!isFinite(features)) throw new IllegalStateException("features are not finite: the " +
			"feature extractor diverged in " + ATTEMPTS + " attempts (try a lower learning rate)");
	}

}
