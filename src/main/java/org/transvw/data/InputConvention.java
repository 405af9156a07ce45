package org.transvw.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.transvw.common.Checks;

/**
 * What a model's inputs are (method.md §2.1): the modality, the intensity recipe, the voxel
 * spacing and the orientation its training volumes were brought to. A visual-word dataset and
 * every model bundle record one, so that a later stage prepares its volumes the same way (or
 * refuses, naming both, when the modality differs).
 * <p>
 * JSON form ({@link #toMap}): {@code "modality": "MR", "normalization": {...}, "spacing": [1, 1,
 * 1], "orientation": "RAS"} (spacing and orientation absent when unknown). A round-1 bundle or
 * dataset records only the normalisation: {@link #of(IntensityRecipe)} reads it as modality
 * {@link Modality#OTHER} (unknown), native spacing and orientation.
 *
 * @param modality the modality trained on; {@link Modality#OTHER} when not recorded
 * @param normalization the recipe the inputs were normalised with
 * @param spacing the voxel spacing (mm, RAS axis order) the inputs were resampled to, or null:
 *          each volume kept its own (round 1, or a model that never saw a geometry step)
 * @param orientation {@link #RAS} when the inputs were reoriented to RAS, {@link #NATIVE} when
 *          they kept their files' axis order
 */
public record InputConvention(Modality modality, IntensityRecipe normalization, double[] spacing,
	String orientation)
{

	/** Inputs reoriented to RAS (index axes towards Right, Anterior, Superior). */
	public static final String RAS = "RAS";
	/** Inputs in their files' own axis order. */
	public static final String NATIVE = "native";

	public InputConvention {
		Checks.notNull(modality, "modality");
		Checks.notNull(normalization, "normalization");
		if (spacing != null) {
			for (final double s : spacing)
				Checks.require(s > 0 && Double.isFinite(s), "spacing",
					"positive finite voxel sizes (mm), got " + Arrays.toString(spacing));
			spacing = spacing.clone();
		}
		Checks.require(RAS.equals(orientation) || NATIVE.equals(orientation), "orientation", RAS +
			" or " + NATIVE + ", got '" + orientation + "'");
	}

	/** A convention that records only a recipe (modality unknown, native grid). */
	public static InputConvention of(final IntensityRecipe normalization) {
		return new InputConvention(Modality.OTHER, normalization, null, NATIVE);
	}

	@Override
	public double[] spacing() {
		return spacing == null ? null : spacing.clone();
	}

	/** Whether the modality was recorded. */
	public boolean knowsModality() {
		return modality != Modality.OTHER;
	}

	/** JSON-ready: modality, normalization, and spacing/orientation when known. */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("modality", modality.name());
		m.put("normalization", normalization.toMap());
		if (spacing != null) m.put("spacing", Arrays.stream(spacing).boxed().toList());
		m.put("orientation", orientation);
		return m;
	}

	/**
	 * Inverse of {@link #toMap}; missing modality, spacing or orientation read as unknown (the
	 * round-1 form).
	 *
	 * @throws IllegalArgumentException naming the key that is wrong
	 */
	public static InputConvention fromMap(final Map<String, ?> m) {
		Checks.require(m != null, "input", "an object with a normalization");
		@SuppressWarnings("unchecked")
		final IntensityRecipe r = IntensityRecipe.fromMap((Map<String, ?>) m.get("normalization"));
		final Object mod = m.get("modality");
		final Modality modality = mod == null ? Modality.OTHER : Modality.parse(String.valueOf(mod));
		double[] spacing = null;
		final Object s = m.get("spacing");
		if (s != null) {
			Checks.require(s instanceof List<?>, "spacing", "a list of numbers, got " + s);
			final List<?> l = (List<?>) s;
			spacing = new double[l.size()];
			for (int i = 0; i < spacing.length; i++) {
				Checks.require(l.get(i) instanceof Number, "spacing", "numbers, got " + l);
				spacing[i] = ((Number) l.get(i)).doubleValue();
			}
		}
		final Object o = m.get("orientation");
		return new InputConvention(modality, r, spacing, o == null ? NATIVE : String.valueOf(o));
	}

	/** E.g. "MR, normalization percentile [0.5, 99.5] %, spacing [1, 1, 1] mm, RAS". */
	public String describe() {
		return (knowsModality() ? modality.name() : "modality not recorded") + ", " + normalization +
			", " + (spacing == null ? "each volume's own spacing" : "spacing " + format(spacing) +
				" mm") + ", " + (RAS.equals(orientation) ? "RAS" : "native orientation");
	}

	private static String format(final double[] v) {
		return Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.6g", x).replaceAll(
			"\\.?0+($|e)", "$1")).collect(Collectors.joining(", ", "[", "]"));
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof InputConvention c && modality == c.modality && normalization.equals(
			c.normalization) && Arrays.equals(spacing, c.spacing) && orientation.equals(c.orientation);
	}

	@Override
	public int hashCode() {
		return (31 * modality.hashCode() + normalization.hashCode()) * 31 + Arrays.hashCode(spacing);
	}

	@Override
	public String toString() {
		return "InputConvention " + describe();
	}
}
