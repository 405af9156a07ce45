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
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.engine.Tensors;
import org.transvw.evaluation.Auc;
import org.transvw.network.BatchNormMode;
import org.transvw.network.BundleDescription;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.ModelCard;
import org.transvw.network.OutputActivation;
import org.transvw.network.TransferReport;
import org.transvw.network.ImageNetwork;
import org.transvw.network.NetworkChoice;
import org.transvw.network.NetworkConfig;
import org.transvw.network.ResNet18UNet2dConfig;
import org.transvw.network.UNet2dConfig;
import org.transvw.network.UNet3dConfig;
import org.transvw.training.LossTerm;
import org.transvw.training.Losses;
import org.transvw.training.PrefetchingBatchSource;
import org.transvw.training.StepResult;
import org.transvw.training.TrainingBatch;
import org.transvw.training.TrainingResult;
import org.transvw.training.TrainingRun;
import org.transvw.training.TrainingSettings;
import org.transvw.data.FloatImages;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Fine-tunes the encoder for classification (paper section IV, NCC/ECC; method.md §6):
 * encoder from a pre-trained bundle (or random), GAP, a new linear layer; BCE with logits for two
 * classes, CE over softmax otherwise; validation loss each epoch drives early stopping, the LR
 * schedule and the best checkpoint; the best weights' validation ROC AUC (binary; mean
 * one-vs-rest otherwise) is reported. {@code linear} freezes the whole encoder (linear
 * evaluation): its parameters get no gradient and it runs in inference mode, so its batch
 * normalisation uses (and never updates) the running statistics and the features are fixed.
 */
public final class ClassificationFineTuner {

	/**
	 * What a run produced: {@code auc} on the validation cubes (the early-stopping set, an
	 * optimistic figure), {@code testAuc} on the held-out test cubes (NaN without a test set);
	 * an AUC is NaN when its set holds a single class.
	 */
	public record Result(TrainingResult training, double auc, float[][] validationProbabilities,
		double testAuc, float[][] testProbabilities, int validationCubes, int testCubes,
		TransferReport transfer, Path bundle)
	{

		/** Which set each figure comes from, e.g. "validation (early stopping) AUC 0.91 on 40 cubes; test AUC 0.88 on 30 held-out cubes". */
		public String summary() {
			final String v = String.format(java.util.Locale.ROOT,
				"validation (early stopping) AUC %.4f on %d cubes", auc, validationCubes);
			if (testCubes == 0) return v + "; no held-out test set (give test= a fraction for a " +
				"figure that early stopping never saw)";
			return v + String.format(java.util.Locale.ROOT, "; test AUC %.4f on %d held-out cubes",
				testAuc, testCubes);
		}
	}

	private final ClassificationFineTuneConfig config;
	private final Progress progress;
	private final Cancellation cancel;

	public ClassificationFineTuner(final ClassificationFineTuneConfig config,
		final Progress progress, final Cancellation cancel)
	{
		this.config = Checks.notNull(config, "config");
		this.progress = Checks.notNull(progress, "progress");
		this.cancel = Checks.notNull(cancel, "cancel");
	}

	/** Trains on cubes already split and prepared (no test set); records only the recipe. */
	public Result fit(final List<LabelledCube> train, final List<LabelledCube> validation,
		final ModelBundle pretrained, final IntensityRecipe normalization, final Device device,
		final Path output) throws IOException
	{
		return fit(new ClassificationData(train, validation, List.of(), InputConvention.of(
			normalization), null), pretrained, device, output);
	}

	/**
	 * Trains on {@code data.train()}, stops early on {@code data.validation()}, scores the best
	 * weights on the validation and the test cubes, and saves (the bundle records the inputs).
	 */
	public Result fit(final ClassificationData data, final ModelBundle pretrained,
		final Device device, final Path output) throws IOException
	{
		final List<LabelledCube> train = data.train(), validation = data.validation();
		for (final List<LabelledCube> set : List.of(train, validation, data.test()))
			for (final LabelledCube c : set) {
				Checks.require(c.label() < config.classes(), "label of " + c.id(), "a class in 0.." +
					(config.classes() - 1) + " (classes=" + config.classes() + "), got " + c.label());
				NetworkChoice.requireDimensions("cube of " + c.id(), "of this run", config
					.dimensions(), c.cube().numDimensions());
			}
		final NetworkConfig net = networkConfig(pretrained);
		final int outputs = config.outputs();
		final TrainingSettings ts = config.training();
		final int flips = 1 << config.dimensions();
		final PrefetchingBatchSource<LabelledCube> trainSource = new PrefetchingBatchSource<>(train
			.size(), (i, rng) -> config.flip() ? flipped(train.get(i), rng.nextInt(flips)) : train.get(
				i),
			ClassificationFineTuner::collate, ts.batch(), true, 1, 2);
		final PrefetchingBatchSource<LabelledCube> valSource = new PrefetchingBatchSource<>(
			validation.size(), (i, rng) -> validation.get(i), ClassificationFineTuner::collate, ts
				.batch(), false, 1, 2);
		Checks.require(!config.linear() || pretrained != null, "linear",
			"a pre-trained bundle (linear evaluation of a random encoder is meaningless)");
		final Map<String, Object> runConfig = new LinkedHashMap<>(config.toMap());
		runConfig.put("input", data.input().toMap());
		try (TrainingRun run = TrainingRun.builder("classification fine-tuning", ts)
			.optCheckpointDir(config.checkpointDir()).optConfiguration(Initialisation
				.runConfiguration(runConfig, net, pretrained))
			.optDataFingerprint(config.checkpointDir() == null ? null : Fingerprints.ofCubes(train,
				validation)).optProgress(progress.subRange(0, 0.95)).optCancellation(cancel).start();
			Initialisation.Result init = Initialisation.create(net, pretrained, device, false))
		{
			final Model model = init.model();
			final ImageNetwork unet = (ImageNetwork) model.getBlock();
			final EncoderClassifier classifier = new EncoderClassifier(unet, outputs);
			if (config.linear()) classifier.freezeEncoder();
			classifier.initialize(model.getNDManager(), DataType.FLOAT32, classifier.initialShape());
			model.setBlock(classifier);
			final TrainingResult tr = run.fit(model, trainSource, valSource, (block, ps, b,
				training) -> step(outputs, block, ps, b, training));
			final float[][] p = probabilities(classifier, model, validation, ts.batch());
			final double auc = auc(labels(validation), p);
			final float[][] pt = data.test().isEmpty() ? new float[0][] : probabilities(classifier,
				model, data.test(), ts.batch());
			final double testAuc = data.test().isEmpty() ? Double.NaN : auc(labels(data.test()), pt);
			final Result result = new Result(tr, auc, p, testAuc, pt, validation.size(), data.test()
				.size(), init.transfer(), output);
			progress.report(1, result.summary());
			if (output != null) {
				final Map<String, Object> prov = new LinkedHashMap<>(run.provenance());
				prov.putAll(provenance(result, pretrained, train.size()));
				prov.put(ModelCard.TRAINING_DATA, TrainingData.ofCubes(train, validation, data.test(),
					config.cube(), data.input()));
				if (!data.provenance().isEmpty()) prov.put("input", data.provenance());
				ClassifierBundle.save(output, model, classifier, new BundleDescription(unet.config(),
					config.cube(), data.input(), ClassifierBundle.PRETEXT, config.classes(), prov));
			}
			return result;
		}
	}

	private static float[][] probabilities(final EncoderClassifier classifier, final Model model,
		final List<LabelledCube> cubes, final int batch)
	{
		final List<Img<FloatType>> images = new ArrayList<>();
		for (final LabelledCube c : cubes)
			images.add(c.cube());
		return ClassifierBundle.probabilities(classifier, model.getNDManager(), images, batch);
	}

	private static int[] labels(final List<LabelledCube> cubes) {
		final int[] y = new int[cubes.size()];
		for (int i = 0; i < y.length; i++)
			y[i] = cubes.get(i).label();
		return y;
	}

	/** Binary: AUC of p(1); otherwise the mean one-vs-rest AUC over classes present. */
	static double auc(final int[] labels, final float[][] p) {
		final int k = p[0].length;
		if (k == 1) return Auc.of(labels, column(p, 0));
		double sum = 0;
		int n = 0;
		for (int c = 0; c < k; c++) {
			final int[] y = new int[labels.length];
			for (int i = 0; i < y.length; i++)
				y[i] = labels[i] == c ? 1 : 0;
			final double a = Auc.of(y, column(p, c));
			if (!Double.isNaN(a)) {
				sum += a;
				n++;
			}
		}
		return n == 0 ? Double.NaN : sum / n;
	}

	private static double[] column(final float[][] p, final int c) {
		final double[] v = new double[p.length];
		for (int i = 0; i < v.length; i++)
			v[i] = p[i][c];
		return v;
	}

	private static StepResult step(final int outputs, final ai.djl.nn.Block block,
		final ai.djl.training.ParameterStore ps, final TrainingBatch b, final boolean training)
	{
		final NDArray z = block.forward(ps, b.inputs(), training).head();
		final NDArray y = b.labels().head();
		final NDArray loss;
		final long correct;
		if (outputs == 1) {
			loss = Losses.binaryCrossEntropyWithLogits(z, y);
			correct = z.gt(0).toType(DataType.FLOAT32, false).eq(y).sum().getLong();
		}
		else {
			loss = Losses.crossEntropy(z, y);
			correct = Losses.correct(z, y);
		}
		return new StepResult(List.of(new LossTerm(outputs == 1 ? "bce" : "ce", 1, loss)), correct,
			b.size());
	}

	private static TrainingBatch collate(final NDManager m, final List<LabelledCube> s) {
		final List<Img<FloatType>> cubes = new ArrayList<>();
		final float[] labels = new float[s.size()];
		for (int i = 0; i < labels.length; i++) {
			cubes.add(s.get(i).cube());
			labels[i] = s.get(i).label();
		}
		return new TrainingBatch(new NDList(Tensors.stack(m, cubes)), new NDList(m.create(labels,
			new Shape(labels.length, 1))), s.size());
	}

	/**
	 * The network: a pre-trained bundle's architecture without its self-classification head (its
	 * dimensionality and multiple must suit the cubes), or from scratch the configured
	 * {@code network=} at {@code baseWidth}, one output, no head.
	 */
	private NetworkConfig networkConfig(final ModelBundle pretrained) {
		if (pretrained != null) {
			final NetworkConfig s = pretrained.network().config();
			NetworkChoice.requireDimensions("bundle", s.choice().key() + " of the bundle", s
				.spatialDimensions(), config.dimensions());
			if (s.spatialDimensions() == 2) s.choice().requireInputSizes("patch", config.cube());
			return s.withNumClasses(0);
		}
		return switch (config.network()) {
			case UNET2D -> new UNet2dConfig(config.baseWidth(), 1, 1, 0, OutputActivation.SIGMOID);
			case RESNET18_UNET -> new ResNet18UNet2dConfig(config.baseWidth(), 1, 1, 0,
				OutputActivation.SIGMOID);
			default -> new UNet3dConfig(Flavour.PYTORCH, config.baseWidth(), 1, 1, true, 0,
				OutputActivation.SIGMOID, BatchNormMode.RUNNING);
		};
	}

	/** The cube flipped along the axes set in {@code mask} (bit d = axis d). */
	private static LabelledCube flipped(final LabelledCube c, final int mask) {
		RandomAccessibleInterval<FloatType> v = c.cube();
		for (int d = 0; d < v.numDimensions(); d++)
			if ((mask & (1 << d)) != 0) v = Views.zeroMin(Views.invertAxis(v, d));
		return new LabelledCube(c.id(), FloatImages.copy(v), c.label(), c.source());
	}

	private Map<String, Object> provenance(final Result r, final ModelBundle pretrained,
		final int cubes)
	{
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("validationAuc", r.auc());
		m.put("validationCubes", r.validationCubes());
		if (r.testCubes() > 0) {
			m.put("testAuc", r.testAuc());
			m.put("testCubes", r.testCubes());
		}
		m.put("evaluation", r.summary());
		m.put("trainingCubes", cubes);
		m.put("linearEvaluation", config.linear());
		m.putAll(Initialisation.provenance(pretrained));
		return m;
	}
}
