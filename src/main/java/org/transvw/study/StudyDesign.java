package org.transvw.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.common.SeededSplit;

/**
 * What a study compares: initialisations (scratch first) x label fractions x seeds, and how a
 * cell's labelled training cases are chosen.
 * <p>
 * Subsets: for seed index s, the training cases are shuffled once by the stream
 * {@code seed -> fork("label subset") -> fork(s)} and a fraction f takes the first
 * {@code floor(f / 100 * n)} of that order ({@link #subsetSize}). So for one seed the 10 % subset
 * lies inside the 25 % subset (nested), and every initialisation gets the same subset (paired).
 *
 * @param arms the initialisations; the first is scratch
 * @param fractions percent of the training cases, ascending, distinct, each in (0, 100]
 * @param seeds repetitions per (initialisation, fraction)
 * @param seed the study seed (seed index s fine-tunes with seed + s)
 */
public record StudyDesign(List<Arm> arms, double[] fractions, int seeds, long seed) {

	public StudyDesign {
		Checks.require(arms != null && !arms.isEmpty() && arms.get(0).isScratch(), "bundles",
			"scratch as the first initialisation");
		final Set<String> names = new HashSet<>();
		for (final Arm a : arms)
			Checks.require(names.add(a.name()), "bundles", "distinct initialisation names, got " +
				a.name() + " twice");
		arms = List.copyOf(arms);
		fractions = checkFractions(fractions);
		Checks.inRange(seeds, 1, 1000, "seeds");
	}

	/**
	 * The fractions sorted ascending; each in (0, 100], distinct.
	 *
	 * @throws IllegalArgumentException naming {@code fractions}
	 */
	public static double[] checkFractions(final double[] fractions) {
		Checks.require(fractions != null && fractions.length > 0, "fractions",
			"one or more percentages, e.g. 10,25,50,100");
		final double[] f = fractions.clone();
		Arrays.sort(f);
		for (int i = 0; i < f.length; i++) {
			Checks.require(Double.isFinite(f[i]) && f[i] > 0 && f[i] <= 100, "fractions",
				"percentages of the training cases in (0, 100], got " + Statistics.format(f[i]));
			Checks.require(i == 0 || f[i] != f[i - 1], "fractions", "distinct percentages, got " +
				Statistics.format(f[i]) + " twice");
		}
		return f;
	}

	/** Parses "10,25,50,100" (percent), naming {@code fractions} when it cannot. */
	public static double[] parseFractions(final String text) {
		Checks.require(text != null && !text.isBlank(), "fractions",
			"percentages of the training cases, e.g. 10,25,50,100");
		final String[] parts = text.trim().split("\\s*,\\s*");
		final double[] f = new double[parts.length];
		for (int i = 0; i < parts.length; i++)
			try {
				f[i] = Double.parseDouble(parts[i].endsWith("%") ? parts[i].substring(0, parts[i]
					.length() - 1) : parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException("fractions: expected percentages of the training " +
					"cases, e.g. 10,25,50,100, got '" + text + "'");
			}
		return checkFractions(f);
	}

	@Override
	public double[] fractions() {
		return fractions.clone();
	}

	/** Every cell: index = (arm * fractions + fraction) * seeds + seed index. */
	public List<Cell> cells() {
		final List<Cell> out = new ArrayList<>();
		for (int a = 0; a < arms.size(); a++)
			for (int f = 0; f < fractions.length; f++)
				for (int s = 0; s < seeds; s++)
					out.add(new Cell(out.size(), arms.get(a), fractions[f], s, seed + s));
		return out;
	}

	/** The cell {@code index}, naming {@code cell} when out of range. */
	public Cell cell(final int index) {
		final List<Cell> all = cells();
		Checks.require(index >= 0 && index < all.size(), "cell", String.format(Locale.ROOT,
			"a cell number in 0..%d (%d initialisations x %d fractions x %d seeds), got %d", all
				.size() - 1, arms.size(), fractions.length, seeds, index));
		return all.get(index);
	}

	/** Training cases labelled at {@code fraction} percent of {@code n}: floor(f / 100 * n). */
	public static int subsetSize(final double fraction, final int n) {
		return (int) Math.floor(fraction / 100 * n + 1e-9);
	}

	/**
	 * Checks that the smallest fraction labels at least one of {@code n} training cases.
	 *
	 * @throws IllegalArgumentException naming {@code fractions} and the number of cases needed
	 */
	public void requireCases(final int n) {
		final double smallest = fractions[0];
		if (subsetSize(smallest, n) >= 1) return;
		final int needed = (int) Math.ceil(100 / smallest - 1e-9);
		throw new IllegalArgumentException(String.format(Locale.ROOT, "fractions: %s%% of %d " +
			"training cases is no case; the smallest fraction needs at least %d training cases " +
			"(besides the validation and test cases), got %d; add cases or raise the smallest " +
			"fraction", Statistics.format(smallest), n, needed, n));
	}

	/** The indices (into the n training cases) labelled in {@code cell}: nested and paired. */
	public int[] subset(final Cell cell, final int n) {
		requireCases(n);
		return SeededSplit.draw(n, subsetSize(cell.fraction(), n), RandomStreams.seeded(seed).fork(
			"label subset").fork(cell.seedIndex())).chosen();
	}
}
