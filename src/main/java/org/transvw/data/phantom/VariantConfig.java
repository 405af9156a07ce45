package org.transvw.data.phantom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.transvw.common.Checks;

/**
 * How {@link Variants} turns one real scan (and its label map) into physically plausible,
 * seeded variants (docs/real-data.md): a smooth random elastic deformation (cubic B-spline over
 * control points {@link #controlSpacing} mm apart, each displaced by N(0, {@link #elastic}) mm
 * per axis), a small affine (rotations uniform in +-{@link #rotation} degrees about each axis,
 * per-axis scales uniform in 1 +- {@link #scale}, shifts uniform in +-{@link #shift} mm), a smooth
 * multiplicative intensity bias field {@code exp(b)} (B-spline over 80 mm control points, b ~
 * N(0, {@link #bias})), Gaussian noise of sd {@link #noise} (the image's intensity units, as
 * the phantom's noise key), and resampling to one of {@link #spacings} (variant i uses entry i mod n, mm along
 * the source's index axes). Labels go through the same deformation with nearest-neighbour
 * sampling; {@link #labelledEvery} {@code n > 1} keeps every n-th slice of the last axis labelled
 * and writes 255 (unlabelled, ignored by fine-tuning) elsewhere.
 *
 * @param spacings output spacings, one or more, each one value per axis
 * @param elastic sd of the control-point displacements (mm), >= 0
 * @param controlSpacing distance between elastic control points (mm), > 0
 * @param rotation maximum rotation about each axis (degrees), in [0, 45]
 * @param scale maximum relative scale change per axis, in [0, 0.5)
 * @param shift maximum translation per axis (mm), >= 0
 * @param bias sd of the log bias field, in [0, 1]
 * @param noise sd of the additive Gaussian noise, in the image's intensity units, >= 0
 * @param labelledEvery 1 = every slice labelled, n > 1 = every n-th slice
 */
public record VariantConfig(List<double[]> spacings, double elastic, double controlSpacing,
	double rotation, double scale, double shift, double bias, double noise, int labelledEvery)
{

	/** Control-point distance of the bias field (mm): a field smoother than the anatomy. */
	public static final double BIAS_CONTROL_MM = 80;

	public VariantConfig {
		Checks.require(spacings != null && !spacings.isEmpty(), "spacings",
			"one or more spacings such as 2,2,2 or 2,2,2;2,2,3");
		for (final double[] s : spacings)
			for (final double v : s)
				Checks.require(v > 0 && Double.isFinite(v), "spacings",
					"positive voxel sizes in mm, got " + Arrays.toString(s));
		spacings = List.copyOf(spacings);
		Checks.require(elastic >= 0 && Double.isFinite(elastic), "elastic",
			"a displacement sd >= 0 mm, got " + elastic);
		Checks.require(controlSpacing > 0 && Double.isFinite(controlSpacing), "control",
			"a control-point distance > 0 mm, got " + controlSpacing);
		Checks.inRange(rotation, 0, 45, "rotation");
		Checks.require(scale >= 0 && scale < 0.5, "scale", "a value in [0, 0.5), got " + scale);
		Checks.require(shift >= 0 && Double.isFinite(shift), "shift", "a value >= 0 mm, got " +
			shift);
		Checks.inRange(bias, 0, 1, "bias");
		Checks.require(noise >= 0 && Double.isFinite(noise), "noise",
			"a noise sd >= 0 in the image's intensity units, got " + noise);
		Checks.inRange(labelledEvery, 1, 1000, "labelled");
	}

	/** 2 mm isotropic, 3 mm elastic sd over 40 mm, 5 degrees, 5 % scale, 5 mm shift, 0.1 bias, noise sd 3. */
	public static VariantConfig defaults() {
		return new VariantConfig(List.of(new double[] { 2, 2, 2 }), 3, 40, 5, 0.05, 5, 0.1, 3, 1);
	}

	public VariantConfig withSpacings(final List<double[]> s) {
		return new VariantConfig(s, elastic, controlSpacing, rotation, scale, shift, bias, noise,
			labelledEvery);
	}

	public VariantConfig withDeformation(final double e, final double control, final double rot,
		final double sc, final double sh)
	{
		return new VariantConfig(spacings, e, control, rot, sc, sh, bias, noise, labelledEvery);
	}

	public VariantConfig withIntensity(final double b, final double n) {
		return new VariantConfig(spacings, elastic, controlSpacing, rotation, scale, shift, b, n,
			labelledEvery);
	}

	public VariantConfig withLabelledEvery(final int every) {
		return new VariantConfig(spacings, elastic, controlSpacing, rotation, scale, shift, bias,
			noise, every);
	}

	/**
	 * Parses {@code "2,2,2;2,2,3"} (mm, one value per axis, spacings separated by ';'); a single
	 * value means isotropic.
	 *
	 * @throws IllegalArgumentException naming {@code spacings}
	 */
	public static List<double[]> parseSpacings(final String text, final int dims) {
		Checks.require(text != null && !text.isBlank(), "spacings",
			"one or more spacings such as 2,2,2 or 2,2,2;2,2,3, got none");
		final List<double[]> out = new ArrayList<>();
		for (final String part : text.trim().replaceAll("^\\[|\\]$", "").split(";")) {
			final String[] v = part.trim().split("\\s*,\\s*");
			Checks.require(v.length == 1 || v.length == dims, "spacings", "1 or " + dims +
				" values per spacing, got '" + part.trim() + "'");
			final double[] s = new double[dims];
			for (int d = 0; d < dims; d++) {
				try {
					s[d] = Double.parseDouble(v[v.length == 1 ? 0 : d]);
				}
				catch (final NumberFormatException e) {
					throw new IllegalArgumentException("spacings: expected numbers in mm, got '" + part
						.trim() + "'");
				}
			}
			for (final double x : s)
				Checks.require(x > 0 && Double.isFinite(x), "spacings",
					"positive voxel sizes in mm, got '" + part.trim() + "'");
			out.add(s);
		}
		return out;
	}

	/** One line for logs and the CSV. */
	public String describe() {
		final StringBuilder b = new StringBuilder();
		for (final double[] s : spacings)
			b.append(b.length() == 0 ? "" : ";").append(Arrays.toString(s).replaceAll("[\\[\\] ]", ""));
		return String.format(Locale.ROOT,
			"spacings=%s elastic=%s mm control=%s mm rotation=%s deg scale=%s shift=%s mm bias=%s noise=%s labelled every %d",
			b, elastic, controlSpacing, rotation, scale, shift, bias, noise, labelledEvery);
	}
}
