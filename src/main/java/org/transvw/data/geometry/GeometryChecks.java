package org.transvw.data.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.transvw.common.Checks;

/**
 * The bad-input checks of the geometry step, with messages that name the parameter and say what
 * to do: missing, zero or negative spacing (and the {@code voxel=} option that gives the voxel
 * size of uncalibrated files; {@code spacing=} is the target spacing), labels on another grid
 * than their image, and a collection far from a bundle's training spacing.
 */
public final class GeometryChecks {

	/**
	 * A collection spacing differing from a bundle's training spacing by more than this factor on
	 * some axis gets {@link #spacingMismatchWarning a warning}: resampling by 2x or more throws
	 * away (or has to invent) half the detail along that axis.
	 */
	public static final double DEFAULT_SPACING_FACTOR = 2;

	private GeometryChecks() {}

	/**
	 * Requires {@code n} positive finite voxel sizes.
	 *
	 * @throws IllegalArgumentException naming {@code parameter}, e.g. "spacing: expected 3
	 *           positive finite voxel sizes (mm), got [1.0, 0.0, 1.0] (axis y is 0)"
	 */
	public static double[] requireSpacing(final double[] spacing, final int n,
		final String parameter)
	{
		Checks.require(spacing != null && spacing.length == n, parameter, n +
			" voxel sizes (mm), got " + (spacing == null ? "none" : Arrays.toString(spacing)));
		for (int d = 0; d < n; d++)
			Checks.require(spacing[d] > 0 && Double.isFinite(spacing[d]), parameter, n +
				" positive finite voxel sizes (mm), got " + Arrays.toString(spacing) + " (axis " +
				axisName(d) + " is " + spacing[d] + ")");
		return spacing.clone();
	}

	/**
	 * The spacing to use for a file: the header's when the file is calibrated (a valid header
	 * keeps its own), else the user's {@code voxel=} when given (it must be valid), else an error
	 * that says so and asks for it.
	 *
	 * @param source file name for the message
	 * @param header spacing read from the file (ignored when not {@code calibrated})
	 * @param calibrated whether the file states its voxel size (a TIFF without calibration, unit
	 *          "pixel", does not)
	 * @param user the {@code voxel=} option parsed by {@link #parseSpacing}, or null
	 * @throws IllegalArgumentException e.g. "voxel: expected a voxel size for case_1.tif, which
	 *           has none (e.g. a TIFF without calibration, unit 'pixel'); give it as
	 *           voxel=0.8,0.8,2.5 (mm, x,y,z) or calibrate the image"
	 */
	public static double[] spacingFor(final String source, final double[] header,
		final boolean calibrated, final double[] user)
	{
		final int n = header == null ? (user == null ? 3 : user.length) : header.length;
		if (calibrated) return requireSpacing(header, n, "spacing of " + source);
		Checks.require(user != null, "voxel", "a voxel size for " + source + ", which has none " +
			"(e.g. a TIFF without calibration, unit 'pixel'); give it as voxel=" + (n == 2
				? "0.8,0.8" : "0.8,0.8,2.5") + " (mm, " + (n == 2 ? "x,y" : "x,y,z") +
			") or calibrate the image");
		return requireSpacing(user, n, "voxel");
	}

	/**
	 * Parses a {@code spacing=} (or {@code voxel=}) option: one value (isotropic) or {@code n}
	 * values separated by commas, spaces or 'x' (mm), e.g. "1", "0.8,0.8,2.5", "0.8 x 0.8 x 2.5".
	 */
	public static double[] parseSpacing(final String text, final int n) {
		return parseSpacing(text, n, "spacing");
	}

	/** {@link #parseSpacing(String, int)} with the option's name in the messages. */
	public static double[] parseSpacing(final String text, final int n, final String key) {
		Checks.require(text != null && !text.isBlank(), key,
			"voxel sizes in mm, e.g. 1 or 0.8,0.8,2.5, got nothing");
		final String[] parts = text.trim().toLowerCase(Locale.ROOT).split("[,;x\\s]+");
		Checks.require(parts.length == 1 || parts.length == n, key, "1 or " + n +
			" voxel sizes in mm (e.g. 1 or " + (n == 2 ? "0.8,0.8" : "0.8,0.8,2.5") + "), got '" +
			text + "'");
		final double[] s = new double[n];
		for (int d = 0; d < n; d++) {
			final String p = parts[parts.length == 1 ? 0 : d];
			try {
				s[d] = Double.parseDouble(p);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException(key + ": expected numbers (mm), got '" + p +
					"' in '" + text + "'", e);
			}
		}
		return requireSpacing(s, n, key);
	}

	/**
	 * Refuses labels whose grid is not their image's ({@link Grid#matches}).
	 *
	 * @throws IllegalArgumentException naming both files and both grids
	 */
	public static void requireSameGrid(final Grid image, final String imageName,
		final Grid labels, final String labelsName)
	{
		Checks.require(image.matches(labels), "labels", "the grid of their image " + imageName +
			" (" + image.describe() + "), got " + labelsName + " on " + labels.describe() +
			": labels must be drawn on their image's voxels (resample them onto the image first)");
	}

	/**
	 * A log warning when the collection's spacings differ from the spacing a bundle was trained at
	 * by more than {@code factor} on some axis; empty when they agree.
	 *
	 * @param bundle the bundle's training spacing (canonical RAS axis order)
	 * @param names one name per volume
	 * @param spacings each volume's spacing in the canonical axis order
	 *          ({@link Reorientation#orientSpacing})
	 * @param factor allowed ratio, above 1 (e.g. {@link #DEFAULT_SPACING_FACTOR})
	 */
	public static Optional<String> spacingMismatchWarning(final double[] bundle,
		final List<String> names, final List<double[]> spacings, final double factor)
	{
		Checks.require(factor > 1 && Double.isFinite(factor), "spacing factor",
			"a ratio above 1, got " + factor);
		Checks.require(names.size() == spacings.size(), "names", spacings.size() + " names, got " +
			names.size());
		final List<String> far = new ArrayList<>();
		for (int i = 0; i < spacings.size(); i++) {
			final double[] s = requireSpacing(spacings.get(i), bundle.length, "spacing of " + names
				.get(i));
			double worst = 1;
			int axis = -1;
			for (int d = 0; d < bundle.length; d++) {
				final double r = Math.max(s[d] / bundle[d], bundle[d] / s[d]);
				if (r > worst) {
					worst = r;
					axis = d;
				}
			}
			if (worst > factor) far.add(names.get(i) + " " + Grid.format(s) + " mm (" + axisName(
				axis) + " " + String.format(Locale.ROOT, "%.2f", worst) + "x)");
		}
		if (far.isEmpty()) return Optional.empty();
		return Optional.of("spacing: " + far.size() + " of " + spacings.size() +
			" volumes differ from the bundle's training spacing " + Grid.format(bundle) +
			" mm by more than " + factor + "x on some axis: " + String.join(", ", far.subList(0, Math
				.min(5, far.size()))) + (far.size() > 5 ? ", ..." : "") +
			"; they are resampled to the bundle's spacing, which loses or invents detail");
	}

	static String axisName(final int d) {
		return d >= 0 && d < 3 ? String.valueOf("xyz".charAt(d)) : String.valueOf(d);
	}
}
