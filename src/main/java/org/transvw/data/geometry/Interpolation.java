package org.transvw.data.geometry;

import java.util.Locale;

/**
 * How {@link Resampling} computes a value between voxel centres, along one axis (the passes are
 * separable, so each axis may use its own).
 */
public enum Interpolation {
	/** The nearest voxel (ties round up): labels; never creates a new value. */
	NEAREST(1),
	/** Linear between the two nearest voxels; never leaves the range of its neighbours. */
	LINEAR(2),
	/**
	 * Cubic B-spline (order 3) through the samples: the samples are first turned into B-spline
	 * coefficients by the exact recursive prefilter (pole sqrt(3) - 2, mirror boundaries), so the
	 * result passes through every sample; it may overshoot at edges.
	 */
	BSPLINE3(4);

	private final int taps;

	Interpolation(final int taps) {
		this.taps = taps;
	}

	/** Samples that one output value reads along the axis. */
	int taps() {
		return taps;
	}

	/** Case-insensitive parse: "nearest", "linear", "bspline" / "bspline3" / "cubic". */
	public static Interpolation parse(final String s) {
		final String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
		switch (t) {
			case "nearest": return NEAREST;
			case "linear": return LINEAR;
			case "bspline": case "bspline3": case "cubic": return BSPLINE3;
			default: throw new IllegalArgumentException(
				"interpolation: expected nearest, linear or bspline, got '" + s + "'");
		}
	}
}
