package org.transvw.data.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.transvw.common.Checks;

/**
 * The spacing a collection is resampled to, chosen as nnU-Net does (its "fullres" target
 * spacing), from headers alone: every spacing and size is first put in the RAS axis order
 * ({@link Reorientation}), so "through-plane" means the same axis for every volume.
 * <ol>
 * <li>The target is the per-axis median of the spacings (numpy's linear-interpolation
 * percentile 50).</li>
 * <li>Anisotropy: let w be the axis of the largest median spacing (the through-plane axis). When
 * {@code median[w] > 3 * max(other medians)} <em>and</em> the median size along w times 3 is
 * below the smallest other median size, the through-plane target becomes the 10th percentile of
 * the spacings along w, but never finer than the coarsest in-plane target (then it is
 * {@code max(in-plane) + 1e-5}, nnU-Net's nudge). In-plane axes keep their medians.</li>
 * </ol>
 * When a volume is resampled, {@link #throughPlaneAxis} says which axis gets its own
 * interpolation (nnU-Net's "separate z").
 */
public final class TargetSpacing {

	/** Ratio of through-plane to in-plane spacing (and of in-plane to through-plane size). */
	public static final double ANISOTROPY_THRESHOLD = 3;
	/** Percentile of the through-plane spacings used for an anisotropic collection. */
	public static final double THROUGH_PLANE_PERCENTILE = 10;
	/** Added when the through-plane target is clamped to the in-plane one (nnU-Net's value). */
	public static final double CLAMP_NUDGE = 1e-5;

	private TargetSpacing() {}

	/**
	 * nnU-Net's target spacing of a collection.
	 *
	 * @param spacings one spacing per volume, RAS axis order (mm)
	 * @param dims one size per volume, same order
	 */
	public static double[] median(final List<double[]> spacings, final List<long[]> dims) {
		Checks.require(spacings != null && !spacings.isEmpty(), "spacings", "at least one volume");
		Checks.require(dims != null && dims.size() == spacings.size(), "dims", spacings.size() +
			" sizes, one per spacing");
		final int n = spacings.get(0).length;
		final double[] target = new double[n];
		final double[] size = new double[n];
		for (int d = 0; d < n; d++) {
			final double[] s = new double[spacings.size()];
			final double[] z = new double[spacings.size()];
			for (int i = 0; i < s.length; i++) {
				s[i] = GeometryChecks.requireSpacing(spacings.get(i), n, "spacing of volume " + i)[d];
				Checks.require(dims.get(i).length == n, "dims", n + " sizes for volume " + i);
				z[i] = dims.get(i)[d];
			}
			target[d] = percentile(s, 50);
			size[d] = percentile(z, 50);
		}
		int worst = 0;
		for (int d = 1; d < n; d++)
			if (target[d] > target[worst]) worst = d;
		double maxOther = 0, minOtherSize = Double.POSITIVE_INFINITY;
		for (int d = 0; d < n; d++)
			if (d != worst) {
				maxOther = Math.max(maxOther, target[d]);
				minOtherSize = Math.min(minOtherSize, size[d]);
			}
		final boolean anisoSpacing = target[worst] > ANISOTROPY_THRESHOLD * maxOther;
		final boolean anisoVoxels = size[worst] * ANISOTROPY_THRESHOLD < minOtherSize;
		if (anisoSpacing && anisoVoxels) {
			final double[] along = new double[spacings.size()];
			for (int i = 0; i < along.length; i++)
				along[i] = spacings.get(i)[worst];
			double t = percentile(along, THROUGH_PLANE_PERCENTILE);
			if (t < maxOther) t = Math.max(maxOther, t) + CLAMP_NUDGE;
			target[worst] = t;
		}
		return target;
	}

	/** {@link #median} of grids read from headers, put in RAS order first. */
	public static double[] median(final List<Grid> grids, final double obliqueTolerance) {
		final List<double[]> spacings = new ArrayList<>();
		final List<long[]> dims = new ArrayList<>();
		for (final Grid g : grids) {
			final Grid ras = g.toRas(obliqueTolerance);
			spacings.add(ras.spacing());
			dims.add(ras.dims());
		}
		return median(spacings, dims);
	}

	/**
	 * The axis to resample with its own (through-plane) interpolation, or -1: the single axis of
	 * largest spacing when the source spacing's max/min ratio exceeds
	 * {@link #ANISOTROPY_THRESHOLD}, else the same test on the target spacing, else none (also
	 * none when two axes share the largest spacing).
	 */
	public static int throughPlaneAxis(final double[] source, final double[] target) {
		final int a = lowResAxis(source);
		if (a >= 0) return a;
		return lowResAxis(target);
	}

	private static int lowResAxis(final double[] s) {
		final double max = Arrays.stream(s).max().orElse(1), min = Arrays.stream(s).min().orElse(1);
		if (!(max > ANISOTROPY_THRESHOLD * min)) return -1;
		int axis = -1;
		for (int d = 0; d < s.length; d++)
			if (s[d] == max) {
				if (axis >= 0) return -1;
				axis = d;
			}
		return axis;
	}

	/**
	 * Parses a target-spacing option: "median" (or empty) -> empty (use {@link #median}); else
	 * {@link GeometryChecks#parseSpacing} ("1.5" isotropic, "0.8,0.8,2.5" per RAS axis).
	 */
	public static Optional<double[]> parse(final String text, final int n) {
		if (text == null || text.isBlank() || text.trim().toLowerCase(Locale.ROOT).equals("median"))
			return Optional.empty();
		return Optional.of(GeometryChecks.parseSpacing(text, n));
	}

	/** numpy's default percentile: linear interpolation between the closest ranks. */
	static double percentile(final double[] values, final double p) {
		final double[] v = values.clone();
		Arrays.sort(v);
		final double pos = p / 100 * (v.length - 1);
		final int lo = (int) Math.floor(pos);
		final int hi = Math.min(lo + 1, v.length - 1);
		return v[lo] + (pos - lo) * (v[hi] - v[lo]);
	}
}
