package org.transvw.imagej;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.transvw.common.AtomicFiles;
import org.transvw.training.MetricsCsv;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;

/**
 * Draws the loss curves of a training run ({@code metrics.csv}: train and validation total per
 * epoch) with ImageJ's {@link Plot} and saves them as a PNG. Works headless. The drawing lives
 * here, in the ImageJ adapter, never in the core.
 */
public final class LossCurvePlot {

	private LossCurvePlot() {}

	/** The plot of {@code metrics} (epochs on x, total losses on y). */
	public static Plot plot(final MetricsCsv.Table metrics, final String title) {
		final double[] epoch = metrics.column("epoch");
		if (epoch == null || epoch.length == 0) throw new IllegalArgumentException(
			"metrics: expected at least one epoch row");
		final Plot p = new Plot(title, "epoch", "loss (weighted total)");
		final List<String> legend = new ArrayList<>();
		add(p, epoch, metrics.column("train_total"), Color.BLUE, "train", legend);
		add(p, epoch, metrics.column("val_total"), Color.RED, "validation", legend);
		p.setLimitsToFit(false);
		p.setColor(Color.BLACK);
		p.addLegend(String.join("\t", legend));
		return p;
	}

	/** Writes the plot of {@code metrics} to {@code png} (temp file, then atomic move). */
	public static void save(final MetricsCsv.Table metrics, final String title, final Path png)
		throws IOException
	{
		final ImagePlus imp = plot(metrics, title).getImagePlus();
		try (AtomicFiles.Pending p = AtomicFiles.create(png)) {
			if (!new FileSaver(imp).saveAsPng(p.temporary().toString())) throw new IOException(png +
				": could not write the loss plot");
			p.commit();
		}
		finally {
			imp.close();
		}
	}

	private static void add(final Plot p, final double[] x, final double[] y, final Color c,
		final String name, final List<String> legend)
	{
		if (y == null) return;
		final double[] xs = new double[x.length];
		final double[] ys = new double[x.length];
		int n = 0;
		for (int i = 0; i < x.length; i++)
			if (!Double.isNaN(y[i])) {
				xs[n] = x[i];
				ys[n++] = y[i];
			}
		if (n == 0) return;
		p.setColor(c);
		p.addPoints(java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n), n == 1
			? Plot.CIRCLE : Plot.LINE);
		legend.add(name);
	}
}
