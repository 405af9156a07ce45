package org.transvw.data.phantom;

import org.transvw.common.Checks;

/**
 * Parameters of the procedural chest-CT phantom.
 *
 * @param width voxels along x (patient right-left), 16..2048
 * @param height voxels along y (posterior-anterior), 16..2048
 * @param depth voxels along z (inferior-superior), 8..2048
 * @param spacingXY in-plane voxel size in mm
 * @param spacingZ slice spacing in mm
 * @param groups number of groups of look-alike patients; case {@code i} belongs to group
 *          {@code i % groups} (same anatomy parameters up to a small jitter)
 * @param lesions whether lung nodules are added (with their 0/1 label mask)
 * @param maxLesions nodules per case are drawn from 1..maxLesions
 * @param noise standard deviation of the additive Gaussian noise, HU
 * @param jitter within-group variation as a relative standard deviation (0.03 = 3 %; positions
 *          move by jitter x 100 mm)
 */
public record PhantomConfig(int width, int height, int depth, double spacingXY, double spacingZ,
	int groups, boolean lesions, int maxLesions, double noise, double jitter)
{

	/** Field of view of {@link #defaults()}: 346 x 346 x 320 mm, a typical adult chest CT. */
	public static final double FOV_XY = 128 * 2.7;
	public static final double FOV_Z = 64 * 5.0;

	public PhantomConfig {
		Checks.inRange(width, 16, 2048, "width");
		Checks.inRange(height, 16, 2048, "height");
		Checks.inRange(depth, 8, 2048, "depth");
		Checks.require(spacingXY > 0 && spacingXY < 50, "spacingXY", "a voxel size in (0, 50) mm, got " +
			spacingXY);
		Checks.require(spacingZ > 0 && spacingZ < 50, "spacingZ", "a slice spacing in (0, 50) mm, got " +
			spacingZ);
		Checks.inRange(groups, 1, 10_000, "groups");
		Checks.inRange(maxLesions, 1, 20, "maxLesions");
		Checks.inRange(noise, 0, 500, "noise");
		Checks.inRange(jitter, 0, 0.3, "jitter");
	}

	/**
	 * 128 x 128 x 64 voxels of 2.7 x 2.7 x 5 mm, 4 groups, lesions on (1..3), noise 20 HU,
	 * jitter 3 %: fast enough for a demo on 2 CPU cores.
	 */
	public static PhantomConfig defaults() {
		return new PhantomConfig(128, 128, 64, 2.7, 5.0, 4, true, 3, 20, 0.03);
	}

	/** The same field of view at another size (spacing = FOV / size), e.g. 512 x 512 x 200. */
	public PhantomConfig withSize(final int w, final int h, final int d) {
		Checks.require(w == h, "size", "a square in-plane size, got " + w + " x " + h);
		return new PhantomConfig(w, h, d, FOV_XY / w, FOV_Z / d, groups, lesions, maxLesions, noise,
			jitter);
	}

	public PhantomConfig withGroups(final int g) {
		return new PhantomConfig(width, height, depth, spacingXY, spacingZ, g, lesions, maxLesions,
			noise, jitter);
	}

	public PhantomConfig withLesions(final boolean on) {
		return new PhantomConfig(width, height, depth, spacingXY, spacingZ, groups, on, maxLesions,
			noise, jitter);
	}

	public PhantomConfig withNoise(final double hu) {
		return new PhantomConfig(width, height, depth, spacingXY, spacingZ, groups, lesions,
			maxLesions, hu, jitter);
	}

	public PhantomConfig withJitter(final double j) {
		return new PhantomConfig(width, height, depth, spacingXY, spacingZ, groups, lesions,
			maxLesions, noise, j);
	}

	/** {width, height, depth}. */
	public long[] dimensions() {
		return new long[] { width, height, depth };
	}

	/** {spacingXY, spacingXY, spacingZ}. */
	public double[] spacing() {
		return new double[] { spacingXY, spacingXY, spacingZ };
	}

	/** The group of case {@code index}. */
	public int groupOf(final int index) {
		return Math.floorMod(index, groups);
	}
}
