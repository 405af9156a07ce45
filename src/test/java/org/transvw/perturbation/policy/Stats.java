package org.transvw.perturbation.policy;

import static org.junit.Assert.assertTrue;

import java.util.Arrays;

/** Pearson's chi-square goodness-of-fit for branch frequencies. */
final class Stats {

	/**
	 * 99.9 % quantiles of chi-square with 1..8 degrees of freedom: a correct policy fails one
	 * test in a thousand seeds; the seeds are fixed, so the test is deterministic.
	 */
	private static final double[] CRITICAL_999 = { 10.83, 13.82, 16.27, 18.47, 20.52, 22.46,
		24.32, 26.12 };

	private Stats() {}

	static void assertChiSquare(final long[] counts, final double[] probabilities) {
		long n = 0;
		for (final long c : counts)
			n += c;
		double chi = 0;
		int df = -1;
		for (int i = 0; i < counts.length; i++) {
			if (probabilities[i] == 0) {
				assertTrue("branch " + i + " has probability 0 but occurred", counts[i] == 0);
				continue;
			}
			final double e = n * probabilities[i];
			chi += (counts[i] - e) * (counts[i] - e) / e;
			df++;
		}
		assertTrue("chi-square " + chi + " (df " + df + ") for counts " + Arrays.toString(counts) +
			" vs p " + Arrays.toString(probabilities), chi < CRITICAL_999[df - 1]);
	}
}
