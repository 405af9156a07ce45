package org.transvw.evaluation;

import java.util.Arrays;
import java.util.Comparator;

import org.transvw.common.Checks;

/**
 * Area under the ROC curve by the trapezoidal rule over the curve's distinct thresholds, as
 * {@code sklearn.metrics.roc_curve} + {@code auc} (method.md §6): tied scores form one
 * point, so a tie between a positive and a negative counts one half (the Mann-Whitney
 * convention).
 */
public final class Auc {

	private Auc() {}

	/**
	 * @param labels 1 = positive, 0 = negative
	 * @param scores predicted probability (or any monotone score) of the positive class
	 * @return the AUC in [0, 1], or NaN when only one class is present (sklearn refuses that case)
	 */
	public static double of(final int[] labels, final double[] scores) {
		Checks.require(labels.length == scores.length, "scores", "one score per label (" +
			labels.length + "), got " + scores.length);
		long pos = 0;
		for (final int l : labels) {
			Checks.require(l == 0 || l == 1, "labels", "0 or 1, got " + l);
			pos += l;
		}
		final long neg = labels.length - pos;
		if (pos == 0 || neg == 0) return Double.NaN;
		final Integer[] order = new Integer[scores.length];
		for (int i = 0; i < order.length; i++) {
			Checks.require(!Double.isNaN(scores[i]), "scores", "numbers, got NaN at " + i);
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
		double area = 0;
		long tp = 0, fp = 0;
		int i = 0;
		while (i < order.length) {
			final double s = scores[order[i]];
			final long tp0 = tp, fp0 = fp;
			while (i < order.length && scores[order[i]] == s) {
				if (labels[order[i]] == 1) tp++;
				else fp++;
				i++;
			}
			// trapezoid between (fp0, tp0) and (fp, tp), in counts
			area += (fp - fp0) * (tp + tp0) / 2.0;
		}
		return area / ((double) pos * neg);
	}
}
