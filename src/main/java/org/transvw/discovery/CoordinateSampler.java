package org.transvw.discovery;

import java.util.List;
import java.util.Optional;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Draws one coordinate (the first voxel of the fixed-scale cube) per visual word (method.md
 * §2.4), valid in <b>every</b> chosen patient: per axis the range that keeps the margins
 * of each patient's volume, leaves room for the cube (plus the criterion's look-ahead slices)
 * and for every multi-scale crop with its jitter, intersected over all patients. Trials draw
 * uniformly in that range, reject coordinates closer than {@code minDistance} to earlier words
 * and cubes the tissue criterion rejects on the reference patient, and stop after
 * {@code maxTrials}: the caller then takes a new reference.
 * <p>
 * NB: unlike the reference, the distance rejection applies to one trial only (the reference
 * never resets its {@code repeated} flag, so one close coordinate made every later trial fail),
 * neighbour scans are checked too (the reference checked only the reference scan), and a scan
 * too short in z is a clear error instead of a crash.
 */
public final class CoordinateSampler {

	private final CropGeometry crops;
	private final CoordinateRules rules;

	public CoordinateSampler(final CropGeometry crops, final CoordinateRules rules) {
		Checks.require(crops.numDimensions() == rules.marginFraction().length, "margins",
			crops.numDimensions() + " fractions for a " + crops.numDimensions() + "D patch");
		this.crops = crops;
		this.rules = rules;
	}

	/**
	 * The inclusive range {lo, hi} of coordinates along {@code axis} for a volume of
	 * {@code size} voxels along it; empty when lo > hi.
	 */
	public long[] range(final int axis, final long size) {
		final int[] patch = crops.patch();
		final long margin = rules.margin(axis, size);
		if (axis < 2) {
			final long lo = Math.max(margin, -crops.jitterLow());
			final long hi = Math.min(size - patch[axis] - 1 - margin, size - crops.jitterHigh() -
				Math.max(crops.maxScale(), patch[axis]));
			return new long[] { lo, hi };
		}
		return new long[] { margin, size - patch[axis] - rules.criterion().extraDepth() - 1 -
			margin };
	}

	/** The smallest size along {@code axis} that leaves at least one valid coordinate. */
	public long minimumSize(final int axis) {
		long s = 1;
		while (true) {
			final long[] r = range(axis, s);
			if (r[0] <= r[1]) return s;
			s++;
		}
	}

	/**
	 * Checks that a volume can hold the cube, margins and crops.
	 *
	 * @throws IllegalArgumentException naming {@code name}, its size and the minimum
	 */
	public void requireLargeEnough(final String name, final long[] dims) {
		Checks.require(dims.length == crops.numDimensions(), name, "a " + crops
			.numDimensions() + "D image for this patch size, got " + dims.length + "D");
		for (int d = 0; d < dims.length; d++) {
			final long[] r = range(d, dims[d]);
			if (r[0] > r[1]) throw new IllegalArgumentException(name + ": too small along " + "xyz"
				.charAt(d) + " (" + dims[d] + " voxels) for patch " + crops.patch()[d] +
				" plus margins, look-ahead and crop jitter; needs at least " + minimumSize(d) +
				" voxels");
		}
	}

	/**
	 * Draws a coordinate.
	 *
	 * @param dims sizes of every chosen patient's volume (the reference included)
	 * @param reference the reference patient's normalised volume, for the tissue criterion
	 * @param previous coordinates of earlier visual words
	 * @return the coordinate, or empty after {@code maxTrials} rejections or if the patients
	 *         share no valid range
	 */
	public Optional<long[]> sample(final List<long[]> dims,
		final RandomAccessibleInterval<FloatType> reference, final List<long[]> previous,
		final RandomStreams rng)
	{
		final int n = crops.numDimensions();
		final long[] lo = new long[n], hi = new long[n];
		for (int d = 0; d < n; d++) {
			lo[d] = Long.MIN_VALUE;
			hi[d] = Long.MAX_VALUE;
			for (final long[] size : dims) {
				final long[] r = range(d, size[d]);
				lo[d] = Math.max(lo[d], r[0]);
				hi[d] = Math.min(hi[d], r[1]);
			}
			if (lo[d] > hi[d]) return Optional.empty();
		}
		final double min2 = rules.minDistance() * rules.minDistance();
		final int[] patch = crops.patch();
		for (int t = 0; t < rules.maxTrials(); t++) {
			final long[] c = new long[n];
			for (int d = 0; d < n; d++)
				c[d] = rng.randint((int) lo[d], (int) hi[d]);
			if (tooClose(c, previous, min2)) continue;
			if (rules.criterion().accepts(reference, c, patch)) return Optional.of(c);
		}
		return Optional.empty();
	}

	private static boolean tooClose(final long[] c, final List<long[]> previous,
		final double min2)
	{
		for (final long[] p : previous) {
			double s = 0;
			for (int d = 0; d < c.length; d++)
				s += (double) (c[d] - p[d]) * (c[d] - p[d]);
			if (s < min2) return true;
		}
		return false;
	}
}
