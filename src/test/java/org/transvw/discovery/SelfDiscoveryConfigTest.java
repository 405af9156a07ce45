package org.transvw.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/** The automatic C / K rules for small and large collections, and impossible explicit values. */
public class SelfDiscoveryConfigTest {

	private static final SelfDiscoveryConfig AUTO = SelfDiscoveryConfig.defaults();

	@Test
	public void automaticCountsGiveEveryWordEveryTrainingPatientOnSmallCollections() {
		// 12 scans, 20 % validation -> 9 or 10 training patients: K = N_train, C = N_train
		assertEquals(9, AUTO.effectiveK(9));
		assertEquals(9, AUTO.effectiveClasses(9));
		assertEquals(1, AUTO.effectiveK(1));
		assertEquals(3, AUTO.effectiveKValidation(3));
		// the paper's values once the collection is large enough
		assertEquals(200, AUTO.effectiveK(623));
		assertEquals(45, AUTO.effectiveClasses(623));
		assertEquals(30, AUTO.effectiveKValidation(100));
	}

	@Test
	public void theChosenCountsAreExplained() {
		final String s = AUTO.explainCounts(9, 3);
		assertTrue(s, s.startsWith("C = 9 visual words (automatic: min(45, 9 training patients)"));
		assertTrue(s, s.contains("K = 9 training patients per word (automatic: min(200, 9"));
		assertTrue(s, s.contains("3 validation patients per word (automatic: min(30, 3)"));
		final String e = AUTO.withCounts(4, 5, 2).explainCounts(9, 3);
		assertTrue(e, e.contains("C = 4 visual words (classes=4)") && e.contains("(k=5)") && e
			.contains("(kval=2)"));
	}

	@Test
	public void impossibleExplicitCountsAreRefusedNamingTheKey() {
		expect("k: expected at most the 9 training patients", () -> AUTO.withCounts(0, 10, -1)
			.effectiveK(9));
		expect("classes: expected at most 9", () -> AUTO.withCounts(10, 0, -1).effectiveClasses(9));
		expect("validation: expected at most the 3", () -> AUTO.withCounts(0, 0, 4)
			.effectiveKValidation(3));
		expect("k: expected a value >= 0", () -> AUTO.withCounts(0, -1, -1));
	}

	private static void expect(final String start, final Runnable r) {
		try {
			r.run();
			fail("expected " + start);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith(start));
		}
	}
}
