package org.transvw.study;

import java.util.Arrays;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.transvw.common.Checks;

/**
 * The statistics of a study, by Apache Commons Math 3 (no hand-written distributions).
 * <ul>
 * <li>{@link #summary}: mean, sample sd (n - 1) and the t-based 95 % confidence interval of the
 * mean, mean +- t(0.975, n - 1) sd / sqrt(n); NaN sd and interval for n &lt; 2.</li>
 * <li>{@link #pairedT}: two-sided paired t-test ({@code TTest.pairedTTest}); NaN for fewer than 2
 * pairs; 1 when all differences are equal to 0; NaN when all differences are equal but not 0
 * (zero variance, no t).</li>
 * <li>{@link #wilcoxon}: two-sided Wilcoxon signed-rank test. Zero differences are dropped first
 * (Wilcoxon's rule, as R's {@code wilcox.test}); with no difference left p = 1. The exact
 * p-value (2 x the upper tail of W = max(W+, W-)) for up to 30 pairs without tied |differences|,
 * else the normal approximation of Commons Math (no tie correction). With n pairs the smallest
 * exact p is 2 / 2^n (0.0625 for 5 seeds): use enough seeds.</li>
 * </ul>
 */
public final class Statistics {

	/** Pairs up to which the exact Wilcoxon p-value is computed. */
	static final int EXACT_WILCOXON = 30;

	private Statistics() {}

	/** Mean, sd and the t-based 95 % confidence interval of {@code x}. */
	public record Summary(int n, double mean, double sd, double ciLow, double ciHigh) {}

	public static Summary summary(final double[] x) {
		Checks.notNull(x, "values");
		if (x.length == 0) return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		final SummaryStatistics s = new SummaryStatistics();
		for (final double v : x)
			s.addValue(v);
		final double mean = s.getMean();
		if (x.length < 2) return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN);
		final double sd = s.getStandardDeviation();
		final double half = new TDistribution(x.length - 1).inverseCumulativeProbability(0.975) *
			sd / Math.sqrt(x.length);
		return new Summary(x.length, mean, sd, mean - half, mean + half);
	}

	/** Two-sided p of the paired t-test of {@code a} vs {@code b} (same order: the pairs). */
	public static double pairedT(final double[] a, final double[] b) {
		final double[] d = differences(a, b);
		if (d.length < 2) return Double.NaN;
		if (Arrays.stream(d).allMatch(v -> v == 0)) return 1;
		if (Arrays.stream(d).allMatch(v -> v == d[0])) return Double.NaN;
		return new TTest().pairedTTest(a, b);
	}

	/** Two-sided p of the Wilcoxon signed-rank test of {@code a} vs {@code b}, see above. */
	public static double wilcoxon(final double[] a, final double[] b) {
		final double[] d = differences(a, b);
		final double[] x = Arrays.stream(d).filter(v -> v != 0).toArray();
		if (d.length == 0) return Double.NaN;
		if (x.length == 0) return 1;
		final double[] zeros = new double[x.length];
		final boolean exact = x.length <= EXACT_WILCOXON && !tiedMagnitudes(x);
		// NB: Commons Math's exact two-sided p is 2 min(P(W <= w), ...) uncapped: 1.25 for a
		// statistic at the centre of its distribution (n = 3, W+ = W- = 3); a p-value is at most 1
		return Math.min(1, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, zeros, exact));
	}

	/**
	 * The fraction at which a curve first reaches {@code target}: {@code fractions} ascending,
	 * {@code means} the curve there (NaN = not measured, skipped). The first measured fraction at
	 * or above target, with linear interpolation between it and the measured fraction before
	 * (when that one is below target); NaN when the curve never reaches it.
	 */
	public static double reaching(final double[] fractions, final double[] means,
		final double target)
	{
		Checks.require(fractions.length == means.length, "means", "one per fraction");
		if (Double.isNaN(target)) return Double.NaN;
		int prev = -1;
		for (int i = 0; i < fractions.length; i++) {
			if (Double.isNaN(means[i])) continue;
			if (means[i] >= target) {
				if (prev < 0) return fractions[i];
				final double t = (target - means[prev]) / (means[i] - means[prev]);
				return fractions[prev] + t * (fractions[i] - fractions[prev]);
			}
			prev = i;
		}
		return Double.NaN;
	}

	/** A number for texts: 4 significant digits without trailing zeros, "n/a" for NaN. */
	public static String format(final double v) {
		if (Double.isNaN(v)) return "n/a";
		if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
		final String t = String.format(Locale.ROOT, "%.4g", v);
		return t.contains(".") && !t.contains("e") ? t.replaceAll("0+$", "").replaceAll("\\.$", "")
			: t;
	}

	private static double[] differences(final double[] a, final double[] b) {
		Checks.require(a != null && b != null && a.length == b.length, "pairs",
			"two samples of the same length");
		final double[] d = new double[a.length];
		for (int i = 0; i < a.length; i++)
			d[i] = a[i] - b[i];
		return d;
	}

	private static boolean tiedMagnitudes(final double[] x) {
		final double[] m = Arrays.stream(x).map(Math::abs).sorted().toArray();
		for (int i = 1; i < m.length; i++)
			if (m[i] == m[i - 1]) return true;
		return false;
	}
}
