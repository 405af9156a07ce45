package org.transvw.pretraining;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.discovery.dataset.Split;
import org.transvw.engine.EngineSession;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.ModelCard;
import org.transvw.network.UNet3dConfig;
import org.transvw.perturbation.policy.PerturbationPolicies;
import org.transvw.training.EpochMetrics;
import org.transvw.training.LrSchedule;
import org.transvw.training.TrainingObserver;
import org.transvw.training.TrainingResult;
import org.transvw.training.TrainingRun;
import org.transvw.training.TrainingSettings;

import ai.djl.Device;
import ai.djl.Model;

/** Pre-training on generated visual words with tiny U-Nets (base 8). */
@Category(EngineTests.class)
public class PretrainerTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void restorationLossFallsAndTheBundleRecordsProvenance() throws Exception {
		// setup: 4 classes x 6 training + 2 validation cubes of 16x16x8; the in-painting add-on
		// (restore one hole + classify the visual word) is learnable in a few epochs
		final Path ds = SyntheticVisualWords.write(tmp.newFolder().toPath(), new int[] { 16, 16,
			8 }, 6, 2, 3);
		final Path bundle = tmp.getRoot().toPath().resolve("bundle");
		final PretrainingConfig cfg = PretrainingConfig.defaults().withNetwork(Flavour.PYTORCH, 8)
			.withTraining(TrainingSettings.defaults().withBatch(4).withLearningRate(3e-3)
				.withMaxEpochs(6)).withMode(PretextMode.INPAINTING_VW);
		final List<EpochMetrics> epochs = new ArrayList<>();
		// process
		final PretrainingResult r;
		try (CubeSource data = VisualWordCubes.open(ds)) {
			r = new Pretrainer(cfg, Device.cpu(), null, null).observe(new TrainingObserver() {

				@Override
				public void onEpoch(final EpochMetrics m) {
					epochs.add(m);
				}
			}).run(data, bundle);
			// test
			final double first = epochs.get(0).train().get("rec");
			final double last = epochs.get(epochs.size() - 1).train().get("rec");
			assertTrue("restoration MSE falls clearly: " + first + " -> " + last, last < 0.4 *
				first);
			final double firstVal = epochs.get(0).validation().get("rec");
			final double lastVal = epochs.get(epochs.size() - 1).validation().get("rec");
			assertTrue("validation MSE falls: " + firstVal + " -> " + lastVal, lastVal < 0.5 *
				firstVal);
			assertTrue(epochs.get(0).validation().containsKey("cls"));
			try (ModelBundle b = ModelBundle.load(bundle, Device.cpu())) {
				assertEquals("inpainting+vw", b.description().pretext());
				assertEquals(4, b.description().numClasses());
				assertEquals(4, b.block().config().numClasses());
				final Map<String, Object> p = b.description().provenance();
				assertEquals(data.fingerprint(), p.get("dataFingerprint"));
				assertEquals(6.0, ((Number) p.get("epochs")).doubleValue(), 0);
				assertEquals(1.0, ((Number) p.get("seed")).doubleValue(), 0);
				assertTrue(p.containsKey("finalValidationLosses"));
				assertTrue(p.containsKey("versions"));
				final Map<?, ?> cubes = (Map<?, ?>) p.get(ModelCard.TRAINING_DATA);
				assertEquals(24.0, ((Number) cubes.get("trainingCubes")).doubleValue(), 0);
				assertTrue(Files.readString(bundle.resolve(ModelCard.FILE)).contains(
					"1. **self-discovery**; dataFingerprint: " + data.fingerprint()));
			}
		}
		assertEquals(6, r.training().lastEpoch());
		assertTrue(Files.exists(bundle.resolve(Pretrainer.METRICS)));
		assertTrue(Files.exists(r.trainingDir().resolve(TrainingRun.BEST)));
	}

	@Test
	public void visuallyDistinctClassesAreClassifiedAboveNinetyPercent() throws Exception {
		// setup: unperturbed cubes ("identity" policy) and the classification-only loss
		final Path ds = SyntheticVisualWords.write(tmp.newFolder().toPath(), new int[] { 16, 16,
			8 }, 8, 4, 5);
		try (CubeSource data = VisualWordCubes.open(ds)) {
			final JointLoss loss = JointLoss.of(PretextMode.VW_CLASSIFICATION, 1, 1, 1, data
				.numClasses(), 0);
			final UNet3dConfig net = new Pretrainer(PretrainingConfig.defaults().withNetwork(
				Flavour.PYTORCH, 8), Device.cpu(), null, null).network(loss);
			final List<Integer> managed = new ArrayList<>();
			final List<Model> watched = new ArrayList<>();
			try (TrainingRun run = TrainingRun.builder("test", TrainingSettings.defaults().withSeed(2)
				.withMaxEpochs(30).withLearningRate(3e-3)).addObserver(new TrainingObserver() {

					@Override
					public void onStep(final int epoch, final int step, final Map<String, Double> means) {
						managed.add(watched.get(0).getNDManager().getManagedArrays().size());
					}
				}).start(); Model model = ModelBundle.newModel(net, Device.cpu()))
			{
				watched.add(model);
				final var identity = PerturbationPolicies.byName("identity");
				// process
				final TrainingResult r = run.fit(model, PretextData.batches(data, Split.TRAIN, identity,
					4, 2), PretextData.batches(data, Split.VALIDATION, identity, 4, 2), (block, ps, b,
						training) -> loss.terms(block.forward(ps, b.inputs(), training), b.labels()));
				// test
				final double best = r.history().stream().mapToDouble(
					EpochMetrics::validationAccuracy).max().orElse(0);
				assertTrue("validation accuracy " + best, best > 0.9);
				for (int i = 1; i < managed.size(); i++)
					assertEquals("arrays in the model's manager after step " + (i + 1), managed.get(0),
						managed.get(i));
			}
		}
	}

	@Test
	public void aSecondRunWithTheSameOutputResumesFromTheLastCheckpoint() throws Exception {
		// setup: 2 epochs of vw-restoration
		final Path ds = SyntheticVisualWords.write(tmp.newFolder().toPath(), new int[] { 16, 16,
			8 }, 2, 1, 7);
		final Path bundle = tmp.getRoot().toPath().resolve("resumed");
		final PretrainingConfig cfg = PretrainingConfig.defaults().withNetwork(Flavour.KERAS, 8)
			.withTraining(TrainingSettings.defaults().withBatch(4).withSchedule(LrSchedule.parse(
				"plateau:20")).withMaxEpochs(2)).withMode(PretextMode.VW_RESTORATION);
		final int[] start = new int[1];
		final TrainingObserver startAt = new TrainingObserver() {

			@Override
			public void onStart(final int firstEpoch) {
				start[0] = firstEpoch;
			}
		};
		try (CubeSource data = VisualWordCubes.open(ds)) {
			new Pretrainer(cfg, Device.cpu(), null, null).run(data, bundle);
			// process: the same run again (nothing left to do), then one more epoch
			final PretrainingResult again = new Pretrainer(cfg, Device.cpu(), null, null).observe(
				startAt).run(data, bundle);
			assertEquals(3, start[0]);
			assertEquals(0, again.training().history().size());
			try (ModelBundle b = ModelBundle.load(bundle, Device.cpu())) {
				assertEquals(2.0, ((Number) b.description().provenance().get("epochs")).doubleValue(),
					0);
				assertTrue(b.description().provenance().containsKey("finalTrainLosses"));
			}
			final PretrainingResult more = new Pretrainer(cfg.withTraining(cfg.training().withMaxEpochs(
				3)), Device.cpu(), null, null).observe(startAt).run(data, bundle);
			// test
			assertEquals(3, start[0]);
			assertEquals(1, more.training().history().size());
			assertEquals(3, more.training().lastEpoch());
			assertEquals(3, org.transvw.training.MetricsCsv.read(bundle.resolve(Pretrainer.METRICS))
				.rows().size());
		}
	}
}
