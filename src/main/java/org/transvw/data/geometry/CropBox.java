package org.transvw.data.geometry;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;

import net.imglib2.FinalInterval;
import net.imglib2.Interval;

/**
 * A box of voxels kept by a crop, {@code min..max} inclusive, in the index space of the grid it
 * was found on (the RAS grid of a {@link GeometryPlan}).
 */
public record CropBox(long[] min, long[] max) {

	public CropBox {
		Checks.require(min != null && max != null && min.length == max.length, "crop",
			"min and max of the same length");
		for (int d = 0; d < min.length; d++)
			Checks.require(0 <= min[d] && min[d] <= max[d], "crop", "0 <= min <= max, got " + Arrays
				.toString(min) + " .. " + Arrays.toString(max));
		min = min.clone();
		max = max.clone();
	}

	/** The whole grid of {@code dims}. */
	public static CropBox all(final long[] dims) {
		final long[] max = new long[dims.length];
		for (int d = 0; d < dims.length; d++)
			max[d] = dims[d] - 1;
		return new CropBox(new long[dims.length], max);
	}

	@Override
	public long[] min() {
		return min.clone();
	}

	@Override
	public long[] max() {
		return max.clone();
	}

	public long[] dims() {
		final long[] d = new long[min.length];
		for (int k = 0; k < d.length; k++)
			d[k] = max[k] - min[k] + 1;
		return d;
	}

	public Interval interval() {
		return new FinalInterval(min, max);
	}

	/** Whether this box lies inside a grid of {@code dims}. */
	public boolean fits(final long[] dims) {
		if (dims.length != min.length) return false;
		for (int d = 0; d < dims.length; d++)
			if (max[d] >= dims[d]) return false;
		return true;
	}

	/** The grid of the kept voxels: same spacing and direction, origin at voxel {@code min}. */
	public Grid apply(final Grid in) {
		Checks.require(fits(in.dims()), "crop", "a box inside " + Arrays.toString(in.dims()) +
			", got " + this);
		final double[] corner = new double[min.length];
		for (int d = 0; d < corner.length; d++)
			corner[d] = min[d];
		return new Grid(dims(), in.spacing(), in.world(corner), in.direction());
	}

	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("min", min.clone());
		m.put("max", max.clone());
		return m;
	}

	public static CropBox fromMap(final Map<?, ?> m) {
		Checks.require(m != null, "crop", "an object with min and max");
		return new CropBox(Grid.integers(m.get("min"), "crop.min"), Grid.integers(m.get("max"),
			"crop.max"));
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof CropBox b && Arrays.equals(min, b.min) && Arrays.equals(max, b.max);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
	}

	@Override
	public String toString() {
		return Arrays.toString(min) + " .. " + Arrays.toString(max);
	}
}
