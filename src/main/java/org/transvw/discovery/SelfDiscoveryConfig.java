package org.transvw.discovery;

import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.normalize.NormalizationChoice;
import org.transvw.data.prepare.InputOptions;

/**
 * Every parameter of self-discovery (method.md §2; paper section III-A).
 *
 * @param numClasses C, the number of visual words; 0 = automatic: {@code min(45, N_train)}
 *          (paper value 45 for CT, 100 for 2D radiographs; each word needs its own reference
 *          patient, so C <= N_train)
 * @param k K, training patients per word, reference included; 0 = automatic:
 *          {@code min(200, N_train)} (paper 200 for CT, 1000 for 2D radiographs; N_train = the
 *          collection minus its validation patients): on a small collection every word gets
 *          every training patient, the most instances a word can have, so no word is starved
 * @param kValidation validation patients per word; -1 = automatic: {@code min(30, N_val)}
 * @param validationFraction share of the collection held apart as validation patients (the
 *          reference uses a separate folder), in [0, 0.9]
 * @param crops patch size and multi-scale crop ranges
 * @param rules margins, minimum distance, tissue criterion, trials
 * @param input how scans are prepared (method.md §2.1): modality (detected by default),
 *          normalisation ({@code auto}: the modality's default, CT the reference window [-1000,
 *          1000] HU, MR per-scan percentiles), target spacing (the collection's median by
 *          default), voxel size of uncalibrated files, crop ({@link InputOptions})
 * @param extractor how patient features are computed
 * @param seed the one seed of the run: identical seeds give identical datasets
 */
public record SelfDiscoveryConfig(int numClasses, int k, int kValidation,
	double validationFraction, CropGeometry crops, CoordinateRules rules, InputOptions input,
	ExtractorSettings extractor, long seed)
{

	/** Paper defaults for 3D CT. */
	public static final int PAPER_CLASSES = 45, PAPER_K = 200, REFERENCE_VALIDATION = 30;
	/** Paper defaults for 2D chest radiographs (ChestX-ray14). */
	public static final int PAPER_CLASSES_2D = 100, PAPER_K_2D = 1000;

	public SelfDiscoveryConfig {
		Checks.require(numClasses >= 0, "classes", "a value >= 0 (0 = automatic), got " +
			numClasses);
		Checks.require(k >= 0, "k", "a value >= 0 (0 = automatic), got " + k);
		Checks.require(kValidation >= -1, "validation", "a value >= -1 (-1 = automatic), got " +
			kValidation);
		Checks.inRange(validationFraction, 0, 0.9, "fraction");
		Checks.notNull(crops, "crops");
		Checks.notNull(rules, "rules");
		Checks.require(crops.numDimensions() == rules.marginFraction().length, "margins", crops
			.numDimensions() + " fractions");
		Checks.notNull(input, "input");
		Checks.notNull(extractor, "extractor");
	}

	/**
	 * 64 x 64 x 32 patches, criterion auto (the lung test for volumes), automatic C / K, 20 % validation, default inputs
	 * (modality detected, its default normalisation, the collection's median spacing), seed 1.
	 */
	public static SelfDiscoveryConfig defaults() {
		final int[] patch = { 64, 64, 32 };
		return new SelfDiscoveryConfig(0, 0, -1, 0.2, CropGeometry.forPatch(patch),
			CoordinateRules.defaults(patch, new TissueCriterion.Auto()), InputOptions.defaults(),
			ExtractorSettings.defaults(), 1);
	}

	/** A new patch size with the reference crop ranges and rules scaled to it. */
	public SelfDiscoveryConfig withPatch(final int... patch) {
		return new SelfDiscoveryConfig(numClasses, k, kValidation, validationFraction,
			CropGeometry.forPatch(patch), CoordinateRules.defaults(patch, rules.criterion()),
			input, extractor, seed);
	}

	public SelfDiscoveryConfig withCounts(final int c, final int kTrain, final int kVal) {
		return new SelfDiscoveryConfig(c, kTrain, kVal, validationFraction, crops, rules,
			input, extractor, seed);
	}

	public SelfDiscoveryConfig withValidationFraction(final double f) {
		return new SelfDiscoveryConfig(numClasses, k, kValidation, f, crops, rules, input,
			extractor, seed);
	}

	public SelfDiscoveryConfig withCrops(final CropGeometry g) {
		return new SelfDiscoveryConfig(numClasses, k, kValidation, validationFraction, g, rules,
			input, extractor, seed);
	}

	public SelfDiscoveryConfig withRules(final CoordinateRules r) {
		return new SelfDiscoveryConfig(numClasses, k, kValidation, validationFraction, crops, r,
			input, extractor, seed);
	}

	/** These settings with {@code normalization=} ({@link NormalizationChoice#parse}). */
	public SelfDiscoveryConfig withNormalization(final String n) {
		return withInput(input.withNormalization(NormalizationChoice.parse(n, null)));
	}

	/** These settings with other input options (modality, normalisation, spacing, voxel, crop). */
	public SelfDiscoveryConfig withInput(final InputOptions in) {
		return new SelfDiscoveryConfig(numClasses, k, kValidation, validationFraction, crops,
			rules, in, extractor, seed);
	}

	public SelfDiscoveryConfig withExtractor(final ExtractorSettings e) {
		return new SelfDiscoveryConfig(numClasses, k, kValidation, validationFraction, crops,
			rules, input, e, seed);
	}

	public SelfDiscoveryConfig withSeed(final long s) {
		return new SelfDiscoveryConfig(numClasses, k, kValidation, validationFraction, crops,
			rules, input, extractor, s);
	}

	/** The paper's C for the patch's dimensionality: 45 (3D CT) or 100 (2D). */
	public int paperClasses() {
		return crops.numDimensions() == 2 ? PAPER_CLASSES_2D : PAPER_CLASSES;
	}

	/** The paper's K for the patch's dimensionality: 200 (3D CT) or 1000 (2D). */
	public int paperK() {
		return crops.numDimensions() == 2 ? PAPER_K_2D : PAPER_K;
	}

	/** C for {@code nTrain} training patients; fails naming the limit when too large. */
	public int effectiveClasses(final int nTrain) {
		if (numClasses == 0) return Math.min(paperClasses(), nTrain);
		Checks.require(numClasses <= nTrain, "classes", "at most " + nTrain +
			" (each visual word needs its own reference among the " + nTrain +
			" training patients), got " + numClasses);
		return numClasses;
	}

	/** K for {@code nTrain} training patients; fails naming the limit when too large. */
	public int effectiveK(final int nTrain) {
		if (k == 0) return Math.min(paperK(), nTrain);
		Checks.require(k <= nTrain, "k", "at most the " + nTrain +
			" training patients of the collection, got " + k);
		return k;
	}

	/**
	 * The C, K and validation counts used for {@code nTrain} / {@code nVal} patients and why, e.g.
	 * "C = 9 visual words (automatic: min(45, 9 training patients), each word needs its own
	 * reference patient); K = 9 ...": logged by self-discovery.
	 */
	public String explainCounts(final int nTrain, final int nVal) {
		final int c = effectiveClasses(nTrain), kk = effectiveK(nTrain), kv = effectiveKValidation(
			nVal);
		return "C = " + c + " visual words (" + (numClasses == 0 ? "automatic: min(" +
			paperClasses() + ", " + nTrain + " training patients), each word needs its own " +
			"reference patient" : "classes=" + numClasses) + "); K = " + kk +
			" training patients per word (" + (k == 0 ? "automatic: min(" + paperK() + ", " + nTrain +
				" training patients), every word gets as many instances as the collection allows"
				: "k=" + k) + "); " + kv + " validation patients per word (" + (kValidation < 0
					? "automatic: min(" + REFERENCE_VALIDATION + ", " + nVal + ")" : "kval=" +
						kValidation) + ")";
	}

	/** Validation instances per word for {@code nVal} validation patients. */
	public int effectiveKValidation(final int nVal) {
		if (kValidation < 0) return Math.min(REFERENCE_VALIDATION, nVal);
		Checks.require(kValidation <= nVal, "validation", "at most the " + nVal +
			" validation patients held apart, got " + kValidation);
		return kValidation;
	}

	/** Every parameter as JSON-compatible values (stored in the dataset manifest). */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("numClasses", numClasses);
		m.put("k", k);
		m.put("kValidation", kValidation);
		m.put("validationFraction", validationFraction);
		m.put("patch", java.util.Arrays.stream(crops.patch()).boxed().toList());
		m.put("minScale", crops.minScale());
		m.put("maxScale", crops.maxScale());
		m.put("jitterLow", crops.jitterLow());
		m.put("jitterHigh", crops.jitterHigh());
		m.put("randomScales", crops.randomScales());
		m.put("marginFraction", java.util.Arrays.stream(rules.marginFraction()).boxed().toList());
		m.put("minDistance", rules.minDistance());
		m.put("criterion", rules.criterion().toString());
		m.put("maxTrials", rules.maxTrials());
		m.put("input", input.toMap());
		m.put("extractor", extractor.toMap());
		m.put("seed", seed);
		return m;
	}
}
