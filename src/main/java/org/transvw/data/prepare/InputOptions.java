package org.transvw.data.prepare;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.Modality;
import org.transvw.data.geometry.GeometryChecks;
import org.transvw.data.normalize.NormalizationChoice;

/**
 * What the user asked for about a stage's inputs: the shared keys of every command that reads
 * volumes for a model (docs/data.md, "Geometry" and "Modality and normalisation").
 *
 * @param modality {@code modality=ct|mr|xray}; null to detect it ({@code ModalityDecision})
 * @param normalization {@code normalization=} and {@code window=} ({@link NormalizationChoice})
 * @param spacing {@code spacing=}: {@link #AUTO} (a bundle's training spacing, else the
 *          collection's median), {@link #MEDIAN} (the collection's median, even with a bundle),
 *          {@link #NATIVE} (each volume keeps its own; round 1's behaviour), or "1.5" /
 *          "0.8,0.8,2.5" (mm, RAS axis order x,y,z)
 * @param voxel {@code voxel=}: the voxel size (mm, the file's axis order) of files that state
 *          none (a TIFF stack without calibration, a NIfTI with pixdim 0); null to refuse them
 * @param crop {@code crop}: crop every volume to its body / foreground bounding box
 *          ({@code ForegroundCrop.defaultFor} the modality)
 */
public record InputOptions(Modality modality, NormalizationChoice normalization, String spacing,
	double[] voxel, boolean crop)
{

	public static final String AUTO = "auto", MEDIAN = "median", NATIVE = "native";

	public InputOptions {
		Checks.require(modality != Modality.OTHER, "modality", "ct, mr, xray or auto, got other");
		Checks.notNull(normalization, "normalization");
		spacing = spacing == null || spacing.isBlank() ? AUTO : spacing.trim().toLowerCase(
			Locale.ROOT);
		if (!spacing.equals(AUTO) && !spacing.equals(MEDIAN) && !spacing.equals(NATIVE))
			GeometryChecks.parseSpacing(spacing, Math.max(1, spacing.split("[,;x\\s]+").length));
		if (voxel != null) voxel = GeometryChecks.requireSpacing(voxel, voxel.length, "voxel");
	}

	/** Detected modality, normalization=auto, spacing=auto, no voxel size, no crop. */
	public static InputOptions defaults() {
		return new InputOptions(null, NormalizationChoice.auto(), AUTO, null, false);
	}

	/**
	 * The options from their macro texts (empty = default).
	 *
	 * @param modality auto (or empty), ct, mr, xray
	 * @param normalization see {@link NormalizationChoice#parse}
	 * @param window empty or "low,high" (HU)
	 * @param spacing auto (or empty), median, native, "1.5", "0.8,0.8,2.5"
	 * @param voxel empty or "0.8,0.8,2.5" (mm, x,y,z)
	 * @throws IllegalArgumentException naming the key that is wrong
	 */
	public static InputOptions parse(final String modality, final String normalization,
		final String window, final String spacing, final String voxel, final boolean crop)
	{
		return new InputOptions(parseModality(modality), NormalizationChoice.parse(normalization,
			window), spacing, voxel == null || voxel.isBlank() ? null : GeometryChecks.parseSpacing(
				voxel, 3, "voxel"), crop);
	}

	/** "auto" or empty -> null (detect); else ct, mr or xray. */
	public static Modality parseModality(final String text) {
		final String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
		switch (t) {
			case "": case "auto": return null;
			case "ct": return Modality.CT;
			case "mr": case "mri": return Modality.MR;
			case "xray": case "x-ray": return Modality.XRAY;
			default: throw new IllegalArgumentException("modality: expected auto, ct, mr or xray, got '" +
				text + "'");
		}
	}

	/**
	 * The explicit target spacing (mm, RAS order) of {@code spacing=} for {@code n}-D volumes, or
	 * null for a keyword.
	 *
	 * @throws IllegalArgumentException when the option holds neither 1 nor n values
	 */
	public double[] explicitSpacing(final int n) {
		if (spacing.equals(AUTO) || spacing.equals(MEDIAN) || spacing.equals(NATIVE)) return null;
		return GeometryChecks.parseSpacing(spacing, n);
	}

	@Override
	public double[] voxel() {
		return voxel == null ? null : voxel.clone();
	}

	public InputOptions withModality(final Modality m) {
		return new InputOptions(m, normalization, spacing, voxel, crop);
	}

	public InputOptions withNormalization(final NormalizationChoice n) {
		return new InputOptions(modality, n, spacing, voxel, crop);
	}

	public InputOptions withSpacing(final String s) {
		return new InputOptions(modality, normalization, s, voxel, crop);
	}

	public InputOptions withVoxel(final double[] v) {
		return new InputOptions(modality, normalization, spacing, v, crop);
	}

	public InputOptions withCrop(final boolean c) {
		return new InputOptions(modality, normalization, spacing, voxel, c);
	}

	/** The options as given, JSON-ready (for the resume check and provenance). */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("modality", modality == null ? "auto" : modality.name().toLowerCase(Locale.ROOT));
		m.put("normalization", normalization.option());
		if (normalization.window() != null) m.put("window", normalization.window());
		m.put("spacing", spacing);
		if (voxel != null) m.put("voxel", voxel.clone());
		m.put("crop", crop);
		return m;
	}
}
