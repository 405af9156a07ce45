package org.transvw.imagej;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.transvw.common.AtomicFiles;
import org.transvw.training.MetricsCsv;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

/**
 * Draws the loss curves of a training run ({@code metrics.csv}: train and validation total per
 * epoch) and saves them as a PNG. With a display it is ImageJ's {@link Plot} (axis labels and a
 * legend). In a headless JVM it is drawn off-screen into pixels with lines only, so that no font
 * is looked up (a fresh machine may have none): train in blue, validation in red, the axes and a
 * tick per epoch (at most 50) in black, y from the lowest to the highest loss; the numbers are in
 * {@code metrics.csv}. The drawing lives here, in the ImageJ adapter, never in the core.
 */
public final class LossCurvePlot {

	/** Size of the headless rendering in pixels, and its margin. */
	static final int WIDTH = 640, HEIGHT = 400, MARGIN = 40;

	private LossCurvePlot() {}

	/** The plot of {@code metrics} (epochs on x, total losses on y); needs fonts to render. */
	public static Plot plot(final MetricsCsv.Table metrics, final String title) {
		final double[] epoch = epochs(metrics);
		final Plot p = new Plot(title, "epoch", "loss (weighted total)");
		final List<String> legend = new ArrayList<>();
		add(p, epoch, metrics.column("train_total"), Color.BLUE, "train", legend);
		add(p, epoch, metrics.column("val_total"), Color.RED, "validation", legend);
		p.setLimitsToFit(false);
		p.setColor(Color.BLACK);
		p.addLegend(String.join("\t", legend));
		return p;
	}

	/** The curves drawn into pixels without text (no font lookup), as described above. */
	public static ColorProcessor render(final MetricsCsv.Table metrics) {
		final double[] x = epochs(metrics);
		final double[][] curves = { finite(metrics.column("train_total"), x.length), finite(metrics
			.column("val_total"), x.length) };
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (final double[] c : curves)
			for (final double v : c)
				if (!Double.isNaN(v)) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
		if (!(lo <= hi)) lo = hi = 0;
		if (hi - lo < 1e-12) {
			lo -= 0.5;
			hi += 0.5;
		}
		final double x0 = x[0], x1 = x[x.length - 1] > x0 ? x[x.length - 1] : x0 + 1;
		final ColorProcessor ip = new ColorProcessor(WIDTH, HEIGHT);
		ip.setColor(Color.WHITE);
		ip.fill();
		ip.setColor(Color.BLACK);
		final int left = MARGIN, right = WIDTH - MARGIN, top = MARGIN, bottom = HEIGHT - MARGIN;
		ip.drawLine(left, bottom, right, bottom);
		ip.drawLine(left, bottom, left, top);
		final int step = Math.max(1, x.length / 50);
		for (int i = 0; i < x.length; i += step) {
			final int px = px(x[i], x0, x1, left, right);
			ip.drawLine(px, bottom, px, bottom + 4);
		}
		final Color[] colours = { Color.BLUE, Color.RED };
		for (int c = 0; c < curves.length; c++) {
			ip.setColor(colours[c]);
			int lastX = -1, lastY = -1;
			for (int i = 0; i < x.length; i++) {
				if (Double.isNaN(curves[c][i])) continue;
				final int px = px(x[i], x0, x1, left, right);
				final int py = bottom - px(curves[c][i], lo, hi, 0, bottom - top);
				if (lastX < 0) ip.fillRect(px - 1, py - 1, 3, 3);
				else ip.drawLine(lastX, lastY, px, py);
				lastX = px;
				lastY = py;
			}
		}
		return ip;
	}

	/**
	 * Writes the plot of {@code metrics} to {@code png} (temp file, then atomic move): ImageJ's
	 * plot with a display, the text-free rendering in a headless JVM.
	 */
	public static void save(final MetricsCsv.Table metrics, final String title, final Path png)
		throws IOException
	{
		writePng(GraphicsEnvironment.isHeadless() ? new ImagePlus(title, render(metrics)) : plot(
			metrics, title).getImagePlus(), png, "the loss plot");
	}

	/** Writes {@code imp} as a PNG (temp file, then atomic move) and closes it. */
	static void writePng(final ImagePlus imp, final Path png, final String what)
		throws IOException
	{
		try (AtomicFiles.Pending p = AtomicFiles.create(png)) {
			if (!new FileSaver(imp).saveAsPng(p.temporary().toString())) throw new IOException(png +
				": could not write " + what);
			p.commit();
		}
		finally {
			imp.close();
		}
	}

	private static double[] epochs(final MetricsCsv.Table metrics) {
		final double[] epoch = metrics.column("epoch");
		if (epoch == null || epoch.length == 0) throw new IllegalArgumentException(
			"metrics: expected at least one epoch row");
		return epoch;
	}

	/** {@code y}, or all NaN when the column is absent; non-finite values become NaN. */
	private static double[] finite(final double[] y, final int n) {
		final double[] out = new double[n];
		Arrays.fill(out, Double.NaN);
		if (y != null) for (int i = 0; i < n && i < y.length; i++)
			if (Double.isFinite(y[i])) out[i] = y[i];
		return out;
	}

	private static int px(final double v, final double lo, final double hi, final int from,
		final int to)
	{
		return (int) Math.round(from + (v - lo) / (hi - lo) * (to - from));
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
		p.addPoints(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n), n == 1 ? Plot.CIRCLE : Plot.LINE);
		legend.add(name);
	}
}
