package org.transvw.discovery;

import java.util.Arrays;

import org.transvw.common.Checks;

/**
 * Where a visual word's coordinate may lie (method.md §2.4).
 * <p>
 * The reference keeps 100 voxels from the in-plane borders and 30 slices from the ends of a
 * 512 x 512 x Z CT at native resolution. Here margins are fractions of each volume's size so
 * that they scale: {@code round(fraction * size)} voxels, defaults 100/512 in plane and 30/256
 * along z (30 slices for a typical 256-slice LUNA16 scan).
 *
 * @param marginFraction per axis, in [0, 0.5)
 * @param minDistance minimum Euclidean distance in voxels from the coordinates of earlier
 *          words (reference: 5 for a 64 patch)
 * @param criterion the tissue test on the reference patient
 * @param maxTrials coordinates tried before the reference is given up (reference: 200)
 */
public record CoordinateRules(double[] marginFraction, double minDistance,
	TissueCriterion criterion, int maxTrials)
{

	public CoordinateRules {
		Checks.require(marginFraction != null && (marginFraction.length == 2 ||
			marginFraction.length == 3), "margins", "2 or 3 fractions");
		for (final double m : marginFraction)
			Checks.require(m >= 0 && m < 0.5, "margins", "fractions in [0, 0.5), got " + Arrays
				.toString(marginFraction));
		Checks.require(minDistance >= 0, "distance", "a value >= 0, got " + minDistance);
		Checks.notNull(criterion, "criterion");
		Checks.positive(maxTrials, "trials");
		marginFraction = marginFraction.clone();
	}

	/**
	 * The reference rules for a patch of in-plane edge P: margins 100/512 (and 30/256), min
	 * distance {@code max(1, round(5 P/64))}, 200 trials.
	 */
	public static CoordinateRules defaults(final int[] patch, final TissueCriterion criterion) {
		final double[] m = patch.length == 3 ? new double[] { 100 / 512.0, 100 / 512.0, 30 /
			256.0 } : new double[] { 100 / 512.0, 100 / 512.0 };
		return new CoordinateRules(m, Math.max(1, Math.round(5 * patch[0] / 64.0)), criterion,
			200);
	}

	public CoordinateRules withCriterion(final TissueCriterion c) {
		return new CoordinateRules(marginFraction, minDistance, c, maxTrials);
	}

	@Override
	public double[] marginFraction() {
		return marginFraction.clone();
	}

	/** The margin in voxels along {@code axis} of a volume of {@code size} voxels. */
	public long margin(final int axis, final long size) {
		return Math.round(marginFraction[axis] * size);
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof CoordinateRules r && Arrays.equals(marginFraction, r.marginFraction) &&
			minDistance == r.minDistance && criterion.equals(r.criterion) && maxTrials == r.maxTrials;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(marginFraction) + criterion.hashCode();
	}
}
