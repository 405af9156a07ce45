package org.transvw.evaluation;

import java.util.Arrays;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;

/**
 * The Models Genesis Keras metric {@code mean_iou} (method.md §6): for each threshold
 * t in {0.50, 0.55, ..., 0.95}, binarise {@code p > t}, take the 2-class mean IoU (background and
 * foreground), and average over the thresholds. An accumulator, so per-case and pooled values
 * come from the same counts.
 * <p>
 * NB: Keras averages the metric over batches; pooling the counts over the test set is the
 * deterministic equivalent we report.
 */
public final class MeanIou {

	/** 0.50:0.05:0.95 as in the reference. */
	private static final double[] THRESHOLDS = { 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80,
		0.85, 0.90, 0.95 };

	private final ConfusionCounts[] counts;

	private MeanIou(final ConfusionCounts[] counts) {
		this.counts = counts;
	}

	/** The thresholds, a copy. */
	public static double[] thresholds() {
		return THRESHOLDS.clone();
	}

	/** Counts of one case at every threshold. */
	public static MeanIou of(final RandomAccessibleInterval<? extends RealType<?>> prediction,
		final RandomAccessibleInterval<? extends RealType<?>> truth)
	{
		ConfusionCounts.checkSameSize(prediction, truth);
		final long[][] c = new long[THRESHOLDS.length][4];
		LoopBuilder.setImages(prediction, truth).forEachPixel((p, g) -> {
			final double v = p.getRealDouble();
			final boolean b = g.getRealDouble() > ConfusionCounts.HALF;
			for (int t = 0; t < THRESHOLDS.length; t++) {
				final boolean a = v > THRESHOLDS[t];
				c[t][a ? (b ? 0 : 1) : (b ? 2 : 3)]++;
			}
		});
		final ConfusionCounts[] cc = new ConfusionCounts[THRESHOLDS.length];
		for (int t = 0; t < cc.length; t++)
			cc[t] = new ConfusionCounts(c[t][0], c[t][1], c[t][2], c[t][3]);
		return new MeanIou(cc);
	}

	/** An empty accumulator for pooling. */
	public static MeanIou empty() {
		final ConfusionCounts[] cc = new ConfusionCounts[THRESHOLDS.length];
		Arrays.fill(cc, ConfusionCounts.ZERO);
		return new MeanIou(cc);
	}

	/** The pooled counts of both. */
	public MeanIou plus(final MeanIou o) {
		final ConfusionCounts[] cc = new ConfusionCounts[THRESHOLDS.length];
		for (int t = 0; t < cc.length; t++)
			cc[t] = counts[t].plus(o.counts[t]);
		return new MeanIou(cc);
	}

	/** The mean over thresholds of the 2-class mean IoU. */
	public double value() {
		double s = 0;
		for (final ConfusionCounts c : counts)
			s += c.twoClassMeanIou();
		return s / counts.length;
	}
}
