package org.transvw.finetuning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityMap;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.engine.Tensors;
import org.transvw.evaluation.SegmentationEvaluation;
import org.transvw.evaluation.SegmentationReport;
import org.transvw.inference.ModelPredictor;
import org.transvw.inference.SlidingWindowConfig;
import org.transvw.inference.SlidingWindowSegmenter;
import org.transvw.network.BatchNormMode;
import org.transvw.network.BundleDescription;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.ModelCard;
import org.transvw.network.OutputActivation;
import org.transvw.network.NetworkChoice;
import org.transvw.network.NetworkConfig;
import org.transvw.network.ResNet18UNet2dConfig;
import org.transvw.network.UNet2dConfig;
import org.transvw.network.UNet3dConfig;
import org.transvw.training.PrefetchingBatchSource;
import org.transvw.training.TrainingBatch;
import org.transvw.training.TrainingResult;
import org.transvw.training.TrainingRun;
import org.transvw.training.TrainingObserver;
import org.transvw.training.TrainingSettings;
import org.transvw.common.SeededSplit;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.util.Intervals;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Fine-tunes a 3D U-Net for segmentation (paper section IV, target tasks; method.md §6):
 * encoder + decoder from a pre-trained bundle, or random initialisation through the same code,
 * a new 1x1x1 output for the target classes, Dice loss (+ optional BCE/CE) masked by the sparse
 * labels, foreground-oversampled augmented patches, validation each epoch with early stopping,
 * best checkpoint and learning-rate schedule (one {@link TrainingRun}). At the end the best
 * weights segment the whole validation volumes (the early-stopping set) and the held-out test
 * volumes by sliding window; each is scored on its input's own grid (the prediction taken back
 * through the case's geometry plan) and reported apart ({@link FineTuneResult#summary()}). The
 * bundle records the inputs it was trained on (modality, recipe, spacing, RAS).
 * <pre>{@code
 * SegmentationFineTuneConfig c = SegmentationFineTuneConfig.builder(new int[] {64, 64, 32}).build();
 * FineTuneData data = SegmentationData.read(sources, InputOptions.defaults(), bundleInput, split, p, cancel);
 * FineTuneResult r = new SegmentationFineTuner(c, progress, cancel)
 * 	.fit(data, pretrainedOrNull, Device.cpu(), outputBundle);
 * }</pre>
 * Only one fine-tuning may run per JVM at a time (one DJL gradient collector).
 */
public final class SegmentationFineTuner {

	private final SegmentationFineTuneConfig config;
	private final Progress progress;
	private final Cancellation cancel;
	private final List<TrainingObserver> observers = new ArrayList<>();

	public SegmentationFineTuner(final SegmentationFineTuneConfig config, final Progress progress,
		final Cancellation cancel)
	{
		this.config = Checks.notNull(config, "config");
		this.progress = Checks.notNull(progress, "progress");
		this.cancel = Checks.notNull(cancel, "cancel");
	}

	/** Watches the training loop (logs, plots, tests that capture the batches); returns this. */
	public SegmentationFineTuner observe(final TrainingObserver o) {
		observers.add(Checks.notNull(o, "observer"));
		return this;
	}

	/**
	 * Trains, evaluates and saves cases already on the model's grid (no geometry plan, no test
	 * set).
	 *
	 * @param train training cases (images in the model's intensity range)
	 * @param validation validation cases (dense labels recommended)
	 * @param pretrained a pre-trained bundle, or null to train from scratch
	 * @param normalization the normalisation applied to the images, stored in the output bundle
	 * @param output bundle folder to write, or null to keep nothing
	 */
	public FineTuneResult fit(final List<LabelledCase> train, final List<LabelledCase> validation,
		final ModelBundle pretrained, final IntensityRecipe normalization, final Device device,
		final Path output) throws IOException
	{
		return fit(FineTuneData.of(train, validation, normalization), pretrained, device, output);
	}

	/**
	 * Trains on {@code data.train()}, stops early on {@code data.validation()}, scores the best
	 * weights on the validation and the test cases, and saves.
	 *
	 * @param pretrained a pre-trained bundle, or null to train from scratch
	 * @param output bundle folder to write, or null to keep nothing
	 */
	public FineTuneResult fit(final FineTuneData data, final ModelBundle pretrained,
		final Device device, final Path output) throws IOException
	{
		Checks.notNull(data, "data");
		final List<LabelledCase> used = subset(data.train());
		final List<LabelledCase> validation = data.validation();
		for (final LabelledCase c : used)
			checkLabels(c);
		final NetworkConfig net = networkConfig(pretrained);
		final int[] patch = config.patch();
		final PatchSampler trainPatches = new PatchSampler(used, patch, config.foregroundFraction());
		final PatchSampler valPatches = new PatchSampler(validation, patch, config
			.foregroundFraction());
		final SegmentationLoss loss = new SegmentationLoss(config.classes(), config
			.crossEntropyWeight());
		final Augmentation aug = config.augmentation();
		final TrainingSettings ts = config.training();
		final PrefetchingBatchSource<PatchSampler.Sample> trainSource = new PrefetchingBatchSource<>(
			config.samplesPerEpoch(), (i, rng) -> aug.apply(trainPatches.crop(trainPatches.draw(rng)),
				rng.fork("augment")), SegmentationFineTuner::collate, ts.batch(), true, 1, 2);
		// the same validation patches every epoch, whatever the epoch stream
		final RandomStreams valRng = RandomStreams.seeded(ts.seed()).fork("validation patches");
		final PrefetchingBatchSource<PatchSampler.Sample> valSource = new PrefetchingBatchSource<>(
			config.validationSamples(), (i, rng) -> valPatches.crop(valPatches.draw(valRng.fork(i))),
			SegmentationFineTuner::collate, ts.batch(), false, 1, 2);
		final Map<String, Object> runConfig = new LinkedHashMap<>(config.toMap());
		runConfig.put("input", data.input().toMap());
		final TrainingRun.Builder builder = TrainingRun.builder("segmentation fine-tuning", ts)
			.optCheckpointDir(config.checkpointDir()).optConfiguration(Initialisation
				.runConfiguration(runConfig, net, pretrained)).optDataFingerprint(config
					.checkpointDir() == null ? null : Fingerprints.ofCases(used, validation)).optProgress(
						progress.subRange(0, 0.9)).optCancellation(cancel);
		for (final TrainingObserver o : observers)
			builder.addObserver(o);
		try (TrainingRun run = builder.start(); Initialisation.Result init = Initialisation.create(
			net, pretrained, device, config.freezeEncoder()))
		{
			final Model model = init.model();
			final TrainingResult tr = run.fit(model, trainSource, valSource, (block, ps, b,
				training) -> loss.terms(block.forward(ps, b.inputs(), training).get(0), b.labels()
					.head()));
			final ai.djl.nn.Block block = model.getBlock();
			final double share = data.test().isEmpty() ? 1 : (double) validation.size() / (validation
				.size() + data.test().size());
			final SegmentationReport report = evaluate(block, model.getNDManager(), validation, progress
				.subRange(0.9, 0.9 + 0.1 * share));
			final SegmentationReport test = data.test().isEmpty() ? null : evaluate(block, model
				.getNDManager(), data.test(), progress.subRange(0.9 + 0.1 * share, 1));
			final FineTuneResult result = new FineTuneResult(tr, report, test, init.transfer(), output);
			if (output != null) run.saveBundle(output, model, new BundleDescription(net, patch, data
				.input(), "segmentation", config.classes(), provenance(result, data, pretrained, used)));
			return result;
		}
	}

	private static TrainingBatch collate(final NDManager m, final List<PatchSampler.Sample> s) {
		final List<Img<FloatType>> images = new ArrayList<>(), labels = new ArrayList<>();
		for (final PatchSampler.Sample x : s) {
			images.add(x.image());
			labels.add(x.labels());
		}
		return new TrainingBatch(new NDList(Tensors.stack(m, images)), new NDList(Tensors.stack(m,
			labels)), s.size());
	}

	/**
	 * Pooled foreground Dice/IoU of whole volumes (sliding window, 50 %), each scored on its
	 * input's own grid: a case with a geometry plan has its foreground probability taken back
	 * ({@code GeometryPlan.invertProbabilities}, 0 outside a crop) and compared with its labels as
	 * drawn.
	 */
	private SegmentationReport evaluate(final ai.djl.nn.Block net, final NDManager manager,
		final List<LabelledCase> cases, final Progress p)
	{
		final SlidingWindowSegmenter sw = new SlidingWindowSegmenter(new ModelPredictor(net,
			manager), new SlidingWindowConfig(config.patch(), 0.5, 0.125, config.training().batch(), false));
		final SegmentationEvaluation e = new SegmentationEvaluation();
		for (int i = 0; i < cases.size(); i++) {
			cancel.check();
			final LabelledCase c = cases.get(i);
			final Img<FloatType> prob = sw.predict(c.image(), p.subRange((double) i / cases.size(),
				(double) (i + 1) / cases.size()), cancel);
			final RandomAccessibleInterval<FloatType> fg = foregroundProbability(prob);
			if (c.plan() == null) e.add(c.name(), labelledOnly(fg, c.labels()), foregroundTruth(c
				.labels()));
			else e.add(c.name(), labelledOnly(c.plan().invertProbabilities(c.plan().processed().on(fg,
				Modality.OTHER, IntensityMap.raw()), 0).floats(), c.originalLabels()), foregroundTruth(c
					.originalLabels()));
		}
		return e.report();
	}

	/** Binary: the sigmoid channel; softmax: 1 - p(background). */
	private static RandomAccessibleInterval<FloatType> foregroundProbability(
		final Img<FloatType> prob)
	{
		final int ch = prob.numDimensions() - 1;
		final RandomAccessibleInterval<FloatType> c0 = Views.hyperSlice(prob, ch, 0);
		if (prob.dimension(ch) == 1) return c0;
		return Converters.convert(c0, (a, b) -> b.set(1 - a.get()), new FloatType());
	}

	/**
	 * The prediction with unlabelled voxels (255, sparse labels) set to 0, so that a sparsely
	 * labelled validation volume is scored on its labelled slices only: otherwise every correct
	 * foreground prediction on an unlabelled slice counts as a false positive (every 4th slice
	 * labelled: Dice at most 0.4 for a perfect prediction).
	 */
	static RandomAccessibleInterval<FloatType> labelledOnly(
		final RandomAccessibleInterval<FloatType> prediction,
		final RandomAccessibleInterval<? extends RealType<?>> labels)
	{
		final RandomAccessibleInterval<FloatType> out = Views.translate(ArrayImgs.floats(Intervals
			.dimensionsAsLongArray(prediction)), Intervals.minAsLongArray(prediction));
		LoopBuilder.setImages(out, prediction, labels).forEachPixel((o, p, l) -> o.set(SparseLabels
			.isLabelled(l.getRealDouble()) ? p.get() : 0));
		return out;
	}

	/** 1 where a labelled voxel is foreground, else 0 (unlabelled counts as background). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static RandomAccessibleInterval<FloatType> foregroundTruth(
		final RandomAccessibleInterval<? extends RealType<?>> labels)
	{
		return Converters.convert((RandomAccessibleInterval) labels, (a, b) -> {
			final double v = ((RealType<?>) a).getRealDouble();
			((FloatType) b).set(v > 0 && SparseLabels.isLabelled(v) ? 1 : 0);
		}, new FloatType());
	}

	/**
	 * The target network: the pre-trained bundle's architecture with a new output (its
	 * dimensionality must be the patch's), or from scratch the configured {@code network=} at
	 * {@code baseWidth}.
	 */
	private NetworkConfig networkConfig(final ModelBundle pretrained) {
		final OutputActivation act = config.classes() == 1 ? OutputActivation.SIGMOID
			: OutputActivation.SOFTMAX;
		if (pretrained != null) {
			final NetworkConfig s = pretrained.description().network();
			NetworkChoice.requireDimensions("pretrained", s.choice().key() + " of the bundle", s
				.spatialDimensions(), config.dimensions());
			return s.forTarget(config.classes(), act);
		}
		return switch (config.network()) {
			case UNET2D -> new UNet2dConfig(config.baseWidth(), 1, config.classes(), 0, act);
			case RESNET18_UNET -> new ResNet18UNet2dConfig(config.baseWidth(), 1, config.classes(), 0,
				act);
			default -> new UNet3dConfig(Flavour.PYTORCH, config.baseWidth(), 1, config.classes(), true,
				0, act, BatchNormMode.RUNNING);
		};
	}

	/** The first ceil(fraction * n) cases of a seeded shuffle (at least one). */
	private List<LabelledCase> subset(final List<LabelledCase> cases) {
		if (config.fraction() >= 1) return cases;
		final int n = Math.max(1, (int) Math.ceil(config.fraction() * cases.size()));
		return SeededSplit.draw(cases.size(), n, RandomStreams.seeded(config.training().seed()).fork(
			"fraction")).chosen(cases);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void checkLabels(final LabelledCase c) {
		if (config.classes() == 1) return;
		for (final Object o : Views.iterable((RandomAccessibleInterval) c.labels())) {
			final double v = ((RealType<?>) o).getRealDouble();
			Checks.require(!SparseLabels.isLabelled(v) || v < config.classes() && v == Math.rint(v),
				"labels of " + c.name(), "class indices 0.." + (config.classes() - 1) + " or " +
					SparseLabels.UNLABELLED + " (unlabelled), got " + v);
		}
	}

	private Map<String, Object> provenance(final FineTuneResult r, final FineTuneData data,
		final ModelBundle pretrained, final List<LabelledCase> used)
	{
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("validationDice", r.validation().pooled().dice());
		m.put("validationCases", data.validation().size());
		if (r.test() != null) {
			m.put("testDice", r.test().pooled().dice());
			m.put("testCases", data.test().size());
		}
		m.put("evaluation", r.summary());
		m.put("trainingCases", used.size());
		m.put("fraction", config.fraction());
		m.put("freezeEncoder", config.freezeEncoder());
		m.putAll(Initialisation.provenance(pretrained));
		m.put(ModelCard.TRAINING_DATA, TrainingData.ofCases(used, data.validation(), data.test(), data
			.input()));
		if (!data.provenance().isEmpty()) m.put("input", data.provenance());
		return m;
	}
}
