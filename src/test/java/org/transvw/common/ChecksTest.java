package org.transvw.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.fail;

import org.junit.Test;

public class ChecksTest {

	/** Runs {@code r}, which must refuse its argument, and returns the message. */
	private static String refusal(final Runnable r) {
		try {
			r.run();
		}
		catch (final IllegalArgumentException e) {
			return e.getMessage();
		}
		fail("expected an IllegalArgumentException");
		return null;
	}

	@Test
	public void requireNamesTheParameterAndWhatWasExpected() {
		Checks.require(true, "width", "a positive integer");
		assertEquals("width: expected a positive integer, got 0", refusal(() -> Checks.require(
			false, "width", "a positive integer, got 0")));
	}

	@Test
	public void integerRangeIsInclusiveAndTheRefusalGivesRangeAndValue() {
		assertEquals(1, Checks.inRange(1, 1, 64, "count"));
		assertEquals(64, Checks.inRange(64, 1, 64, "count"));
		assertEquals("count: expected a value in [1, 64], got 0", refusal(() -> Checks.inRange(0, 1,
			64, "count")));
		assertEquals("count: expected a value in [1, 64], got 65", refusal(() -> Checks.inRange(65,
			1, 64, "count")));
	}

	@Test
	public void realRangeIsInclusiveAndRefusesNaNAndInfinity() {
		assertEquals(0.0, Checks.inRange(0.0, 0, 1, "overlap"), 0);
		assertEquals(1.0, Checks.inRange(1.0, 0, 1, "overlap"), 0);
		assertEquals("overlap: expected a value in [0.0, 1.0], got 1.5", refusal(() -> Checks
			.inRange(1.5, 0, 1, "overlap")));
		assertEquals("overlap: expected a value in [0.0, 1.0], got NaN", refusal(() -> Checks
			.inRange(Double.NaN, 0, 1, "overlap")));
		refusal(() -> Checks.inRange(Double.POSITIVE_INFINITY, 0, Double.MAX_VALUE, "rate"));
		refusal(() -> Checks.inRange(Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, 0, "rate"));
	}

	@Test
	public void positiveRefusesZeroAndNegatives() {
		assertEquals(1, Checks.positive(1, "batch"));
		assertEquals("batch: expected a positive integer, got 0", refusal(() -> Checks.positive(0,
			"batch")));
		assertEquals("batch: expected a positive integer, got -3", refusal(() -> Checks.positive(
			-3, "batch")));
	}

	@Test
	public void notNullReturnsTheSameObjectOrNamesTheMissingParameter() {
		final Object o = new Object();
		assertSame(o, Checks.notNull(o, "bundle"));
		assertEquals("bundle: expected a value, got none", refusal(() -> Checks.notNull(null,
			"bundle")));
	}
}
