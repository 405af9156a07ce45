package org.transvw.discovery;

import java.util.Locale;

import org.transvw.common.Checks;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Which cubes are acceptable as a visual word's location, tested on the reference patient's
 * normalised volume (method.md §2.4).
 * <ul>
 * <li>{@link Lung}: the reference's "lung" test for chest CT: for every voxel (i, j, d) of the
 * cube let k be the first offset in 0..L-1 (L = look-ahead, 3) with value {@code >= threshold}
 * (0.425 = -150 HU on the [-1000, 1000] window), k = L-1 if none; the weighted dense volume
 * {@code sum(1 - k/(L-1))} may be at most {@code maxFraction} (0.15) of the cube. So at most
 * about 15 % soft tissue or bone: cubes fall mainly inside the lungs. In 2D the look-ahead is
 * not used (plain fraction of pixels at or above the threshold).</li>
 * <li>{@link Foreground}: for other anatomy and MRI: at least {@code minFraction} of the cube at
 * or above {@code threshold} (not in the reference; keeps words off the empty background).</li>
 * <li>{@link Any}: every location is acceptable.</li>
 * <li>{@link Auto}: {@link Lung} for volumes, {@link Any} for 2D images (a radiograph has no HU
 * window; the paper's 2D words are cut from whole chest radiographs); resolved by self-discovery
 * when it knows the images.</li>
 * </ul>
 */
public sealed interface TissueCriterion {

	/**
	 * Slices reserved beyond the cube depth when drawing z (the reference's {@code len_depth}
	 * = 3 for the lung test, although it reads only 2 of them).
	 */
	int extraDepth();

	/** True if the cube at {@code corner} of {@code volume} is acceptable. */
	boolean accepts(RandomAccessibleInterval<FloatType> volume, long[] corner, int[] cube);

	/** A short name for manifests and the command: lung, foreground or any. */
	String describe();

	/** The reference defaults: threshold 0.425, max fraction 0.15, look-ahead 3. */
	static Lung lung() {
		return new Lung(0.425, 0.15, 3);
	}

	/** Threshold 0.1 (normalised), at least half of the cube. */
	static Foreground foreground() {
		return new Foreground(0.1, 0.5);
	}

	/** Parses "auto", "lung", "foreground" or "any" with the default parameters. */
	static TissueCriterion byName(final String name) {
		switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "auto":
				return new Auto();
			case "lung":
				return lung();
			case "foreground":
				return foreground();
			case "any":
				return new Any();
			default:
				throw new IllegalArgumentException(
					"criterion: expected auto, lung, foreground or any, got '" + name + "'");
		}
	}

	/**
	 * The criterion for images of {@code dims} spatial axes: this one, or for {@link Auto} the
	 * lung test (volumes) or any location (2D images).
	 */
	default TissueCriterion forDimensions(final int dims) {
		return this;
	}

	/**
	 * Lung for volumes, any for 2D images: decides by the cube's dimensionality; self-discovery
	 * resolves it ({@link #forDimensions}) so that the manifest records the test used.
	 */
	record Auto() implements TissueCriterion {

		@Override
		public TissueCriterion forDimensions(final int dims) {
			return dims == 2 ? new Any() : lung();
		}

		/** The lung test's (2D images have no z axis to reserve). */
		@Override
		public int extraDepth() {
			return lung().extraDepth();
		}

		@Override
		public boolean accepts(final RandomAccessibleInterval<FloatType> volume, final long[] corner,
			final int[] cube)
		{
			return forDimensions(cube.length).accepts(volume, corner, cube);
		}

		@Override
		public String describe() {
			return "auto";
		}
	}

	/** The reference's lung test (see the interface documentation). */
	record Lung(double threshold, double maxFraction, int lookAhead) implements TissueCriterion {

		public Lung {
			Checks.inRange(maxFraction, 0, 1, "maxFraction");
			Checks.inRange(lookAhead, 1, 16, "lookAhead");
		}

		@Override
		public int extraDepth() {
			return lookAhead;
		}

		@Override
		public boolean accepts(final RandomAccessibleInterval<FloatType> volume, final long[] corner,
			final int[] cube)
		{
			final RandomAccess<FloatType> ra = volume.randomAccess();
			final boolean flat = cube.length == 2;
			final int depth = flat ? 1 : cube[2];
			final int look = flat ? 1 : lookAhead;
			double dense = 0;
			final long[] p = new long[cube.length];
			for (int d = 0; d < depth; d++)
				for (int j = 0; j < cube[1]; j++)
					for (int i = 0; i < cube[0]; i++) {
						p[0] = corner[0] + i;
						p[1] = corner[1] + j;
						if (look == 1) {
							if (ra.setPositionAndGet(p).get() >= threshold) dense++;
							continue;
						}
						int k = look - 1;
						for (int o = 0; o < look; o++) {
							p[2] = corner[2] + d + o;
							if (ra.setPositionAndGet(p).get() >= threshold) {
								k = o;
								break;
							}
						}
						dense += 1 - (double) k / (look - 1);
					}
			return dense <= maxFraction * cube[0] * cube[1] * depth;
		}

		@Override
		public String describe() {
			return "lung";
		}
	}

	/** At least {@code minFraction} of the cube at or above {@code threshold}. */
	record Foreground(double threshold, double minFraction) implements TissueCriterion {

		public Foreground {
			Checks.inRange(minFraction, 0, 1, "minFraction");
		}

		@Override
		public int extraDepth() {
			return 0;
		}

		@Override
		public boolean accepts(final RandomAccessibleInterval<FloatType> volume, final long[] corner,
			final int[] cube)
		{
			final RandomAccess<FloatType> ra = volume.randomAccess();
			final int depth = cube.length == 2 ? 1 : cube[2];
			final long[] p = new long[cube.length];
			long fg = 0;
			for (int d = 0; d < depth; d++)
				for (int j = 0; j < cube[1]; j++)
					for (int i = 0; i < cube[0]; i++) {
						p[0] = corner[0] + i;
						p[1] = corner[1] + j;
						if (cube.length == 3) p[2] = corner[2] + d;
						if (ra.setPositionAndGet(p).get() >= threshold) fg++;
					}
			return fg >= minFraction * cube[0] * cube[1] * depth;
		}

		@Override
		public String describe() {
			return "foreground";
		}
	}

	/** Accepts every location. */
	record Any() implements TissueCriterion {

		@Override
		public int extraDepth() {
			return 0;
		}

		@Override
		public boolean accepts(final RandomAccessibleInterval<FloatType> volume, final long[] corner,
			final int[] cube)
		{
			return true;
		}

		@Override
		public String describe() {
			return "any";
		}
	}
}
