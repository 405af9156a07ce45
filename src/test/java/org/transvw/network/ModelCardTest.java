package org.transvw.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.transvw.data.IntensityRecipe;

/** The model card tells the provenance chain and the recorded facts, and never invents any. */
public class ModelCardTest {

	private static final UNet3dConfig NET = new UNet3dConfig(Flavour.PYTORCH, 8, 1, 1, true, 0,
		OutputActivation.SIGMOID, BatchNormMode.RUNNING);

	/** As training.TrainingRun.provenance() records a pre-training run, plus the bundle hash. */
	private static Map<String, Object> pretrainingProvenance() {
		final Map<String, Object> p = new LinkedHashMap<>();
		p.put("stage", "pre-training");
		p.put("seed", 7L);
		p.put("configuration", Map.of("mode", "transvw", "training", Map.of("maxEpochs", 20)));
		p.put("dataFingerprint", "sha256:abc123");
		p.put("epochs", 20);
		p.put("bestValidationLoss", 0.12);
		p.put(ModelBundle.WEIGHTS_SHA256, "feed01");
		return p;
	}

	@Test
	public void fineTunedCardTellsTheChainInOrder() {
		// setup: a fine-tuned bundle that kept its initialisation's provenance
		final Map<String, Object> prov = new LinkedHashMap<>();
		prov.put("stage", "segmentation fine-tuning");
		prov.put("initialisation", "pretrained:transvw");
		prov.put(ModelCard.PRETRAINED_PROVENANCE, pretrainingProvenance());
		prov.put("seed", 3L);
		prov.put("epochs", 40);
		prov.put("trainingCases", 12);
		prov.put("validationDice", 0.81);
		prov.put(ModelCard.TRAINING_DATA, Map.of("trainingCases", 12, "validationCases", 3, "sizes",
			Map.of("24x24x16", 15)));
		final BundleDescription d = new BundleDescription(NET, new int[] { 64, 64, 32 }, IntensityRecipe
			.ctDefault(), "segmentation", 1, prov);
		// process
		final ModelCard card = new ModelCard("Lung nodules", d, "CC-BY-4.0");
		final Map<String, Object> f = card.facts();
		final String md = card.markdown();
		// test
		final List<?> chain = (List<?>) f.get("provenanceChain");
		assertEquals(List.of("self-discovery", "pre-training", "segmentation fine-tuning"), chain
			.stream().map(s -> ((Map<?, ?>) s).get("stage")).toList());
		assertEquals("sha256:abc123", ((Map<?, ?>) chain.get(0)).get("dataFingerprint"));
		assertEquals("transvw", ((Map<?, ?>) chain.get(1)).get("mode"));
		assertEquals("feed01", ((Map<?, ?>) chain.get(1)).get(ModelBundle.WEIGHTS_SHA256));
		assertEquals(3L, ((Map<?, ?>) chain.get(2)).get("seed"));
		assertEquals(0.81, ((Map<?, ?>) f.get("metrics")).get("validationDice"));
		assertTrue(String.valueOf(((Map<?, ?>) f.get("metrics")).get("validationSet")).startsWith(
			"3 held-out"));
		assertEquals(12, ((Map<?, ?>) f.get("trainingData")).get("trainingCases"));
		assertEquals(UNet3d.of(NET).parameterCount(), ((Map<?, ?>) f.get("architecture")).get(
			"trainableParameters"));
		for (final String s : List.of("# Model card: Lung nodules", "## Patent notice",
			"US 2022/0309811 A1", "BSD-2-Clause", "CC-BY-4.0", "10.1109/TMI.2021.3060634",
			"1. **self-discovery**; dataFingerprint: sha256:abc123",
			"2. **pre-training**; mode: transvw; seed: 7", "3. **segmentation fine-tuning**",
			"sizes: {24x24x16=15}", "spacing: " + ModelCard.NOT_RECORDED, "ct-window"))
			assertTrue(s + " in\n" + md, md.contains(s));
	}

	@Test
	public void missingFactsAreMarkedNotRecorded() {
		final BundleDescription d = new BundleDescription(NET, new int[] { 16, 16, 16 }, IntensityRecipe
			.none(), "segmentation", 1, Map.of("initialisation", "pretrained:transvw"));
		final Map<String, Object> f = ModelCard.of(d).facts();
		final Map<?, ?> pre = (Map<?, ?>) ((List<?>) f.get("provenanceChain")).get(0);
		assertEquals("pre-training", pre.get("stage"));
		assertTrue(String.valueOf(pre.get("run")).startsWith(ModelCard.NOT_RECORDED));
		assertEquals(ModelCard.NOT_RECORDED, ((Map<?, ?>) f.get("metrics")).get("validationSet"));
		assertEquals(ModelCard.NOT_RECORDED, ((Map<?, ?>) f.get("licence")).get("weights"));
	}

	@Test
	public void pretrainingBundleIsNotCalledASegmenter() {
		final BundleDescription d = new BundleDescription(NET.withNumClasses(10), new int[] { 64, 64,
			32 }, IntensityRecipe.ctDefault(), "transvw", 10, pretrainingProvenance());
		final Map<String, Object> f = ModelCard.of(d).facts();
		assertTrue(String.valueOf(((Map<?, ?>) f.get("task")).get("kind")).contains("pre-training"));
		assertEquals(List.of("self-discovery", "pre-training"), ((List<?>) f.get("provenanceChain"))
			.stream().map(s -> ((Map<?, ?>) s).get("stage")).toList());
	}

	@Test
	public void importedThenExportedThenImportedTellsEveryStep() {
		// setup: released weights imported, fine-tuned, exported and imported from BioImage.IO
		final Map<String, Object> imported = new LinkedHashMap<>();
		imported.put("sourceFile", "TransVW_chest_ct.pt");
		imported.put("sourceSha256", "abc");
		final Map<String, Object> prov = new LinkedHashMap<>();
		prov.put("stage", "segmentation fine-tuning");
		prov.put("initialisation", "pretrained:imported");
		prov.put(ModelCard.PRETRAINED_PROVENANCE, imported);
		prov.put("importedFrom", "lesions.zip");
		final BundleDescription d = new BundleDescription(NET, new int[] { 16, 16, 16 },
			IntensityRecipe.ctDefault(), "segmentation", 1, prov);
		// process
		final List<?> chain = (List<?>) ModelCard.of(d).facts().get("provenanceChain");
		// test
		assertEquals(List.of("released weights", "segmentation fine-tuning", "BioImage.IO import"),
			chain.stream().map(s -> ((Map<?, ?>) s).get("stage")).toList());
		assertEquals("TransVW_chest_ct.pt", ((Map<?, ?>) chain.get(0)).get("sourceFile"));
	}

	@Test
	public void theCardTravelsInModelJsonAndIsIgnoredOnReading() {
		final BundleDescription d = new BundleDescription(NET, new int[] { 16, 16, 16 },
			IntensityRecipe.ctDefault(), "segmentation", 1, Map.of("stage", "segmentation " +
				"fine-tuning", "seed", 5L));
		final String json = d.toJson();
		assertTrue(json, json.contains("\"card\": {") && json.contains(ModelCard.PATENT_NOTICE));
		final BundleDescription back = BundleDescription.fromJson(json);
		assertEquals("the card is not read back as provenance", d.provenance().keySet(), back
			.provenance().keySet());
		assertEquals(d.network(), back.network());
		assertEquals(ModelCard.of(back).facts().get("citation"), ModelCard.CITATION);
	}
}
