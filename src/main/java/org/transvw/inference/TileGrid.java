package org.transvw.inference;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;

/**
 * Where the tiles of a sliding window start, per axis and for a whole image (nnU-Net's
 * {@code compute_steps_for_sliding_window}): the fewest tiles whose step does not exceed
 * {@code tileSize * stepFraction}, spread evenly so the first starts at 0 and the last ends at the
 * image border. Pure functions.
 * <p>
 * Worked example: image 110, tile 64, step 0.5 -> target step 32, 3 tiles, actual step 23 ->
 * {0, 23, 46}. A tile larger than the image gives the single start 0: the caller pads the image
 * to the tile size.
 */
public final class TileGrid {

	private TileGrid() {}

	/**
	 * @param imageSize image extent along the axis (>= 1)
	 * @param tileSize tile extent (>= 1)
	 * @param stepFraction step as a fraction of the tile, in (0, 1]; 0.5 = 50 % overlap
	 * @return ascending tile starts; tiles cover [0, max(imageSize, tileSize))
	 */
	public static long[] starts(final long imageSize, final int tileSize,
		final double stepFraction)
	{
		Checks.require(imageSize >= 1, "image size", "at least 1, got " + imageSize);
		Checks.positive(tileSize, "tile size");
		Checks.require(stepFraction > 0 && stepFraction <= 1, "step", "a fraction in (0, 1], got " +
			stepFraction);
		if (imageSize <= tileSize) return new long[] { 0 };
		final double target = tileSize * stepFraction;
		final int n = (int) Math.ceil((imageSize - tileSize) / target) + 1;
		final double actual = (double) (imageSize - tileSize) / (n - 1);
		final long[] s = new long[n];
		for (int i = 0; i < n; i++)
			s[i] = Math.round(actual * i);
		return s;
	}

	/** Every tile origin of an n-D image: the Cartesian product of the per-axis starts. */
	public static List<long[]> origins(final long[] imageSize, final int[] tileSize,
		final double stepFraction)
	{
		Checks.require(imageSize.length == tileSize.length, "tile size", imageSize.length +
			" values, one per image axis, got " + tileSize.length);
		final long[][] perAxis = new long[imageSize.length][];
		for (int d = 0; d < imageSize.length; d++)
			perAxis[d] = starts(imageSize[d], tileSize[d], stepFraction);
		final List<long[]> out = new ArrayList<>();
		final int[] idx = new int[imageSize.length];
		while (true) {
			final long[] o = new long[idx.length];
			for (int d = 0; d < idx.length; d++)
				o[d] = perAxis[d][idx[d]];
			out.add(o);
			int d = 0;
			while (d < idx.length && ++idx[d] == perAxis[d].length)
				idx[d++] = 0;
			if (d == idx.length) return out;
		}
	}

	/** The padded extent a tiling needs: max(image, tile) per axis. */
	public static long[] paddedSize(final long[] imageSize, final int[] tileSize) {
		final long[] p = new long[imageSize.length];
		for (int d = 0; d < p.length; d++)
			p[d] = Math.max(imageSize[d], tileSize[d]);
		return p;
	}
}
