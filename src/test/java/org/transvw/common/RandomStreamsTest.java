package org.transvw.common;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.Test;

public class RandomStreamsTest {

	/** Draws for the statistical checks; seeds are fixed, so the checks are deterministic. */
	private static final int N = 100_000;
	/**
	 * Tolerance of a mean of N uniform [0, 1) draws: its standard error is 0.29 / sqrt(N) =
	 * 0.0009, so 0.01 is more than 10 standard errors.
	 */
	private static final double MEAN_TOLERANCE = 0.01;

	private static long[] draws(final RandomStreams r, final int n) {
		final long[] out = new long[n];
		for (int i = 0; i < n; i++)
			out[i] = Double.doubleToLongBits(r.nextDouble()) ^ r.randint(-5, 5) ^ Double
				.doubleToLongBits(r.nextGaussian());
		return out;
	}

	@Test
	public void theSameSeedGivesTheSameStream() {
		assertArrayEquals(draws(RandomStreams.seeded(42), 100), draws(RandomStreams.seeded(42),
			100));
		assertFalse(Arrays.equals(draws(RandomStreams.seeded(42), 100), draws(RandomStreams
			.seeded(43), 100)));
		assertEquals(42, RandomStreams.seeded(42).seed());
	}

	@Test
	public void forksDependOnTheKeyNotOnWhatTheParentDrew() {
		// setup
		final RandomStreams fresh = RandomStreams.seeded(7);
		final RandomStreams used = RandomStreams.seeded(7);
		draws(used, 1000);
		// test: same key, same child, however much the parent drew
		assertEquals(fresh.fork("elastic").seed(), used.fork("elastic").seed());
		assertEquals(fresh.fork(3).seed(), used.fork(3).seed());
		assertArrayEquals(draws(fresh.fork("word").fork(5), 50), draws(used.fork("word").fork(5),
			50));
	}

	@Test
	public void differentKeysGiveDifferentStreams() {
		final RandomStreams root = RandomStreams.seeded(1);
		final Set<Long> seeds = new HashSet<>();
		seeds.add(root.seed());
		for (final String key : new String[] { "split", "word", "crop", "epoch", "train",
			"validation", "sample", "order", "élastique" })
			assertTrue(key, seeds.add(root.fork(key).seed()));
		for (int i = 0; i < 1000; i++)
			assertTrue("fork(" + i + ")", seeds.add(root.fork(i).seed()));
		// a fork of a fork is not the fork of the sum or of the other order
		assertNotEquals(root.fork(1).fork(2).seed(), root.fork(2).fork(1).seed());
		assertNotEquals(root.fork(1).fork(2).seed(), root.fork(3).seed());
		// the same key under different seeds gives different children
		assertNotEquals(RandomStreams.seeded(1).fork("word").seed(), RandomStreams.seeded(2).fork(
			"word").seed());
	}

	@Test
	public void randintIncludesBothBoundsAndNothingElse() {
		// setup
		final RandomStreams r = RandomStreams.seeded(3);
		final Map<Integer, Integer> counts = new HashMap<>();
		// process
		for (int i = 0; i < 10_000; i++)
			counts.merge(r.randint(3, 7), 1, Integer::sum);
		// test: exactly 3..7, each about 1/5 (2000 +- 10 standard errors of 40)
		assertEquals(Set.of(3, 4, 5, 6, 7), counts.keySet());
		for (final int c : counts.values())
			assertTrue(counts.toString(), Math.abs(c - 2000) < 400);
		assertEquals(5, r.randint(5, 5));
		assertEquals(Integer.MAX_VALUE - 1, RandomStreams.seeded(1).randint(Integer.MAX_VALUE - 1,
			Integer.MAX_VALUE - 1));
	}

	@Test
	public void randintRefusesAnEmptyRange() {
		try {
			RandomStreams.seeded(1).randint(4, 3);
			fail("randint(4, 3) must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertEquals("randint bounds: expected lo <= hi, got [4, 3]", e.getMessage());
		}
	}

	@Test
	public void uniformDrawsStayInTheUnitIntervalWithMeanOneHalf() {
		final RandomStreams r = RandomStreams.seeded(11);
		double sumD = 0, sumF = 0;
		for (int i = 0; i < N; i++) {
			final double d = r.nextDouble();
			final float f = r.nextFloat();
			assertTrue(d >= 0 && d < 1);
			assertTrue(f >= 0 && f < 1);
			sumD += d;
			sumF += f;
		}
		assertEquals(0.5, sumD / N, MEAN_TOLERANCE);
		assertEquals(0.5, sumF / N, MEAN_TOLERANCE);
		for (int i = 0; i < 1000; i++) {
			final int k = r.nextInt(7);
			assertTrue(k >= 0 && k < 7);
		}
	}

	@Test
	public void pairedFloatsAreUniformAndUncorrelated() {
		final float[] f = new float[N + 1];
		RandomStreams.seeded(13).nextFloats(f, N + 1);
		double sum = 0, sumSq = 0, lag = 0;
		for (int i = 0; i <= N; i++) {
			assertTrue(f[i] >= 0 && f[i] < 1);
			sum += f[i];
			sumSq += (double) f[i] * f[i];
			if (i > 0) lag += (f[i] - 0.5) * (f[i - 1] - 0.5);
		}
		assertEquals(0.5, sum / (N + 1), MEAN_TOLERANCE);
		assertEquals(1.0 / 3, sumSq / (N + 1), MEAN_TOLERANCE);
		// neighbours (the two halves of one draw, and across draws): correlation near 0
		assertEquals(0, lag / N * 12, 0.01);
		// reproducible, and the same values as the high bits of the same stream's draws
		final float[] again = new float[4];
		RandomStreams.seeded(13).nextFloats(again, 3);
		assertEquals(f[0], again[0], 0f);
		assertEquals(f[2], again[2], 0f);
		assertEquals(RandomStreams.seeded(13).nextFloat(), f[0], 0f);
	}

	@Test
	public void gaussianHasMeanZeroAndVarianceOne() {
		final RandomStreams r = RandomStreams.seeded(5);
		double sum = 0, sumSq = 0;
		for (int i = 0; i < N; i++) {
			final double g = r.nextGaussian();
			sum += g;
			sumSq += g * g;
		}
		final double mean = sum / N;
		// standard errors: mean 1 / sqrt(N) = 0.003, variance sqrt(2 / N) = 0.0045
		assertEquals(0, mean, 0.02);
		assertEquals(1, sumSq / N - mean * mean, 0.03);
	}

	@Test
	public void bernoulliHitsItsProbability() {
		final RandomStreams r = RandomStreams.seeded(9);
		int hits = 0;
		for (int i = 0; i < N; i++)
			if (r.bernoulli(0.3)) hits++;
		assertEquals(0.3, (double) hits / N, MEAN_TOLERANCE);
		for (int i = 0; i < 1000; i++) {
			assertFalse(r.bernoulli(0));
			assertTrue(r.bernoulli(1));
		}
	}

	@Test
	public void shuffleIsAUniformPermutation() {
		// setup: all 6 orders of 3 elements, 60,000 shuffles
		final RandomStreams r = RandomStreams.seeded(13);
		final Map<String, Integer> counts = new HashMap<>();
		// process
		for (int i = 0; i < 60_000; i++) {
			final int[] a = { 0, 1, 2 };
			r.shuffle(a);
			counts.merge(Arrays.toString(a), 1, Integer::sum);
		}
		// test: each order about 10,000 (standard error 91); a biased swap would be off by ~1,000
		assertEquals(counts.toString(), 6, counts.size());
		for (final int c : counts.values())
			assertTrue(counts.toString(), Math.abs(c - 10_000) < 500);
		// and a longer array stays a permutation and is reproducible
		final int[] a = IntStream.range(0, 100).toArray(), b = a.clone();
		RandomStreams.seeded(2).shuffle(a);
		RandomStreams.seeded(2).shuffle(b);
		assertArrayEquals(a, b);
		assertArrayEquals(IntStream.range(0, 100).toArray(), IntStream.of(a).sorted().toArray());
		assertFalse(Arrays.equals(IntStream.range(0, 100).toArray(), a));
	}

	@Test
	public void shuffleOfARangeTouchesOnlyThatRange() {
		// setup
		final float[] a = new float[20];
		for (int i = 0; i < a.length; i++)
			a[i] = i;
		// process
		RandomStreams.seeded(4).shuffle(a, 5, 15);
		// test: outside untouched, inside a permutation of 5..14, not the identity
		for (int i = 0; i < 5; i++)
			assertEquals(i, a[i], 0);
		for (int i = 15; i < 20; i++)
			assertEquals(i, a[i], 0);
		final float[] inside = Arrays.copyOfRange(a, 5, 15);
		final float[] sorted = inside.clone();
		Arrays.sort(sorted);
		for (int i = 0; i < sorted.length; i++)
			assertEquals(5 + i, sorted[i], 0);
		boolean moved = false;
		for (int i = 0; i < inside.length; i++)
			moved |= inside[i] != 5 + i;
		assertTrue(moved);
	}
}
