package org.transvw.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.transvw.data.io.OutputFolder;

/**
 * The study's files beside the cells: {@value #CSV} (the table), {@value #CONVERGENCE} (the mean
 * validation curves behind the convergence plot), {@value #DICE_PLOT_CSV} (the points behind the
 * Dice plot; {@value #AUC_PLOT_CSV} in a classification study) and {@value #REPORT} (one page:
 * the table, the saving, the plots embedded). The plots themselves ({@value #DICE_PLOT} or
 * {@value #AUC_PLOT}, {@value #CONVERGENCE_PLOT}) are drawn by the ImageJ adapter.
 */
public final class StudyReport {

	public static final String CSV = "study.csv", CONVERGENCE = "convergence.csv",
		DICE_PLOT_CSV = "dice_vs_fraction.csv", REPORT = "report.md",
		DICE_PLOT = "dice_vs_fraction.png", CONVERGENCE_PLOT = "convergence.png",
		AUC_PLOT_CSV = "auc_vs_fraction.csv", AUC_PLOT = "auc_vs_fraction.png";

	/** Every file a study writes into its folder (for the output guard). */
	public static final List<String> FILES = List.of(CellStore.FOLDER + "/", CSV, CONVERGENCE,
		DICE_PLOT_CSV, REPORT, DICE_PLOT, CONVERGENCE_PLOT, AUC_PLOT_CSV, AUC_PLOT);

	/** The primary figure's plot of a {@code task} study: {@value #DICE_PLOT}, {@value #AUC_PLOT}. */
	public static String scorePlot(final StudyTask task) {
		return task == StudyTask.CLASSIFICATION ? AUC_PLOT : DICE_PLOT;
	}

	/** The numbers behind {@link #scorePlot}. */
	public static String scorePlotCsv(final StudyTask task) {
		return task == StudyTask.CLASSIFICATION ? AUC_PLOT_CSV : DICE_PLOT_CSV;
	}

	private StudyReport() {}

	/** Writes the CSV files and the report (the plots are referenced, written by the caller). */
	public static void write(final OutputFolder out, final StudySummary s, final String settings)
		throws IOException
	{
		out.writeLines(CSV, s.csvLines());
		out.writeLines(CONVERGENCE, convergenceLines(s));
		out.writeLines(scorePlotCsv(s.task()), dicePlotLines(s));
		out.writeLines(REPORT, report(s, settings));
	}

	/** initialisation,fraction,epoch,validation_dice_mean (validation_accuracy_mean). */
	public static List<String> convergenceLines(final StudySummary s) {
		final List<String> out = new ArrayList<>();
		out.add("initialisation,fraction,epoch,validation_" + StudyTask.column(s.task().curve()) +
			"_mean");
		for (final StudySummary.Curve c : s.curves())
			for (int i = 0; i < c.epochs().length; i++)
				out.add(String.format(Locale.ROOT, "%s,%s,%d,%.6f", c.arm(), Statistics.format(c
					.fraction()), (int) c.epochs()[i], c.meanScore()[i]));
		return out;
	}

	/**
	 * initialisation,fraction,dice_mean,dice_sd (auc_...): the points and error bars of the plot
	 * of the primary figure.
	 */
	public static List<String> dicePlotLines(final StudySummary s) {
		final List<String> out = new ArrayList<>();
		final String m = StudyTask.column(s.task().primary());
		out.add("initialisation,fraction," + m + "_mean," + m + "_sd");
		for (final StudySummary.Row r : s.rows())
			if (r.primary().n() > 0) out.add(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f", r.arm(),
				Statistics.format(r.fraction()), r.primary().mean(), Double.isNaN(r.primary().sd()) ? 0
					: r.primary().sd()));
		return out;
	}

	/** The largest fraction with a finished cell (the convergence plot's), or NaN. */
	public static double convergenceFraction(final StudySummary s) {
		double best = Double.NaN;
		for (final StudySummary.Row r : s.rows())
			if (r.primary().n() > 0 && !(r.fraction() <= best)) best = r.fraction();
		return best;
	}

	static List<String> report(final StudySummary s, final String settings) {
		final StudyDesign d = s.design();
		final int total = d.cells().size();
		final StudyTask t = s.task();
		final List<String> out = new ArrayList<>();
		out.add("# Annotation-efficiency study");
		out.add("");
		out.add(String.format(Locale.ROOT, "%d of %d cells finished (%d initialisations x %d " +
			"fractions x %d seeds). %s", s.finishedCells(), total, d.arms().size(), d
				.fractions().length, d.seeds(), settings));
		out.add("");
		out.add((t == StudyTask.CLASSIFICATION ? "Test AUC / accuracy: ROC AUC (binary; mean " +
			"one-vs-rest otherwise) and accuracy of the held-out test cubes"
			: "Test Dice / IoU: pooled over the held-out test cases") + ", best weights of each cell. " +
			"sd over seeds; 95 % CI = mean ± t(0.975, n-1) sd/√n. p: two-sided, each " +
			"initialisation vs scratch, paired by seed (same labelled subset).");
		out.add("");
		out.addAll(s.markdownTable());
		out.add("");
		out.add("## Annotation saving");
		out.add("");
		out.add("The smallest label fraction at which an initialisation's mean test " + t.primary() +
			" reaches scratch's mean test " + t.primary() + " at 100 % (linear interpolation between the two fractions " +
			"around the crossing); saving = 100 % minus that fraction.");
		out.add("");
		if (s.savings().isEmpty()) out.add("- no pre-trained initialisation in this study");
		for (final StudySummary.Saving v : s.savings())
			out.add("- " + v.arm() + ": " + v.describe());
		out.add("");
		out.add("## Plots");
		out.add("");
		out.add("![Test " + t.primary() + " vs label fraction (mean ± sd over seeds)](" + scorePlot(
			t) + ")");
		out.add("");
		out.add("![Validation " + t.curve() + " per epoch, mean over seeds, at " + Statistics
			.format(convergenceFraction(s)) + " % of the labels](" + CONVERGENCE_PLOT + ")");
		out.add("");
		out.add("Numbers: " + CSV + ", " + scorePlotCsv(t) + ", " + CONVERGENCE + "; each cell's " +
			"metrics, validation curve and per-" + (t == StudyTask.CLASSIFICATION ? "cube" : "case") +
			" test scores under " + CellStore.FOLDER + "/.");
		return out;
	}
}
