package org.transvw.finetuning;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityRecipe;
import org.transvw.engine.EngineSession;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;
import org.transvw.training.BatchSource;
import org.transvw.training.LossTerm;
import org.transvw.training.Losses;
import org.transvw.training.PrefetchingBatchSource;
import org.transvw.training.Step;
import org.transvw.training.StepResult;
import org.transvw.training.TrainingBatch;
import org.transvw.training.TrainingRun;
import org.transvw.training.TrainingSettings;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * A frozen encoder (segmentation with a frozen encoder; linear evaluation in classification) runs
 * its batch normalisation in inference mode: its features and running statistics are the same
 * before and after a training step, while the trained part does change.
 */
@Category(EngineTests.class)
public class FrozenEncoderTest {

	private static final int SIZE = 16, N = 4;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@BeforeClass
	public static void engine() {
		EngineSession.threads(1);
		EngineSession.engine();
	}

	/** A saved bundle with random weights: the "pre-trained" encoder. */
	private ModelBundle pretrained() throws Exception {
		final UNet3dConfig c = UNet3d.builder().optBaseWidth(8).optOutput(OutputActivation.SIGMOID)
			.build().config();
		final Path dir = tmp.newFolder().toPath().resolve("bundle");
		EngineSession.engine().setRandomSeed(3);
		try (Model m = ModelBundle.newModel(c, Device.cpu())) {
			ModelBundle.save(dir, m, new BundleDescription(c, new int[] { SIZE, SIZE, SIZE },
				IntensityRecipe.none(), "test", 0, Map.of()));
		}
		return ModelBundle.load(dir, Device.cpu());
	}

	/** Random cubes with a thresholded label, {@code N} samples in batches of 2. */
	private static BatchSource data() {
		final int v = SIZE * SIZE * SIZE;
		return new PrefetchingBatchSource<float[]>(N, (i, rng) -> {
			final RandomStreams r = RandomStreams.seeded(100 + i);
			final float[] x = new float[v];
			for (int k = 0; k < v; k++)
				x[k] = r.nextFloat();
			return x;
		}, (m, samples) -> {
			final float[] all = new float[samples.size() * v];
			for (int i = 0; i < samples.size(); i++)
				System.arraycopy(samples.get(i), 0, all, i * v, v);
			final NDArray x = m.create(all, new Shape(samples.size(), 1, SIZE, SIZE, SIZE));
			return new TrainingBatch(new NDList(x), new NDList(x.gt(0.5f).toType(DataType.FLOAT32,
				false)), samples.size());
		}, 2, false, 1, 1);
	}

	private static Map<String, float[]> values(final UNet3d net, final boolean encoder,
		final boolean statistics)
	{
		final Map<String, float[]> m = new LinkedHashMap<>();
		net.namedParameters().forEach((k, p) -> {
			final String layer = Initialisation.layer(k);
			if ((encoder ? net.isEncoderLayer(layer) : net.isDecoderLayer(layer)) && UNet3d
				.isStatistic(k) == statistics) m.put(k, p.getArray().toFloatArray());
		});
		return m;
	}

	private static float[] features(final UNet3d net, final NDManager parent,
		final boolean training)
	{
		try (NDManager m = parent.newSubManager()) {
			final RandomStreams r = RandomStreams.seeded(7);
			final float[] x = new float[2 * SIZE * SIZE * SIZE];
			for (int k = 0; k < x.length; k++)
				x[k] = r.nextFloat();
			return net.bottleneck(new ParameterStore(m, false), m.create(x, new Shape(2, 1, SIZE,
				SIZE, SIZE)), training).toFloatArray();
		}
	}

	private static void assertSame(final String what, final Map<String, float[]> a,
		final Map<String, float[]> b)
	{
		assertEquals(what, a.keySet(), b.keySet());
		a.forEach((k, v) -> assertArrayEquals(what + " " + k, v, b.get(k), 0f));
	}

	private static boolean anyChanged(final Map<String, float[]> a, final Map<String, float[]> b) {
		return a.keySet().stream().anyMatch(k -> !java.util.Arrays.equals(a.get(k), b.get(k)));
	}

	@Test
	public void aFrozenEncoderKeepsItsFeaturesAndStatisticsThroughTraining() throws Exception {
		try (ModelBundle pre = pretrained()) {
			final UNet3dConfig s = pre.block().config();
			final UNet3dConfig seg = new UNet3dConfig(s.flavour(), s.baseWidth(), 1, 1, true, 0,
				OutputActivation.SIGMOID, s.batchNormMode());
			try (TrainingRun run = TrainingRun.builder("test", TrainingSettings.defaults()
				.withMaxEpochs(1).withLearningRate(1e-2)).start(); Initialisation.Result init =
					Initialisation.create(seg, pre, Device.cpu(), true))
			{
				final Model model = init.model();
				final UNet3d net = (UNet3d) model.getBlock();
				// setup
				final Map<String, float[]> stats = values(net, true, true);
				final Map<String, float[]> decoderStats = values(net, false, true);
				final Map<String, float[]> decoder = values(net, false, false);
				final float[] before = features(net, model.getNDManager(), false);
				assertArrayEquals("in training mode too, the frozen encoder uses running statistics",
					before, features(net, model.getNDManager(), true), 0f);
				// process: one epoch of two steps
				final SegmentationLoss loss = new SegmentationLoss(1, 0);
				final Step step = (block, ps, b, training) -> loss.terms(block.forward(ps, b.inputs(),
					training).get(0), b.labels().head());
				run.fit(model, data(), null, step);
				// test
				assertSame("frozen BN statistics", stats, values(net, true, true));
				assertArrayEquals("frozen features", before, features(net, model.getNDManager(), false),
					0f);
				assertTrue("the decoder trained", anyChanged(decoder, values(net, false, false)));
				assertTrue("the decoder's BN statistics moved", anyChanged(decoderStats, values(net,
					false, true)));
			}
		}
	}

	@Test
	public void linearEvaluationTrainsTheHeadOnFixedFeatures() throws Exception {
		try (ModelBundle pre = pretrained()) {
			final UNet3dConfig c = pre.block().config().withNumClasses(0);
			try (TrainingRun run = TrainingRun.builder("test", TrainingSettings.defaults()
				.withMaxEpochs(1).withLearningRate(1e-2)).start(); Initialisation.Result init =
					Initialisation.create(c, pre, Device.cpu(), false))
			{
				final Model model = init.model();
				final UNet3d net = (UNet3d) model.getBlock();
				for (final Map.Entry<String, Parameter> e : net.namedParameters().entrySet())
					if (!UNet3d.isStatistic(e.getKey())) e.getValue().freeze(true);
				final EncoderClassifier classifier = new EncoderClassifier(net, 1);
				classifier.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 8, 8, 8));
				model.setBlock(classifier);
				// setup
				final Map<String, float[]> stats = values(net, true, true);
				final float[] before = features(net, model.getNDManager(), false);
				final List<float[]> head = new ArrayList<>();
				classifier.getParameters().forEach(p -> {
					if (p.getKey().contains("head")) head.add(p.getValue().getArray().toFloatArray());
				});
				// process: BCE on the mean intensity being above 0.5
				final Step step = (block, ps, b, training) -> {
					final NDArray z = block.forward(ps, b.inputs(), training).head();
					final NDArray y = b.labels().head().reshape(b.size(), -1).mean(new int[] { 1 }).gt(
						0.5f).toType(DataType.FLOAT32, false).reshape(-1, 1);
					return StepResult.of(new LossTerm("bce", 1, Losses.binaryCrossEntropyWithLogits(z,
						y)));
				};
				run.fit(model, data(), null, step);
				// test
				assertSame("frozen BN statistics", stats, values(net, true, true));
				assertArrayEquals("frozen features", before, features(net, model.getNDManager(), false),
					0f);
				final List<float[]> after = new ArrayList<>();
				classifier.getParameters().forEach(p -> {
					if (p.getKey().contains("head")) after.add(p.getValue().getArray().toFloatArray());
				});
				assertEquals(head.size(), after.size());
				assertFalse("the head trained", java.util.Arrays.equals(head.get(0), after.get(0)));
			}
		}
	}
}
