package org.transvw.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.transvw.data.io.OutputFolder;

/**
 * The study's files beside the cells: {@value #CSV} (the table), {@value #CONVERGENCE} (the mean
 * validation curves behind the convergence plot), {@value #DICE_PLOT_CSV} (the points behind the
 * Dice plot) and {@value #REPORT} (one page: the table, the saving, the plots embedded). The
 * plots themselves ({@value #DICE_PLOT}, {@value #CONVERGENCE_PLOT}) are drawn by the ImageJ
 * adapter.
 */
public final class StudyReport {

	public static final String CSV = "study.csv", CONVERGENCE = "convergence.csv",
		DICE_PLOT_CSV = "dice_vs_fraction.csv", REPORT = "report.md",
		DICE_PLOT = "dice_vs_fraction.png", CONVERGENCE_PLOT = "convergence.png";

	/** Every file the study writes into its folder (for the output guard). */
	public static final List<String> FILES = List.of(CellStore.FOLDER + "/", CSV, CONVERGENCE,
		DICE_PLOT_CSV, REPORT, DICE_PLOT, CONVERGENCE_PLOT);

	private StudyReport() {}

	/** Writes the CSV files and the report (the plots are referenced, written by the caller). */
	public static void write(final OutputFolder out, final StudySummary s, final String settings)
		throws IOException
	{
		out.writeLines(CSV, s.csvLines());
		out.writeLines(CONVERGENCE, convergenceLines(s));
		out.writeLines(DICE_PLOT_CSV, dicePlotLines(s));
		out.writeLines(REPORT, report(s, settings));
	}

	/** initialisation,fraction,epoch,validation_dice_mean. */
	public static List<String> convergenceLines(final StudySummary s) {
		final List<String> out = new ArrayList<>();
		out.add("initialisation,fraction,epoch,validation_dice_mean");
		for (final StudySummary.Curve c : s.curves())
			for (int i = 0; i < c.epochs().length; i++)
				out.add(String.format(Locale.ROOT, "%s,%s,%d,%.6f", c.arm(), Statistics.format(c
					.fraction()), (int) c.epochs()[i], c.meanDice()[i]));
		return out;
	}

	/** initialisation,fraction,dice_mean,dice_sd: the points and error bars of the Dice plot. */
	public static List<String> dicePlotLines(final StudySummary s) {
		final List<String> out = new ArrayList<>();
		out.add("initialisation,fraction,dice_mean,dice_sd");
		for (final StudySummary.Row r : s.rows())
			if (r.dice().n() > 0) out.add(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f", r.arm(),
				Statistics.format(r.fraction()), r.dice().mean(), Double.isNaN(r.dice().sd()) ? 0 : r
					.dice().sd()));
		return out;
	}

	/** The largest fraction with a finished cell (the convergence plot's), or NaN. */
	public static double convergenceFraction(final StudySummary s) {
		double best = Double.NaN;
		for (final StudySummary.Row r : s.rows())
			if (r.dice().n() > 0 && !(r.fraction() <= best)) best = r.fraction();
		return best;
	}

	static List<String> report(final StudySummary s, final String settings) {
		final StudyDesign d = s.design();
		final int total = d.cells().size();
		final List<String> out = new ArrayList<>();
		out.add("# Annotation-efficiency study");
		out.add("");
		out.add(String.format(Locale.ROOT, "%d of %d cells finished (%d initialisations x %d " +
			"fractions x %d seeds). %s", s.finishedCells(), total, d.arms().size(), d
				.fractions().length, d.seeds(), settings));
		out.add("");
		out.add("Test Dice / IoU: pooled over the held-out test cases, best weights of each cell. " +
			"sd over seeds; 95 % CI = mean ± t(0.975, n-1) sd/√n. p: two-sided, each " +
			"initialisation vs scratch, paired by seed (same labelled subset).");
		out.add("");
		out.addAll(s.markdownTable());
		out.add("");
		out.add("## Annotation saving");
		out.add("");
		out.add("The smallest label fraction at which an initialisation's mean test Dice reaches " +
			"scratch's mean test Dice at 100 % (linear interpolation between the two fractions " +
			"around the crossing); saving = 100 % minus that fraction.");
		out.add("");
		if (s.savings().isEmpty()) out.add("- no pre-trained initialisation in this study");
		for (final StudySummary.Saving v : s.savings())
			out.add("- " + v.arm() + ": " + v.describe());
		out.add("");
		out.add("## Plots");
		out.add("");
		out.add("![Test Dice vs label fraction (mean ± sd over seeds)](" + DICE_PLOT + ")");
		out.add("");
		out.add("![Validation Dice per epoch, mean over seeds, at " + Statistics.format(
			convergenceFraction(s)) + " % of the labels](" + CONVERGENCE_PLOT + ")");
		out.add("");
		out.add("Numbers: " + CSV + ", " + DICE_PLOT_CSV + ", " + CONVERGENCE + "; each cell's " +
			"metrics, validation curve and per-case test scores under " + CellStore.FOLDER + "/.");
		return out;
	}
}
