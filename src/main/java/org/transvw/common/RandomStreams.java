package org.transvw.common;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * An explicit, seeded source of randomness. Every random decision of the method (perturbation
 * parameters, reference patients, coordinates, batch order, weight initialisation) draws from a
 * stream derived from one user seed, so a run is reproducible; there is never a static
 * {@code Random} or {@code Math.random()}.
 * <p>
 * Not thread-safe: give each worker its own {@link #fork(long) fork}. Forks depend only on the
 * parent's seed and the fork key, never on how much the parent has drawn, so adding draws in one
 * stage does not change another stage's stream.
 * <p>
 * Integer draws use Python's {@code random.randint} convention (both bounds inclusive), which is
 * how docs/method.md states every bound of the reference code.
 */
public final class RandomStreams {

	private final long seed;
	private final SplittableRandom rng;

	private RandomStreams(final long seed) {
		this.seed = seed;
		this.rng = new SplittableRandom(seed);
	}

	public static RandomStreams seeded(final long seed) {
		return new RandomStreams(seed);
	}

	/** The seed this stream was created from. */
	public long seed() {
		return seed;
	}

	/** A child stream named by purpose, e.g. {@code fork("elastic")}. */
	public RandomStreams fork(final String purpose) {
		long h = 1125899906842597L;
		for (final byte b : purpose.getBytes(StandardCharsets.UTF_8))
			h = 31 * h + b;
		return fork(h);
	}

	/** A child stream numbered by index, e.g. one per sample or per worker. */
	public RandomStreams fork(final long index) {
		return new RandomStreams(mix(seed ^ mix(index + 0x9E3779B97F4A7C15L)));
	}

	/** Uniform in [0, 1). */
	public double nextDouble() {
		return rng.nextDouble();
	}

	/** Uniform in [0, 1). */
	public float nextFloat() {
		return (float) ((rng.nextLong() >>> 40) * 0x1.0p-24);
	}

	/**
	 * {@code n} uniform floats in [0, 1) into {@code dst}, two 24-bit values from each 64-bit draw
	 * (bits 63-40 and 39-16): half the draws of {@code n} {@link #nextFloat()} calls, for large
	 * noise fields. A different sequence from {@link #nextFloat()}'s for the same seed.
	 */
	public void nextFloats(final float[] dst, final int n) {
		int i = 0;
		for (; i + 2 <= n; i += 2) {
			final long r = rng.nextLong();
			dst[i] = (float) ((r >>> 40) * 0x1.0p-24);
			dst[i + 1] = (float) (((r >>> 16) & 0xFFFFFF) * 0x1.0p-24);
		}
		if (i < n) dst[i] = nextFloat();
	}

	/** Uniform integer in [lo, hiInclusive], as Python's {@code random.randint(lo, hi)}. */
	public int randint(final int lo, final int hiInclusive) {
		// NB: no eager message string: this runs per block in 10,000-block shuffles.
		if (hiInclusive < lo) throw new IllegalArgumentException("randint bounds: expected lo <= hi, got [" +
			lo + ", " + hiInclusive + "]");
		return lo + rng.nextInt(hiInclusive - lo + 1);
	}

	/** Uniform integer in [0, bound). */
	public int nextInt(final int bound) {
		return rng.nextInt(bound);
	}

	/** Standard normal. */
	public double nextGaussian() {
		// Marsaglia polar method: avoids java.util.Random's shared state.
		double u, v, s;
		do {
			u = 2 * rng.nextDouble() - 1;
			v = 2 * rng.nextDouble() - 1;
			s = u * u + v * v;
		}
		while (s >= 1 || s == 0);
		return u * Math.sqrt(-2 * Math.log(s) / s);
	}

	/** True with probability p. */
	public boolean bernoulli(final double p) {
		return rng.nextDouble() < p;
	}

	/** Fisher-Yates shuffle in place. */
	public void shuffle(final int[] a) {
		for (int i = a.length - 1; i > 0; i--) {
			final int j = rng.nextInt(i + 1);
			final int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}

	/** Fisher-Yates shuffle in place. */
	public void shuffle(final float[] a, final int from, final int to) {
		for (int i = to - 1; i > from; i--) {
			final int j = from + rng.nextInt(i - from + 1);
			final float t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
