package org.transvw.perturbation;

import java.util.Arrays;

/**
 * An axis-aligned box of voxels (a shuffle block, an in-painting hole, an out-painting window, a
 * context-swap patch): {@code min} corner and {@code size} per axis, in (x, y[, z]) order.
 */
public record Box(int[] min, int[] size) {

	public Box {
		min = min.clone();
		size = size.clone();
	}

	@Override
	public int[] min() {
		return min.clone();
	}

	@Override
	public int[] size() {
		return size.clone();
	}

	public int min(final int axis) {
		return min[axis];
	}

	public int size(final int axis) {
		return size[axis];
	}

	public int numDimensions() {
		return min.length;
	}

	/** Number of voxels in the box. */
	public int volume() {
		int v = 1;
		for (final int s : size)
			v *= s;
		return v;
	}

	/** True if the box lies inside {@code dims} with at least {@code margin} voxels each side. */
	public boolean insideWithMargin(final int[] dims, final int margin) {
		for (int d = 0; d < min.length; d++)
			if (min[d] < margin || min[d] + size[d] > dims[d] - margin) return false;
		return true;
	}

	/** Copies the voxels of this box from {@code src} to {@code dst} (same geometry). */
	public void copy(final FloatCube src, final FloatCube dst) {
		final float[] s = src.data(), t = dst.data();
		final int sz = size.length > 2 ? size[2] : 1, mz = min.length > 2 ? min[2] : 0;
		for (int z = 0; z < sz; z++)
			for (int y = 0; y < size[1]; y++) {
				final int o = src.index(min[0], min[1] + y, mz + z);
				System.arraycopy(s, o, t, o, size[0]);
			}
	}

	@Override
	public String toString() {
		return "Box[min=" + Arrays.toString(min) + ", size=" + Arrays.toString(size) + "]";
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Box && Arrays.equals(min, ((Box) o).min) && Arrays.equals(size,
			((Box) o).size);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(min) + Arrays.hashCode(size);
	}
}
