package org.transvw.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.transvw.common.Checks;

/**
 * The model card of a bundle: what the model is for, what it is, where it came from and how far
 * it can be trusted, as {@link #facts()} (a JSON-friendly map, the {@code card} object of
 * {@code model.json}) and as {@link #markdown()} ({@value #FILE}, written next to
 * {@code model.json} by {@link ModelBundle#save} and the documentation of a BioImage.IO export).
 * Everything comes from the {@link BundleDescription}; what a bundle did not record is shown as
 * {@value #NOT_RECORDED}, never guessed.
 * <p>
 * Provenance keys read (others are listed verbatim at the end of the Markdown): the run keys of
 * {@code training.TrainingRun.provenance()} ({@code stage}, {@code seed}, {@code configuration}
 * with its {@code mode}, {@code dataFingerprint} — for pre-training the self-discovery dataset's —,
 * {@code epochs}, {@code bestEpoch}, {@code stopReason}, {@code bestValidationLoss}),
 * {@value ModelBundle#WEIGHTS_SHA256}; of fine-tuning {@code initialisation}
 * ({@code random} / {@code pretrained:<pretext>}), {@value #PRETRAINED_PROVENANCE} (the provenance
 * map of the bundle a fine-tuning started from, so the chain self-discovery -> pre-training ->
 * fine-tuning can be told), {@value #TRAINING_DATA} (a map: case counts, sizes, spacing,
 * modality, normalisation), {@code validationDice} / {@code validationAuc}; of imported weights
 * {@code sourceFile}, {@code sourceSha256}, {@code sourceFormat}, {@code sourceFlavour}; of a
 * BioImage.IO import {@code importedFrom}, {@code importedSha256}.
 */
public record ModelCard(String name, BundleDescription description, String weightsLicence) {

	/** File name of the rendered card. */
	public static final String FILE = "model-card.md";
	/** Provenance key of the initialising bundle's own provenance map. */
	public static final String PRETRAINED_PROVENANCE = "pretrainedProvenance";
	/** Provenance key of the training-data summary map. */
	public static final String TRAINING_DATA = "trainingData";
	static final String NOT_RECORDED = "not recorded in this bundle";
	/** The stage name {@code training.TrainingRun} records for pre-training. */
	static final String PRETRAINING = "pre-training";

	/** The project's code licence. */
	public static final String CODE_LICENCE = "BSD-2-Clause";
	/** The paper, as the model card and the BioImage.IO {@code cite} entry give it. */
	public static final String CITATION = "F. Haghighi, M. R. Hosseinzadeh Taher, Z. Zhou, " +
		"M. B. Gotway, J. Liang: Transferable Visual Words: Exploiting the Semantics of Anatomical " +
		"Patterns for Self-supervised Learning. IEEE Transactions on Medical Imaging 40(10), 2021 " +
		"(arXiv:2102.10680)";
	public static final String CITATION_DOI = "10.1109/TMI.2021.3060634";
	public static final String CITATION_URL = "https://arxiv.org/abs/2102.10680";
	/** The method's patent notice (README). */
	public static final String PATENT_NOTICE = "TransVW is covered by patents or patent " +
		"applications of its authors' university (e.g. US 2022/0309811 A1 for TransVW, " +
		"US 11,763,952 B2 for its predecessor Semantic Genesis). Commercial use of the method may " +
		"need a licence from the patent holder.";

	public ModelCard {
		Checks.notNull(description, "description");
		name = name == null || name.isBlank() ? "TransVW " + description.pretext() + " model" : name;
		weightsLicence = weightsLicence == null || weightsLicence.isBlank() ? NOT_RECORDED
			: weightsLicence;
	}

	/** A card named after the pretext, weights licence unknown. */
	public static ModelCard of(final BundleDescription d) {
		return new ModelCard(null, d, null);
	}

	/** The card's facts as nested maps, lists, strings and numbers (for model.json). */
	public Map<String, Object> facts() {
		final Map<String, Object> prov = description.provenance();
		final NetworkConfig n = description.network();
		final Map<String, Object> f = new LinkedHashMap<>();
		f.put("name", name);
		f.put("task", task());
		final Map<String, Object> arch = new LinkedHashMap<>();
		arch.put("network", n instanceof UNet3dConfig u ? "3D U-Net of TransVW / Models Genesis, " +
			u.flavour().name().toLowerCase(Locale.ROOT) + " flavour (method.md §4)" : n instanceof
				ResNet18UNet2dConfig ? "2D U-Net with a ResNet-18 encoder (docs/xray-2d.md)"
					: "2D U-Net, the 3D U-Net's plan in 2D (docs/xray-2d.md)");
		arch.putAll(n.toMap());
		if (n instanceof UNet3dConfig u) {
			final UNet3d net = UNet3d.of(u);
			arch.put("trainableParameters", net.parameterCount());
			arch.put("requiredMultiple", net.requiredMultiple());
		}
		else arch.put("requiredMultiple", n.build().requiredMultiple());
		f.put("architecture", arch);
		final Map<String, Object> input = new LinkedHashMap<>();
		input.put("patch", description.patch());
		input.put("normalization", description.normalization().toMap());
		f.put("input", input);
		f.put("initialisation", prov.getOrDefault("initialisation", prov.containsKey("sourceFile")
			? "imported: " + prov.get("sourceFile") : PRETRAINING.equals(prov.get("stage"))
				? "random (this is the pre-training run)" : NOT_RECORDED));
		f.put("provenanceChain", chain(prov));
		f.put("trainingData", trainingData(prov));
		f.put("metrics", metrics(prov));
		f.put("intendedUse", "Research: segmentation (or, for a pre-trained bundle, further " +
			"fine-tuning) of volumes like the training data (same modality, similar field of view, " +
			"spacing and normalisation). Not a medical device; not for diagnosis.");
		f.put("limitations", List.of("Trained on the data summarised here only; other scanners, " +
			"protocols, anatomy or pathology can fail silently.",
			"Validation metrics come from the few validation cases listed, not from an independent " +
				"test set.",
			"Inputs must be normalised as stated (the plugin replays it; other tools must too).",
			"Uncertainty maps (Segment volume, uncertainty=tta) flag disagreement, not confident " +
				"errors."));
		final Map<String, Object> lic = new LinkedHashMap<>();
		lic.put("code", CODE_LICENCE);
		lic.put("weights", weightsLicence);
		f.put("licence", lic);
		f.put("patentNotice", PATENT_NOTICE);
		f.put("citation", CITATION);
		return f;
	}

	private Map<String, Object> task() {
		final Map<String, Object> t = new LinkedHashMap<>();
		final NetworkConfig n = description.network();
		final String pretext = description.pretext();
		t.put("kind", switch (pretext) {
			case "segmentation" -> n.spatialDimensions() + "D semantic segmentation";
			case "classification" -> "3D classification of candidate cubes (encoder and a new " +
				"head; the head is in classifier-head.params)";
			case "imported" -> "released pre-trained weights, imported: an initialisation for " +
				"fine-tuning, not a segmenter";
			default -> "self-supervised pre-training (" + pretext + "): an initialisation for " +
				"fine-tuning, not a segmenter";
		});
		t.put("output", n.outChannels() == 1 ? "foreground probability (sigmoid)" : n.outChannels() +
			" class probabilities (" + n.output().name().toLowerCase(Locale.ROOT) + ")");
		t.put("classes", description.numClasses());
		return t;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> chain(final Map<String, Object> prov) {
		final List<Map<String, Object>> steps = new ArrayList<>();
		final Object up = prov.get(PRETRAINED_PROVENANCE);
		if (up instanceof Map<?, ?> m) steps.addAll(chain((Map<String, Object>) m));
		else if (String.valueOf(prov.get("initialisation")).startsWith("pretrained")) steps.add(step(
			"pre-training", Map.of("run", NOT_RECORDED + " (only '" + prov.get("initialisation") +
				"')")));
		if (prov.containsKey("sourceFile")) steps.add(step("released weights", pick(prov,
			"sourceFile", "sourceSha256", "sourceFormat", "sourceFlavour", "encoderOnly")));
		final Object stage = prov.get("stage");
		if (PRETRAINING.equals(stage)) steps.add(step("self-discovery", Map.of("dataFingerprint",
			prov.getOrDefault("dataFingerprint", NOT_RECORDED))));
		// NB: bundles of round 1 recorded no stage; their fine-tuning said only its initialisation
		if (stage != null || prov.containsKey("initialisation")) steps.add(step(stage != null
			? String.valueOf(stage) : "fine-tuning", run(prov)));
		if (prov.containsKey("importedFrom")) steps.add(step("BioImage.IO import", pick(prov,
			"importedFrom", "importedSha256")));
		return steps;
	}

	/** What identifies a training run: its mode, seed, epochs, outcome and resulting weights. */
	private static Map<String, Object> run(final Map<String, Object> prov) {
		final Map<String, Object> r = new LinkedHashMap<>();
		if (prov.get("configuration") instanceof Map<?, ?> c && c.get("mode") != null) r.put("mode",
			c.get("mode"));
		r.putAll(pick(prov, "seed", "epochs", "bestEpoch", "stopReason", "bestValidationLoss",
			"validationDice", "validationAuc"));
		if (!PRETRAINING.equals(prov.get("stage"))) r.putAll(pick(prov, "dataFingerprint"));
		r.putAll(pick(prov, ModelBundle.WEIGHTS_SHA256));
		return r;
	}

	private static Map<String, Object> step(final String stage, final Map<String, Object> facts) {
		final Map<String, Object> s = new LinkedHashMap<>();
		s.put("stage", stage);
		s.putAll(facts);
		return s;
	}

	private static Map<String, Object> pick(final Map<String, Object> prov, final String... keys) {
		final Map<String, Object> m = new LinkedHashMap<>();
		for (final String k : keys)
			if (prov.containsKey(k)) m.put(k, prov.get(k));
		return m;
	}

	private Map<String, Object> trainingData(final Map<String, Object> prov) {
		final Map<String, Object> t = new LinkedHashMap<>();
		if (prov.get(TRAINING_DATA) instanceof Map<?, ?> m) m.forEach((k, v) -> t.put(String
			.valueOf(k), v));
		for (final String k : new String[] { "trainingCases", "validationCases", "fraction" })
			if (prov.containsKey(k)) t.putIfAbsent(k, prov.get(k));
		if (t.isEmpty()) t.put("cases", NOT_RECORDED);
		for (final String k : new String[] { "sizes", "spacing", "modality" })
			t.putIfAbsent(k, NOT_RECORDED);
		t.put("normalization", description.normalization().toString());
		return t;
	}

	private static Map<String, Object> metrics(final Map<String, Object> prov) {
		final Map<String, Object> m = pick(prov, "validationDice", "validationAuc", "testDice",
			"testAuc", "evaluation", "bestValidationLoss", "bestEpoch");
		final Map<?, ?> t = prov.get(TRAINING_DATA) instanceof Map<?, ?> x ? x : Map.of();
		final Object cases = t.get("validationCases") != null ? t.get("validationCases") : prov.get(
			"validationCases");
		final Object n = cases != null ? cases : t.get("validationCubes");
		final String kind = cases != null ? " case(s)" : " cube(s)";
		m.put("validationSet", n != null ? n + " held-out validation" + kind + " of the " +
			"fine-tuning data" : m.containsKey("validationDice") || m.containsKey("validationAuc")
				? "the validation split of the fine-tuning data (size " + NOT_RECORDED + ")"
				: PRETRAINING.equals(prov.get("stage")) ? "the validation cubes of the pre-training " +
					"dataset (bestValidationLoss: the pretext loss, not a task metric)" : NOT_RECORDED);
		return m;
	}

	/** The card as Markdown. */
	public String markdown() {
		final Map<String, Object> f = facts();
		final StringBuilder md = new StringBuilder();
		md.append("# Model card: ").append(name).append("\n\n");
		md.append("Generated by TransVW for Fiji from the bundle's `model.json`.\n\n");
		section(md, "Task", f.get("task"));
		section(md, "Architecture", f.get("architecture"));
		section(md, "Input", f.get("input"));
		md.append("## Initialisation and provenance\n\n").append("Initialisation: ").append(f.get(
			"initialisation")).append("\n\n");
		int i = 1;
		for (final Object s : (List<?>) f.get("provenanceChain")) {
			final Map<?, ?> step = (Map<?, ?>) s;
			md.append(i++).append(". **").append(step.get("stage")).append("**");
			step.forEach((k, v) -> {
				if (!"stage".equals(k)) md.append("; ").append(k).append(": ").append(text(v));
			});
			md.append('\n');
		}
		if (i == 1) md.append(NOT_RECORDED).append('\n');
		md.append('\n');
		section(md, "Training data", f.get("trainingData"));
		section(md, "Metrics", f.get("metrics"));
		md.append("## Intended use\n\n").append(f.get("intendedUse")).append("\n\n");
		md.append("## Limitations\n\n");
		for (final Object l : (List<?>) f.get("limitations"))
			md.append("- ").append(l).append('\n');
		md.append('\n');
		section(md, "Licence", f.get("licence"));
		md.append("## Patent notice\n\n").append(PATENT_NOTICE).append("\n\n");
		md.append("## Citation\n\n").append(CITATION).append(", doi:").append(CITATION_DOI).append(
			"\n\n");
		md.append("## All recorded provenance\n\n");
		new TreeMap<>(description.provenance()).forEach((k, v) -> md.append("- `").append(k).append(
			"`: ").append(text(v)).append('\n'));
		return md.toString();
	}

	private static void section(final StringBuilder md, final String title, final Object facts) {
		md.append("## ").append(title).append("\n\n");
		((Map<?, ?>) facts).forEach((k, v) -> md.append("- ").append(k).append(": ").append(text(v))
			.append('\n'));
		md.append('\n');
	}

	private static String text(final Object v) {
		if (v instanceof int[] a) return java.util.Arrays.toString(a);
		if (v instanceof double[] a) return java.util.Arrays.toString(a);
		return String.valueOf(v);
	}
}
