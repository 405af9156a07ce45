package org.transvw.evaluation;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;

/**
 * Voxel counts of a binary comparison: prediction {@code p > threshold} against ground truth
 * {@code g > 0.5}, as the reference binarises both (method.md §6). Counts add, so pooling
 * over a test set is {@link #plus}.
 */
public record ConfusionCounts(long tp, long fp, long fn, long tn) {

	/** The reference's binarisation threshold for predictions and labels. */
	public static final double HALF = 0.5;

	public static final ConfusionCounts ZERO = new ConfusionCounts(0, 0, 0, 0);

	public ConfusionCounts {
		Checks.require(tp >= 0 && fp >= 0 && fn >= 0 && tn >= 0, "counts",
			"non-negative voxel counts");
	}

	/** Counts of {@code prediction > threshold} against {@code truth > 0.5}; equal sizes. */
	public static ConfusionCounts of(final RandomAccessibleInterval<? extends RealType<?>> prediction,
		final RandomAccessibleInterval<? extends RealType<?>> truth, final double threshold)
	{
		checkSameSize(prediction, truth);
		final long[] c = new long[4];
		LoopBuilder.setImages(prediction, truth).forEachPixel((p, g) -> {
			final boolean a = p.getRealDouble() > threshold;
			final boolean b = g.getRealDouble() > HALF;
			c[a ? (b ? 0 : 1) : (b ? 2 : 3)]++;
		});
		return new ConfusionCounts(c[0], c[1], c[2], c[3]);
	}

	static void checkSameSize(final RandomAccessibleInterval<?> a, final RandomAccessibleInterval<?> b) {
		Checks.require(java.util.Arrays.equals(a.dimensionsAsLongArray(), b
			.dimensionsAsLongArray()), "prediction", "the size of its label image " + java.util.Arrays
				.toString(b.dimensionsAsLongArray()) + ", got " + java.util.Arrays.toString(a
					.dimensionsAsLongArray()));
	}

	public ConfusionCounts plus(final ConfusionCounts o) {
		return new ConfusionCounts(tp + o.tp, fp + o.fp, fn + o.fn, tn + o.tn);
	}

	/** 2|A and B| / (|A| + |B|); 1 when both masks are empty (reference {@code dice}). */
	public double dice() {
		final long d = 2 * tp + fp + fn;
		return d == 0 ? 1 : 2.0 * tp / d;
	}

	/**
	 * |A and B| / |A or B| (reference {@code iou}); 1 when both masks are empty.
	 * NB: the reference divides by zero there; we follow its Dice convention instead.
	 */
	public double iou() {
		final long d = tp + fp + fn;
		return d == 0 ? 1 : (double) tp / d;
	}

	/**
	 * The 2-class mean IoU of {@code tf.metrics.mean_iou}: the mean of the foreground IoU
	 * tp/(tp+fp+fn) and the background IoU tn/(tn+fn+fp), over the classes whose denominator is
	 * non-zero (as TensorFlow does); 1 for an empty image.
	 */
	public double twoClassMeanIou() {
		final long e = fp + fn;
		int valid = 0;
		double sum = 0;
		if (tp + e > 0) {
			sum += (double) tp / (tp + e);
			valid++;
		}
		if (tn + e > 0) {
			sum += (double) tn / (tn + e);
			valid++;
		}
		return valid == 0 ? 1 : sum / valid;
	}

	public long total() {
		return tp + fp + fn + tn;
	}
}
