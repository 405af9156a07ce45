package org.transvw.study;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The study's statistics against textbook values (R's t.test / wilcox.test on the same data). */
public class StatisticsTest {

	/** Student's sleep data (Cushny and Peebles), R: t.test(g2, g1, paired = TRUE). */
	private static final double[] SLEEP_1 = { 0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0,
		2.0 }, SLEEP_2 = { 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4 };

	@Test
	public void pairedTTestOfTheSleepData() {
		// t = 4.0621, df = 9, p-value = 0.002833
		assertEquals(0.002833, Statistics.pairedT(SLEEP_2, SLEEP_1), 5e-6);
		assertEquals(0.002833, Statistics.pairedT(SLEEP_1, SLEEP_2), 5e-6);
	}

	/** Hollander and Wolfe (1973) p. 29, R's ?wilcox.test: V = 40, one-sided p = 0.01953. */
	@Test
	public void wilcoxonSignedRankOfHollanderAndWolfe() {
		final double[] x = { 1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30 };
		final double[] y = { 0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29 };
		// exact two-sided: 2 * 10 / 2^9
		assertEquals(20.0 / 512, Statistics.wilcoxon(x, y), 1e-12);
		assertEquals(20.0 / 512, Statistics.wilcoxon(y, x), 1e-12);
	}

	@Test
	public void wilcoxonWithFiveSeedsAllBetterIsTheSmallestExactP() {
		final double[] a = { 0.8, 0.7, 0.75, 0.9, 0.85 }, b = { 0.6, 0.65, 0.5, 0.71, 0.62 };
		assertEquals(2.0 / 32, Statistics.wilcoxon(a, b), 1e-12);
	}

	@Test
	public void zeroDifferencesAreDroppedAndIdenticalSamplesGiveOne() {
		final double[] a = { 0.5, 0.6, 0.7 };
		assertEquals(1, Statistics.wilcoxon(a, a), 0);
		assertEquals(1, Statistics.pairedT(a, a), 0);
		// one zero difference dropped: the 9 others of Hollander and Wolfe stay exact
		final double[] x = { 1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30, 5 };
		final double[] y = { 0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29, 5 };
		assertEquals(20.0 / 512, Statistics.wilcoxon(x, y), 1e-12);
		assertTrue(Double.isNaN(Statistics.pairedT(new double[] { 1 }, new double[] { 0 })));
	}

	@Test
	public void summaryHasTheTBasedInterval() {
		final Statistics.Summary s = Statistics.summary(new double[] { 1, 2, 3, 4, 5 });
		assertEquals(5, s.n());
		assertEquals(3, s.mean(), 1e-12);
		assertEquals(Math.sqrt(2.5), s.sd(), 1e-12);
		// qt(0.975, 4) = 2.776445
		final double half = 2.776445 * Math.sqrt(2.5) / Math.sqrt(5);
		assertEquals(3 - half, s.ciLow(), 1e-5);
		assertEquals(3 + half, s.ciHigh(), 1e-5);
		final Statistics.Summary one = Statistics.summary(new double[] { 0.4 });
		assertEquals(0.4, one.mean(), 0);
		assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.ciLow()));
	}

	@Test
	public void reachingInterpolatesBetweenTheFractionsAroundTheCrossing() {
		final double[] f = { 10, 25, 50, 100 };
		// 0.70 at 25 %, 0.80 at 50 %: 0.76 is reached at 25 + 0.6 * 25 = 40 %
		assertEquals(40, Statistics.reaching(f, new double[] { 0.5, 0.7, 0.8, 0.85 }, 0.76), 1e-9);
		assertEquals(10, Statistics.reaching(f, new double[] { 0.9, 0.9, 0.9, 0.9 }, 0.76), 0);
		assertTrue(Double.isNaN(Statistics.reaching(f, new double[] { 0.5, 0.6, 0.7, 0.75 }, 0.76)));
		// an unmeasured fraction is skipped: between 10 % and 50 %
		assertEquals(30, Statistics.reaching(f, new double[] { 0.6, Double.NaN, 0.8, 0.9 }, 0.7),
			1e-9);
	}

	@Test
	public void theExactWilcoxonPIsAtMostOne() {
		// differences 1, 2, -3: W+ = W- = 3, the centre of the n = 3 distribution (P(W <= 3) =
		// 5/8, so twice it is 1.25 uncapped); seen in a real study with 3 seeds
		assertEquals(1, Statistics.wilcoxon(new double[] { 1, 2, 0 }, new double[] { 0, 0, 3 }), 0);
		// 1, -2, -3: W+ = 1, P(W <= 1) = 2/8, p = 0.5
		assertEquals(0.5, Statistics.wilcoxon(new double[] { 1, 0, 0 }, new double[] { 0, 2, 3 }),
			1e-12);
	}
}
