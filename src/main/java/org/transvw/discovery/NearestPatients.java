package org.transvw.discovery;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.transvw.common.Checks;

/**
 * The neighbourhood of a visual word in feature space (method.md §2.3): the K training
 * patients nearest to a reference patient by L2 distance, the reference itself first (distance
 * 0), and the nearest patients of the held-apart validation split.
 * <p>
 * Ties are broken by patient index, so the order is deterministic (numpy's quicksort-based
 * {@code argsort} is not stable; the reference relies on the reference coming first, which is
 * guaranteed here even when another patient has identical features). Immutable, thread-safe.
 */
public final class NearestPatients {

	private final float[][] train;
	private final float[][] validation;

	/**
	 * @param train one feature vector per training patient
	 * @param validation one feature vector per validation patient (may be empty)
	 */
	public NearestPatients(final float[][] train, final float[][] validation) {
		Checks.require(train.length > 0, "features", "at least one training patient");
		final int f = train[0].length;
		for (final float[] v : train)
			Checks.require(v.length == f, "features", "vectors of equal length " + f);
		for (final float[] v : validation)
			Checks.require(v.length == f, "features", "vectors of equal length " + f);
		this.train = train;
		this.validation = validation;
	}

	public int numTrain() {
		return train.length;
	}

	public int numValidation() {
		return validation.length;
	}

	/** The {@code k} training patients nearest to {@code reference}, the reference first. */
	public int[] nearestTrain(final int reference, final int k) {
		Checks.inRange(reference, 0, train.length - 1, "reference");
		Checks.inRange(k, 1, train.length, "k");
		final int[] order = sorted(train, train[reference], reference);
		return Arrays.copyOf(order, k);
	}

	/** The {@code n} validation patients nearest to training patient {@code reference}. */
	public int[] nearestValidation(final int reference, final int n) {
		Checks.inRange(reference, 0, train.length - 1, "reference");
		Checks.inRange(n, 0, validation.length, "validation instances");
		if (n == 0) return new int[0];
		return Arrays.copyOf(sorted(validation, train[reference], -1), n);
	}

	/** Squared L2 distance, accumulated in double. */
	static double distance2(final float[] a, final float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			final double d = (double) a[i] - b[i];
			s += d * d;
		}
		return s;
	}

	private static int[] sorted(final float[][] set, final float[] ref, final int self) {
		final double[] d = new double[set.length];
		for (int i = 0; i < set.length; i++)
			d[i] = i == self ? -1 : distance2(set[i], ref);
		return IntStream.range(0, set.length).boxed().sorted(Comparator.<Integer> comparingDouble(
			i -> d[i]).thenComparingInt(i -> i)).mapToInt(Integer::intValue).toArray();
	}
}
