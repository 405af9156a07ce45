package org.transvw.finetuning;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityRecipe;
import org.transvw.network.BatchNormMode;
import org.transvw.network.BundleDescription;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.ModelCard;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3dConfig;

import ai.djl.Device;
import ai.djl.Model;

/**
 * A fine-tuned bundle keeps its initialisation's provenance and summarises its training data, so
 * its model card tells the chain self-discovery dataset -> pre-training run -> fine-tuning run.
 */
@Category(EngineTests.class)
public class FineTuningProvenanceTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void fineTunedBundleRecordsThePreTrainingChainAndItsData() throws Exception {
		// setup: a "pre-trained" bundle with the provenance keys TrainingRun records
		final Path pre = tmp.getRoot().toPath().resolve("pretrained");
		final UNet3dConfig net = new UNet3dConfig(Flavour.PYTORCH, 8, 1, 1, true, 0,
			OutputActivation.SIGMOID, BatchNormMode.RUNNING);
		final Map<String, Object> prov = new LinkedHashMap<>();
		prov.put("stage", "pre-training");
		prov.put("dataFingerprint", "sha256:visualwords");
		prov.put("configuration", Map.of("mode", "transvw"));
		prov.put("seed", 4L);
		try (Model m = ModelBundle.newModel(net, Device.cpu())) {
			ModelBundle.save(pre, m, new BundleDescription(net, new int[] { 16, 16, 16 },
				IntensityRecipe.ctDefault(), "transvw", 0, prov));
		}
		final RandomStreams rng = RandomStreams.seeded(3);
		final List<LabelledCase> train = List.of(SegmentationFineTunerTest.spheres("a", rng.fork(0)),
			SegmentationFineTunerTest.spheres("b", rng.fork(1)));
		final List<LabelledCase> validation = List.of(SegmentationFineTunerTest.spheres("c", rng
			.fork(2)));
		final SegmentationFineTuneConfig c = SegmentationFineTuneConfig.builder(new int[] { 16, 16,
			16 }).samplesPerEpoch(2).validationSamples(2).training(SegmentationFineTuneConfig
				.defaultTraining().withBatch(2).withMaxEpochs(1).withSeed(5)).build();
		final Path out = tmp.getRoot().toPath().resolve("finetuned");
		// process
		try (ModelBundle b = ModelBundle.load(pre, Device.cpu())) {
			new SegmentationFineTuner(c, Progress.NONE, Cancellation.NEVER).fit(train, validation, b,
				IntensityRecipe.ctDefault(), Device.cpu(), out);
		}
		// test
		try (ModelBundle b = ModelBundle.load(out, Device.cpu())) {
			final Map<String, Object> p = b.description().provenance();
			assertEquals("segmentation fine-tuning", p.get("stage"));
			assertEquals("pretrained:transvw", p.get("initialisation"));
			final Map<?, ?> up = (Map<?, ?>) p.get(ModelCard.PRETRAINED_PROVENANCE);
			assertEquals("pre-training", up.get("stage"));
			assertEquals("sha256:visualwords", up.get("dataFingerprint"));
			assertTrue("the pre-trained weights' hash is part of the chain", up.containsKey(
				ModelBundle.WEIGHTS_SHA256));
			final Map<?, ?> data = (Map<?, ?>) p.get(ModelCard.TRAINING_DATA);
			assertEquals(2.0, ((Number) data.get("trainingCases")).doubleValue(), 0);
			assertEquals(1.0, ((Number) data.get("validationCases")).doubleValue(), 0);
			assertEquals(3.0, ((Number) ((Map<?, ?>) data.get("sizes")).get("48x48x24"))
				.doubleValue(), 0);
			assertEquals("ct-window", ((Map<?, ?>) data.get("normalization")).get("kind"));
		}
		final String card = Files.readString(out.resolve(ModelCard.FILE));
		for (final String s : List.of("1. **self-discovery**; dataFingerprint: sha256:visualwords",
			"2. **pre-training**; mode: transvw; seed: 4", "3. **segmentation fine-tuning**; seed: 5",
			"trainingCases: 2", "validationSet: 1 held-out validation case(s)"))
			assertTrue(s + " in\n" + card, card.contains(s));
		final String json = Files.readString(out.resolve(ModelBundle.DESCRIPTION));
		assertTrue(json.contains("\"card\": {") && json.contains("\"provenanceChain\""));
	}
}
