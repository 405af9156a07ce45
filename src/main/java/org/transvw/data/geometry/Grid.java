package org.transvw.data.geometry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The sampling grid of a volume without its pixels: size (voxels per axis), spacing (mm), origin
 * (mm) and direction cosines (row-major n x n), with {@link Volume}'s convention
 * {@code world = origin + direction * diag(spacing) * index} (NIfTI RAS+, index 0-based, the
 * world point of a voxel is its centre). Immutable; equality is exact on every number.
 *
 * @param dims voxels per axis (x, y[, z]), each at least 1
 * @param spacing positive finite voxel sizes (mm)
 * @param origin world position (mm) of the centre of voxel 0
 * @param direction row-major direction cosines; column j is the world direction of index axis j
 */
public record Grid(long[] dims, double[] spacing, double[] origin, double[] direction) {

	/** Relative spacing difference up to which two grids count as the same (float32 headers). */
	public static final double SPACING_TOLERANCE = 1e-4;
	/** Origin difference, as a fraction of the smallest spacing, up to which grids match. */
	public static final double ORIGIN_TOLERANCE = 1e-3;
	/** Direction-cosine difference up to which grids match. */
	public static final double DIRECTION_TOLERANCE = 1e-4;

	public Grid {
		Checks.require(dims != null && (dims.length == 2 || dims.length == 3), "dims",
			"2 or 3 sizes, got " + (dims == null ? "none" : Arrays.toString(dims)));
		final int n = dims.length;
		for (final long d : dims)
			Checks.require(d >= 1, "dims", "at least 1 voxel per axis, got " + Arrays.toString(dims));
		GeometryChecks.requireSpacing(spacing, n, "spacing");
		Checks.require(origin != null && origin.length == n && Arrays.stream(origin).allMatch(
			Double::isFinite), "origin", n + " finite values (mm), got " + Arrays.toString(origin));
		Checks.require(direction != null && direction.length == n * n && Arrays.stream(direction)
			.allMatch(Double::isFinite), "direction", n * n +
				" finite row-major direction cosines, got " + Arrays.toString(direction));
		dims = dims.clone();
		spacing = spacing.clone();
		origin = origin.clone();
		direction = direction.clone();
	}

	/** The grid of a volume. */
	public static Grid of(final Volume v) {
		return new Grid(v.dimensions(), v.spacing(), v.origin(), v.direction());
	}

	/** An axis-aligned grid (identity direction). */
	public static Grid aligned(final long[] dims, final double[] spacing, final double[] origin) {
		return new Grid(dims, spacing, origin, Volume.identity(dims.length));
	}

	public int numDimensions() {
		return dims.length;
	}

	@Override
	public long[] dims() {
		return dims.clone();
	}

	@Override
	public double[] spacing() {
		return spacing.clone();
	}

	@Override
	public double[] origin() {
		return origin.clone();
	}

	@Override
	public double[] direction() {
		return direction.clone();
	}

	/** Voxel count. */
	public long size() {
		return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
	}

	/** Volume of one voxel (mm^n, mm^3 for 3D). */
	public double voxelVolume() {
		return Arrays.stream(spacing).reduce(1, (a, b) -> a * b);
	}

	/** World position (mm) of a continuous index. */
	public double[] world(final double... index) {
		final int n = dims.length;
		Checks.require(index.length == n, "index", n + " coordinates");
		final double[] w = origin.clone();
		for (int r = 0; r < n; r++)
			for (int c = 0; c < n; c++)
				w[r] += direction[r * n + c] * spacing[c] * index[c];
		return w;
	}

	/** A volume with these geometry and the given pixels, which must have {@link #dims()}. */
	public Volume on(final RandomAccessibleInterval<? extends RealType<?>> pixels,
		final Modality modality, final IntensityMap normalization)
	{
		Checks.require(Arrays.equals(pixels.dimensionsAsLongArray(), dims), "pixels",
			"the grid size " + Arrays.toString(dims) + ", got " + Arrays.toString(pixels
				.dimensionsAsLongArray()));
		return new Volume(pixels, spacing, origin, direction, modality, normalization);
	}

	/**
	 * This grid reoriented to RAS ({@link Reorientation#of}, then {@link Reorientation#apply(Grid)}):
	 * e.g. for comparing spacings across a collection axis by axis.
	 *
	 * @throws IllegalArgumentException for an oblique (beyond the tolerance) or sheared direction
	 */
	public Grid toRas(final double obliqueTolerance) {
		return Reorientation.of(direction, dims.length, obliqueTolerance).apply(this);
	}

	/** Orientation code of the index axes, e.g. "RAS" or "LPS" (see {@link Reorientation}). */
	public String orientationCode() {
		return Reorientation.code(direction, dims.length);
	}

	/**
	 * Whether {@code other} samples the same points: equal sizes, and spacing, origin and direction
	 * equal within {@link #SPACING_TOLERANCE}, {@link #ORIGIN_TOLERANCE} and
	 * {@link #DIRECTION_TOLERANCE} (headers store float32).
	 */
	public boolean matches(final Grid other) {
		if (!Arrays.equals(dims, other.dims)) return false;
		final double minSpacing = Arrays.stream(spacing).min().orElse(1);
		for (int d = 0; d < dims.length; d++) {
			if (Math.abs(spacing[d] - other.spacing[d]) > SPACING_TOLERANCE * spacing[d]) return false;
			if (Math.abs(origin[d] - other.origin[d]) > ORIGIN_TOLERANCE * minSpacing) return false;
		}
		for (int i = 0; i < direction.length; i++)
			if (Math.abs(direction[i] - other.direction[i]) > DIRECTION_TOLERANCE) return false;
		return true;
	}

	/** E.g. "[181, 217, 181] voxels of [1, 1, 1] mm, origin [-90, -126, -72] mm, RAS". */
	public String describe() {
		return Arrays.toString(dims) + " voxels of " + format(spacing) + " mm, origin " + format(
			origin) + " mm, " + (Reorientation.isAxisAligned(direction, dims.length) ? ""
				: "oblique, nearest ") + orientationCode();
	}

	/** Numbers for messages: "[0.8, 0.8, 2.5]" (6 significant digits, trailing zeros dropped). */
	public static String format(final double[] values) {
		final StringBuilder b = new StringBuilder("[");
		for (int i = 0; i < values.length; i++) {
			if (i > 0) b.append(", ");
			b.append(String.format(Locale.ROOT, "%.6g", values[i]).replaceAll("\\.?0+($|e)", "$1"));
		}
		return b.append(']').toString();
	}

	/** JSON-ready map: dims, spacing, origin, direction. */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("dims", dims.clone());
		m.put("spacing", spacing.clone());
		m.put("origin", origin.clone());
		m.put("direction", direction.clone());
		return m;
	}

	/** Inverse of {@link #toMap()} (numbers as parsed by Gson). */
	public static Grid fromMap(final Map<?, ?> m, final String name) {
		Checks.require(m != null, name, "a grid object (dims, spacing, origin, direction)");
		return new Grid(integers(m.get("dims"), name + ".dims"), numbers(m.get("spacing"), name +
			".spacing"), numbers(m.get("origin"), name + ".origin"), numbers(m.get("direction"), name +
				".direction"));
	}

	static long[] integers(final Object list, final String name) {
		final double[] d = numbers(list, name);
		final long[] v = new long[d.length];
		for (int i = 0; i < d.length; i++) {
			Checks.require(d[i] == Math.rint(d[i]), name, "integers, got " + d[i]);
			v[i] = (long) d[i];
		}
		return v;
	}

	static double[] numbers(final Object list, final String name) {
		Checks.require(list instanceof List, name, "a list of numbers, got " + list);
		final List<?> l = (List<?>) list;
		final double[] v = new double[l.size()];
		for (int i = 0; i < v.length; i++) {
			Checks.require(l.get(i) instanceof Number, name, "numbers, got " + l.get(i));
			v[i] = ((Number) l.get(i)).doubleValue();
		}
		return v;
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Grid g && Arrays.equals(dims, g.dims) && Arrays.equals(spacing,
			g.spacing) && Arrays.equals(origin, g.origin) && Arrays.equals(direction, g.direction);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * (31 * Arrays.hashCode(dims) + Arrays.hashCode(spacing)) + Arrays.hashCode(
			origin)) + Arrays.hashCode(direction);
	}

	@Override
	public String toString() {
		return "Grid " + describe();
	}
}
