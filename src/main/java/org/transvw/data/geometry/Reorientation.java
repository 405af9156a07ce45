package org.transvw.data.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.transvw.common.Checks;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.transform.integer.MixedTransform;
import net.imglib2.view.MixedTransformView;
import net.imglib2.view.Views;

/**
 * The exact reorientation of a grid to RAS (index axis k increases towards world +x = Right,
 * +y = Anterior, +z = Superior): an axis permutation plus flips read off the direction cosines,
 * applied as a view (no interpolation) and undone exactly.
 * <p>
 * {@code axisToWorld[j] = k} and {@code flipped[j]} say that index axis j of the input runs
 * along world axis k, towards -k when flipped; the output's axis k is the input's axis j (reversed
 * when flipped). The output origin is the world position of the input voxel that becomes index 0,
 * computed with the input's own affine; the output direction is the identity.
 * <p>
 * Oblique grids: each index axis must lie within {@code tolerance} (sine of the angle) of a world
 * axis and the axes must be orthogonal within the same tolerance; such a grid is snapped to the
 * nearest axes ({@link #obliqueness()} records by how much, and {@link #note} says so). A grid
 * that is more oblique, or sheared, is refused with the reason: this step never resamples a
 * rotated grid, so world positions move by at most {@code obliqueness * extent}.
 *
 * @param axisToWorld a permutation of 0..n-1
 * @param flipped one flag per input axis
 * @param obliqueness largest sine of the angle between an input axis and its world axis (0 when
 *          axis-aligned)
 */
public record Reorientation(int[] axisToWorld, boolean[] flipped, double obliqueness) {

	/** Default tolerance: 1e-3 (0.057 degrees; 0.26 mm at the edge of a 256 mm field). */
	public static final double DEFAULT_TOLERANCE = 1e-3;

	private static final String[] POSITIVE = { "R", "A", "S" }, NEGATIVE = { "L", "P", "I" };

	public Reorientation {
		Checks.require(axisToWorld != null && flipped != null && axisToWorld.length == flipped.length,
			"orientation", "one world axis and one flip flag per index axis");
		final boolean[] seen = new boolean[axisToWorld.length];
		for (final int k : axisToWorld) {
			Checks.require(k >= 0 && k < seen.length && !seen[k], "orientation.axisToWorld",
				"a permutation of 0.." + (seen.length - 1) + ", got " + Arrays.toString(axisToWorld));
			seen[k] = true;
		}
		Checks.require(obliqueness >= 0 && obliqueness < 1, "orientation.obliqueness",
			"a sine in [0, 1), got " + obliqueness);
		axisToWorld = axisToWorld.clone();
		flipped = flipped.clone();
	}

	/**
	 * The reorientation of a direction matrix.
	 *
	 * @param direction row-major n x n direction cosines
	 * @param tolerance largest allowed sine of the angle between an index axis and a world axis
	 * @throws IllegalArgumentException "direction: ..." for oblique (beyond tolerance) or sheared
	 *           directions, naming the axis and the angle
	 */
	public static Reorientation of(final double[] direction, final int n, final double tolerance) {
		Checks.require(direction != null && direction.length == n * n, "direction", n * n +
			" row-major direction cosines");
		Checks.require(tolerance >= 0 && tolerance < 0.5, "oblique tolerance",
			"a sine in [0, 0.5), got " + tolerance);
		final int[] toWorld = new int[n];
		final boolean[] flip = new boolean[n];
		final boolean[] taken = new boolean[n];
		double worst = 0;
		int worstAxis = 0;
		for (int j = 0; j < n; j++) {
			final double norm = columnNorm(direction, n, j);
			Checks.require(norm > 0 && Math.abs(norm - 1) <= Math.max(tolerance, 1e-9), "direction",
				"unit direction cosines, got a column of length " + norm + " for axis " + GeometryChecks
					.axisName(j) + " in " + Arrays.toString(direction));
			int best = 0;
			for (int r = 1; r < n; r++)
				if (Math.abs(direction[r * n + j]) > Math.abs(direction[best * n + j])) best = r;
			final double cos = Math.min(1, Math.abs(direction[best * n + j]) / norm);
			final double sine = Math.sqrt(Math.max(0, 1 - cos * cos));
			if (sine > worst) {
				worst = sine;
				worstAxis = j;
			}
			Checks.require(!taken[best], "direction", "index axes along distinct world axes, got " +
				"two along world " + GeometryChecks.axisName(best) + " in " + Arrays.toString(
					direction));
			taken[best] = true;
			toWorld[j] = best;
			flip[j] = direction[best * n + j] < 0;
		}
		Checks.require(worst <= tolerance, "direction", "voxel axes along the world axes within " +
			degrees(tolerance) + " (oblique tolerance " + tolerance + "), got axis " + GeometryChecks
				.axisName(worstAxis) + " at " + degrees(worst) +
			" from the nearest world axis: this step reorients by exact axis permutations and flips" +
			" only and does not resample rotated (oblique) grids; reslice the volume to an" +
			" axis-aligned grid first");
		for (int a = 0; a < n; a++)
			for (int b = a + 1; b < n; b++) {
				double dot = 0;
				for (int r = 0; r < n; r++)
					dot += direction[r * n + a] * direction[r * n + b];
				Checks.require(Math.abs(dot) <= Math.max(tolerance, 1e-9), "direction",
					"orthogonal voxel axes, got a sheared affine: axes " + GeometryChecks.axisName(a) +
						" and " + GeometryChecks.axisName(b) + " meet at " + String.format(Locale.ROOT,
							"%.3f", Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))))) +
						" degrees; sheared grids are refused (reslice the volume first)");
			}
		return new Reorientation(toWorld, flip, worst);
	}

	private static double columnNorm(final double[] m, final int n, final int j) {
		double s = 0;
		for (int r = 0; r < n; r++)
			s += m[r * n + j] * m[r * n + j];
		return Math.sqrt(s);
	}

	private static String degrees(final double sine) {
		return String.format(Locale.ROOT, "%.3g degrees", Math.toDegrees(Math.asin(Math.min(1,
			sine))));
	}

	/** Whether every index axis is exactly a signed world axis (no snapping needed). */
	public static boolean isAxisAligned(final double[] direction, final int n) {
		for (int j = 0; j < n; j++) {
			int nonZero = 0;
			for (int r = 0; r < n; r++)
				if (direction[r * n + j] != 0) nonZero++;
			if (nonZero != 1) return false;
		}
		return true;
	}

	/**
	 * Orientation code: for each index axis, the world direction it increases towards (R/L, A/P,
	 * S/I), e.g. "RAS", "LPS", "LIA"; the nearest axes for an oblique grid.
	 */
	public static String code(final double[] direction, final int n) {
		final StringBuilder b = new StringBuilder();
		for (int j = 0; j < n; j++) {
			int best = 0;
			for (int r = 1; r < n; r++)
				if (Math.abs(direction[r * n + j]) > Math.abs(direction[best * n + j])) best = r;
			b.append(direction[best * n + j] < 0 ? NEGATIVE[best] : POSITIVE[best]);
		}
		return b.toString();
	}

	public int numDimensions() {
		return axisToWorld.length;
	}

	@Override
	public int[] axisToWorld() {
		return axisToWorld.clone();
	}

	@Override
	public boolean[] flipped() {
		return flipped.clone();
	}

	/** The input's orientation code, e.g. "LPS". */
	public String code() {
		final StringBuilder b = new StringBuilder();
		for (int j = 0; j < axisToWorld.length; j++)
			b.append(flipped[j] ? NEGATIVE[axisToWorld[j]] : POSITIVE[axisToWorld[j]]);
		return b.toString();
	}

	/** Whether this changes nothing (already RAS). */
	public boolean isIdentity() {
		for (int j = 0; j < axisToWorld.length; j++)
			if (axisToWorld[j] != j || flipped[j]) return false;
		return true;
	}

	/** A log line when the grid was snapped, else null. */
	public String note(final Grid input) {
		if (obliqueness == 0) return null;
		final double[] sp = input.spacing();
		final long[] d = input.dims();
		double extent = 0;
		for (int j = 0; j < d.length; j++)
			extent = Math.max(extent, sp[j] * d[j]);
		return "direction: snapped the slightly oblique voxel axes (up to " + degrees(obliqueness) +
			" off) to the nearest world axes; world positions move by at most " + String.format(
				Locale.ROOT, "%.3g", obliqueness * extent) + " mm";
	}

	/** A spacing in the RAS axis order: output axis k gets input axis j's spacing. */
	public double[] orientSpacing(final double[] spacing) {
		final double[] out = new double[spacing.length];
		for (int j = 0; j < spacing.length; j++)
			out[axisToWorld[j]] = spacing[j];
		return out;
	}

	/** The RAS grid: permuted dims and spacing, the new corner's origin, identity direction. */
	public Grid apply(final Grid in) {
		final int n = in.numDimensions();
		Checks.require(n == axisToWorld.length, "grid", n + "D, like this orientation");
		final long[] d = in.dims();
		final long[] dims = new long[n];
		final double[] corner = new double[n];
		for (int j = 0; j < n; j++) {
			dims[axisToWorld[j]] = d[j];
			corner[j] = flipped[j] ? d[j] - 1 : 0;
		}
		return Grid.aligned(dims, orientSpacing(in.spacing()), in.world(corner));
	}

	/** The pixels on the RAS grid: a view of {@code in} (exact, no copy). */
	public <T> RandomAccessibleInterval<T> apply(final RandomAccessibleInterval<T> in) {
		final int n = in.numDimensions();
		final long[] d = Views.zeroMin(in).dimensionsAsLongArray();
		final long[] dims = new long[n];
		final MixedTransform t = new MixedTransform(n, n);
		final long[] translation = new long[n];
		for (int j = 0; j < n; j++) {
			dims[axisToWorld[j]] = d[j];
			translation[j] = flipped[j] ? d[j] - 1 : 0;
		}
		// source[j] = (flipped ? -1 : 1) * view[axisToWorld[j]] + translation[j]
		t.setComponentMapping(axisToWorld);
		t.setComponentInversion(flipped);
		t.setTranslation(translation);
		return Views.interval(new MixedTransformView<>(Views.zeroMin(in), t), new FinalInterval(
			dims));
	}

	/** The inverse: maps RAS pixels back to the input's axis order (a view, exact). */
	public <T> RandomAccessibleInterval<T> invert(final RandomAccessibleInterval<T> ras) {
		return inverse().apply(ras);
	}

	/** The reorientation that undoes this one. */
	public Reorientation inverse() {
		final int n = axisToWorld.length;
		final int[] back = new int[n];
		final boolean[] flip = new boolean[n];
		for (int j = 0; j < n; j++) {
			back[axisToWorld[j]] = j;
			flip[axisToWorld[j]] = flipped[j];
		}
		return new Reorientation(back, flip, 0);
	}

	/** All 2^n n! signed permutations of n axes (48 for 3D), for tests and tables. */
	public static List<Reorientation> all(final int n) {
		final List<Reorientation> out = new ArrayList<>();
		permute(new int[n], new boolean[n], 0, out);
		return out;
	}

	private static void permute(final int[] p, final boolean[] used, final int k,
		final List<Reorientation> out)
	{
		final int n = p.length;
		if (k == n) {
			for (int mask = 0; mask < 1 << n; mask++) {
				final boolean[] f = new boolean[n];
				for (int j = 0; j < n; j++)
					f[j] = (mask >> j & 1) != 0;
				out.add(new Reorientation(p, f, 0));
			}
			return;
		}
		for (int v = 0; v < n; v++)
			if (!used[v]) {
				used[v] = true;
				p[k] = v;
				permute(p, used, k + 1, out);
				used[v] = false;
			}
	}

	/** The direction matrix whose reorientation this is (a signed permutation matrix). */
	public double[] direction() {
		final int n = axisToWorld.length;
		final double[] m = new double[n * n];
		for (int j = 0; j < n; j++)
			m[axisToWorld[j] * n + j] = flipped[j] ? -1 : 1;
		return m;
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Reorientation r && Arrays.equals(axisToWorld, r.axisToWorld) && Arrays
			.equals(flipped, r.flipped) && obliqueness == r.obliqueness;
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(axisToWorld) + Arrays.hashCode(flipped) + Double.hashCode(
			obliqueness);
	}
}
