package org.transvw.discovery;

import java.util.Arrays;

import org.transvw.common.Checks;

/**
 * The multi-scale crops of a visual word's instances (method.md §2.5): the patch (cube)
 * size, the range of the random in-plane crop edge and of the in-plane jitter, and how many
 * random-scale crops each training patient gives.
 * <p>
 * The reference constants are for a 64 x 64 x 32 patch: edge 50..79, jitter -10..9, 2 random
 * scales. {@link #forPatch(int...)} scales edge and jitter with the in-plane patch edge P:
 * edge {@code round(50 P/64)..round(79 P/64)}, jitter {@code -round(10 P/64)..round(9 P/64)}.
 * Depth is never jittered nor rescaled.
 *
 * @param patch cube size (x, y, z) or (x, y) for 2D; x and y equal
 * @param minScale smallest random in-plane crop edge, inclusive
 * @param maxScale largest random in-plane crop edge, inclusive
 * @param jitterLow smallest in-plane jitter, inclusive (<= 0)
 * @param jitterHigh largest in-plane jitter, inclusive (>= 0)
 * @param randomScales random-scale crops per training patient (reference: 2)
 */
public record CropGeometry(int[] patch, int minScale, int maxScale, int jitterLow,
	int jitterHigh, int randomScales)
{

	public CropGeometry {
		Checks.require(patch != null && (patch.length == 2 || patch.length == 3), "patch",
			"2 or 3 sizes");
		for (final int p : patch)
			Checks.positive(p, "patch");
		Checks.require(patch[0] == patch[1], "patch", "a square in-plane size, got " + Arrays
			.toString(patch));
		Checks.positive(minScale, "minScale");
		Checks.require(maxScale >= minScale, "maxScale", "a value >= minScale " + minScale +
			", got " + maxScale);
		Checks.require(jitterLow <= 0 && jitterHigh >= 0, "jitter",
			"a range containing 0, got [" + jitterLow + ", " + jitterHigh + "]");
		Checks.inRange(randomScales, 0, 16, "randomScales");
		patch = patch.clone();
	}

	/** The reference constants scaled to {@code patch} (see the type documentation). */
	public static CropGeometry forPatch(final int... patch) {
		Checks.require(patch.length >= 2, "patch", "2 or 3 sizes");
		final double f = patch[0] / 64.0;
		return new CropGeometry(patch, Math.max(1, (int) Math.round(50 * f)), Math.max(1,
			(int) Math.round(79 * f)), -(int) Math.round(10 * f), (int) Math.round(9 * f), 2);
	}

	@Override
	public int[] patch() {
		return patch.clone();
	}

	/** 3 for cubes, 2 for X-ray patches. */
	public int numDimensions() {
		return patch.length;
	}

	/** Crops per training patient: the fixed one plus the random scales. */
	public int cropsPerPatient() {
		return 1 + randomScales;
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof CropGeometry g && Arrays.equals(patch, g.patch) &&
			minScale == g.minScale && maxScale == g.maxScale && jitterLow == g.jitterLow &&
			jitterHigh == g.jitterHigh && randomScales == g.randomScales;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(patch) + 31 * minScale + 17 * maxScale;
	}

	@Override
	public String toString() {
		return "CropGeometry" + Arrays.toString(patch) + " scale " + minScale + ".." + maxScale +
			" jitter " + jitterLow + ".." + jitterHigh + " x" + randomScales;
	}
}
