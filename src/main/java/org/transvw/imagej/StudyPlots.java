package org.transvw.imagej;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.transvw.data.io.OutputFolder;
import org.transvw.study.StudyReport;
import org.transvw.study.StudySummary;

import ij.gui.Plot;
import ij.measure.ResultsTable;

/**
 * The plots and the results table of an annotation-efficiency study, drawn with ImageJ's
 * {@link Plot} (rendered to an image without a display, so headless runs write them too): the
 * primary test figure (Dice, AUC) against the label fraction, mean with sd error bars per initialisation, and the
 * convergence plot, the validation Dice per epoch (mean over seeds) per initialisation at the
 * largest fraction with a finished cell. The numbers behind them are the study's CSV files.
 */
public final class StudyPlots {

	private static final Color[] COLOURS = { Color.BLACK, Color.BLUE, Color.RED, new Color(0, 140,
		0), Color.MAGENTA, Color.ORANGE, Color.CYAN.darker(), Color.GRAY };

	private StudyPlots() {}

	/**
	 * The primary test figure (Dice; AUC for classification) vs label fraction: one series (mean,
	 * sd error bars) per initialisation.
	 */
	public static Plot diceVsFraction(final StudySummary s) {
		final String m = s.task().primary();
		final Plot p = new Plot("Annotation efficiency: test " + m, "labelled training " + s.task()
			.units() + " (%)", "test " + m + " (mean ± sd over seeds)");
		final List<String> legend = new ArrayList<>();
		int k = 0;
		for (final String arm : arms(s)) {
			final List<double[]> pts = new ArrayList<>();
			for (final StudySummary.Row r : s.rows())
				if (r.arm().equals(arm) && r.primary().n() > 0) pts.add(new double[] { r.fraction(), r
					.primary().mean(), Double.isNaN(r.primary().sd()) ? 0 : r.primary().sd() });
			if (pts.isEmpty()) continue;
			p.setColor(COLOURS[k++ % COLOURS.length]);
			p.setLineWidth(2);
			p.addPoints(column(pts, 0), column(pts, 1), column(pts, 2), pts.size() == 1 ? Plot.CIRCLE
				: Plot.CONNECTED_CIRCLES);
			legend.add(arm);
		}
		finish(p, legend);
		p.setLimits(0, 105, 0, 1);
		return p;
	}

	/**
	 * The validation figure (Dice, accuracy) per epoch (mean over seeds) per initialisation at the
	 * largest fraction.
	 */
	public static Plot convergence(final StudySummary s) {
		final double at = StudyReport.convergenceFraction(s);
		final Plot p = new Plot("Convergence at " + org.transvw.study.Statistics.format(at) +
			" % labels", "epoch", "validation " + s.task().curve() + " (" + (s.task() == org.transvw
				.study.StudyTask.CLASSIFICATION ? "cubes" : "patches") + ", mean over seeds)");
		final List<String> legend = new ArrayList<>();
		int k = 0;
		for (final StudySummary.Curve c : s.curves()) {
			if (c.fraction() != at || c.epochs().length == 0) continue;
			p.setColor(COLOURS[k++ % COLOURS.length]);
			p.setLineWidth(2);
			p.addPoints(c.epochs(), c.meanScore(), c.epochs().length == 1 ? Plot.CIRCLE : Plot.LINE);
			legend.add(c.arm());
		}
		finish(p, legend);
		p.setLimitsToFit(false);
		return p;
	}

	/** Draws both plots and saves them as PNG into the study folder (atomically). */
	public static void save(final StudySummary s, final OutputFolder out) throws IOException {
		save(diceVsFraction(s), out.claim(StudyReport.scorePlot(s.task())));
		save(convergence(s), out.claim(StudyReport.CONVERGENCE_PLOT));
	}

	/** Renders {@code plot} and writes it as a PNG (temp file, then atomic move). */
	public static void save(final Plot plot, final Path png) throws IOException {
		LossCurvePlot.writePng(plot.getImagePlus(), png, "the plot " + plot.getTitle());
	}

	/** The study table as an ImageJ results table (one row per initialisation and fraction). */
	public static ResultsTable table(final StudySummary s) {
		final ResultsTable t = new ResultsTable();
		final List<String> lines = s.csvLines();
		final String[] header = lines.get(0).split(",");
		for (int i = 1; i < lines.size(); i++) {
			final String[] f = lines.get(i).split(",");
			t.incrementCounter();
			t.addValue(header[0], f[0]);
			for (int j = 1; j < f.length; j++)
				t.addValue(header[j], Double.parseDouble(f[j]));
		}
		return t;
	}

	private static void finish(final Plot p, final List<String> legend) {
		p.setColor(Color.BLACK);
		p.setLineWidth(1);
		if (!legend.isEmpty()) p.addLegend(String.join("\t", legend));
	}

	private static List<String> arms(final StudySummary s) {
		final List<String> out = new ArrayList<>();
		for (final StudySummary.Row r : s.rows())
			if (!out.contains(r.arm())) out.add(r.arm());
		return out;
	}

	private static double[] column(final List<double[]> pts, final int k) {
		return pts.stream().mapToDouble(v -> v[k]).toArray();
	}
}
