package org.transvw.network;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

/**
 * The JSON half of a {@link ModelBundle} ({@code model.json}): what a model is and where it came
 * from, so that fine-tuning and inference can rebuild it and prepare inputs the same way.
 *
 * @param network architecture (rebuilds the block): a 3D U-Net, or a 2D network
 * @param patch training patch size (x, y, z), e.g. 64, 64, 32; (x, y) for a 2D network
 * @param input what the model's inputs are: modality, intensity normalisation, spacing and
 *          orientation it was trained at ({@link InputConvention}; a round-1 bundle records only
 *          the normalisation)
 * @param pretext pretext / training mode, e.g. "transvw", "genesis", "imported", "segmentation"
 * @param numClasses class count of the pretext or target task (0 = none)
 * @param provenance where the weights came from. A trained bundle carries the keys of
 *          {@code training.TrainingRun.provenance()}: {@code stage}, {@code versions},
 *          {@code seed}, {@code configuration} (the stage's settings and {@code training}),
 *          {@code dataFingerprint}, {@code epochs}, {@code bestEpoch}, {@code stopReason},
 *          {@code bestValidationLoss}, {@code resumedFrom}, {@code finalTrainLosses},
 *          {@code finalValidationLosses}, plus the stage's own (e.g. {@code validationDice});
 *          an imported one the source file and its SHA-256; every bundle
 *          {@value ModelBundle#WEIGHTS_SHA256}. Null values are dropped
 */
public record BundleDescription(NetworkConfig network, int[] patch, InputConvention input,
	String pretext, int numClasses, Map<String, Object> provenance)
{

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
		.serializeSpecialFloatingPointValues().create();

	public BundleDescription {
		Checks.notNull(network, "network");
		final int dims = network.spatialDimensions();
		Checks.require(patch != null && patch.length == dims && Arrays.stream(patch).allMatch(
			p -> p > 0), "patch", dims == 3 ? "three positive sizes (x, y, z)"
				: "two positive sizes (x, y) for the 2D network " + network.choice().key());
		patch = patch.clone();
		Checks.notNull(input, "input");
		Checks.notNull(pretext, "pretext");
		Checks.inRange(numClasses, 0, 100_000, "numClasses");
		final Map<String, Object> prov = new LinkedHashMap<>();
		if (provenance != null) provenance.forEach((k, v) -> {
			if (k != null && v != null) prov.put(k, v);
		});
		provenance = java.util.Collections.unmodifiableMap(prov);
	}

	/**
	 * A description whose inputs record only a normalisation (modality not recorded, native grid):
	 * imported weights and models that never went through the geometry step.
	 */
	public BundleDescription(final NetworkConfig network, final int[] patch,
		final IntensityRecipe normalization, final String pretext, final int numClasses,
		final Map<String, Object> provenance)
	{
		this(network, patch, InputConvention.of(Checks.notNull(normalization, "normalization")),
			pretext, numClasses, provenance);
	}

	/**
	 * The 3D U-Net of a volume bundle.
	 *
	 * @throws IllegalArgumentException naming {@code bundle} for a 2D network's bundle
	 */
	public UNet3dConfig unet3d() {
		if (network instanceof UNet3dConfig c) return c;
		NetworkChoice.requireDimensions("bundle", "unet3d", 3, network.spatialDimensions());
		throw new IllegalStateException("unreachable");
	}

	@Override
	public int[] patch() {
		return patch.clone();
	}

	/** The intensity normalisation the model expects ({@code input().normalization()}). */
	public IntensityRecipe normalization() {
		return input.normalization();
	}

	/** Copy with more provenance entries (later ones win). */
	public BundleDescription withProvenance(final Map<String, Object> more) {
		final Map<String, Object> m = new LinkedHashMap<>(provenance);
		m.putAll(more);
		return new BundleDescription(network, patch, input, pretext, numClasses, m);
	}

	/**
	 * Pretty JSON, with the {@link ModelCard}'s facts as the {@code card} object (derived from the
	 * rest; {@link #fromJson} ignores it).
	 */
	public String toJson() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("format", "transvw-bundle");
		m.put("formatVersion", 1);
		m.put("network", network.toMap());
		m.put("patch", patch);
		m.putAll(input.toMap());
		m.put("pretext", pretext);
		m.put("numClasses", numClasses);
		m.put("provenance", new java.util.TreeMap<>(provenance));
		m.put("card", ModelCard.of(this).facts());
		return GSON.toJson(m);
	}

	/** Inverse of {@link #toJson()}. */
	@SuppressWarnings("unchecked")
	public static BundleDescription fromJson(final String json) {
		final Map<String, Object> m = GSON.fromJson(json, new TypeToken<Map<String, Object>>() {}
			.getType());
		Checks.require(m != null && "transvw-bundle".equals(m.get("format")), "model.json",
			"a TransVW bundle description (\"format\": \"transvw-bundle\")");
		final Object p = m.get("patch");
		Checks.require(p instanceof List<?> l && (l.size() == 3 || l.size() == 2), "patch",
			"three sizes (or two for a 2D network), got " + p);
		final int[] patch = ((List<Object>) p).stream().mapToInt(v -> ((Number) v).intValue())
			.toArray();
		final Object n = m.get("numClasses");
		Checks.require(n instanceof Number, "numClasses", "a number, got " + n);
		return new BundleDescription(NetworkConfig.fromMap((Map<String, ?>) m.get("network")), patch,
			InputConvention.fromMap(m), String.valueOf(m.get(
				"pretext")), ((Number) n).intValue(), (Map<String, Object>) m.getOrDefault(
					"provenance", Map.of()));
	}
}
