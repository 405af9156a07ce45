package org.transvw.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Running means of named loss components over the batches of one epoch (each batch counts once,
 * as the reference averages per-batch losses), plus an accuracy counter. Not thread-safe.
 */
final class RunningMeans {

	private final Map<String, double[]> sums = new LinkedHashMap<>();
	private long correct;
	private long counted;

	void add(final String name, final double value) {
		final double[] s = sums.computeIfAbsent(name, k -> new double[2]);
		s[0] += value;
		s[1]++;
	}

	void addAccuracy(final long c, final long n) {
		correct += c;
		counted += n;
	}

	/** Means by name in insertion order. */
	Map<String, Double> means() {
		final Map<String, Double> m = new LinkedHashMap<>();
		sums.forEach((k, s) -> m.put(k, s[0] / s[1]));
		return m;
	}

	double mean(final String name) {
		final double[] s = sums.get(name);
		return s == null ? Double.NaN : s[0] / s[1];
	}

	double accuracy() {
		return counted == 0 ? Double.NaN : (double) correct / counted;
	}

	boolean isEmpty() {
		return sums.isEmpty();
	}
}
