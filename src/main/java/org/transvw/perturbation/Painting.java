package org.transvw.perturbation;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

/**
 * What in- and out-painting share: how many boxes (the first always, each further one while
 * {@code U() < repeatProbability}, as Models Genesis' loops), the fill, and filling a box.
 */
final class Painting {

	private Painting() {}

	static void check(final int maxBoxes, final double repeatProbability, final Fill fill) {
		Checks.inRange(maxBoxes, 0, 1000, "holes/windows");
		Checks.inRange(repeatProbability, 0, 1, "repeatProbability");
		Checks.notNull(fill, "fill");
	}

	/** Models Genesis' loop gate: draws U() unless the probability is 1. */
	static boolean more(final RandomStreams rng, final double p) {
		return p >= 1 || rng.nextDouble() < p;
	}

	/** Fills {@code box} of {@code cube} from {@code noise} (NOISE) or with {@code constant}. */
	static void fill(final FloatCube cube, final Box box, final Fill fill,
		final RandomStreams noise, final float constant)
	{
		final float[] a = cube.data();
		final int sz = box.numDimensions() > 2 ? box.size(2) : 1;
		final int mz = box.numDimensions() > 2 ? box.min(2) : 0;
		for (int z = 0; z < sz; z++)
			for (int y = 0; y < box.size(1); y++) {
				final int o = cube.index(box.min(0), box.min(1) + y, mz + z);
				for (int x = 0; x < box.size(0); x++)
					a[o + x] = fill == Fill.NOISE ? noise.nextFloat() : constant;
			}
	}
}
