package org.transvw.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class ProgressTest {

	/** Exact for the binary fractions used below. */
	private static final double EXACT = 0;

	/** Records every report. */
	private static final class Recorder implements Progress {

		final List<Double> fractions = new ArrayList<>();
		final List<String> messages = new ArrayList<>();

		@Override
		public synchronized void report(final double fraction, final String message) {
			fractions.add(fraction);
			messages.add(message);
		}
	}

	@Test
	public void noneDiscardsEveryReport() {
		Progress.NONE.report(0.5, "ignored");
		Progress.NONE.report(Double.NaN, null);
		Progress.NONE.subRange(0, 1).report(1, "ignored");
	}

	@Test
	public void subRangeMapsItsZeroToOneOntoTheRangeAndKeepsTheMessage() {
		// setup
		final Recorder r = new Recorder();
		final Progress part = r.subRange(0.25, 0.75);
		// process
		part.report(0, "start");
		part.report(0.5, "half");
		part.report(1, "done");
		// test
		assertEquals(List.of(0.25, 0.5, 0.75), r.fractions);
		assertEquals(List.of("start", "half", "done"), r.messages);
	}

	@Test
	public void nestedSubRangesCompose() {
		final Recorder r = new Recorder();
		// second half of the whole, then its first half: [0.5, 0.75]
		r.subRange(0.5, 1).subRange(0, 0.5).report(1, "m");
		r.subRange(0.5, 1).subRange(0.5, 1).report(0.5, "m");
		assertEquals(0.75, r.fractions.get(0), EXACT);
		assertEquals(0.875, r.fractions.get(1), EXACT);
	}

	@Test
	public void unknownFractionStaysUnknown() {
		final Recorder r = new Recorder();
		r.subRange(0.2, 0.4).report(Double.NaN, "loading");
		assertTrue(Double.isNaN(r.fractions.get(0)));
		assertEquals("loading", r.messages.get(0));
	}

	@Test
	public void emptySubRangeReportsItsPoint() {
		final Recorder r = new Recorder();
		r.subRange(0.5, 0.5).report(0.3, "m");
		assertEquals(0.5, r.fractions.get(0), EXACT);
	}

	@Test
	public void invalidSubRangesAreRefusedWithTheRange() {
		for (final double[] bad : new double[][] { { 0.6, 0.4 }, { -0.1, 0.5 }, { 0.5, 1.1 }, {
			Double.NaN, 1 } })
		{
			try {
				Progress.NONE.subRange(bad[0], bad[1]);
				fail("sub-range [" + bad[0] + ", " + bad[1] + "] must be refused");
			}
			catch (final IllegalArgumentException e) {
				assertTrue(e.getMessage(), e.getMessage().startsWith(
					"progress sub-range: expected 0 <= from <= to <= 1, got [" + bad[0] + ", " +
						bad[1] + "]"));
			}
		}
	}
}
