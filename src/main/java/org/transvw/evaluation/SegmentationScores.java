package org.transvw.evaluation;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The segmentation metrics of one case, or of a pooled test set (method.md §6): Dice and
 * binary IoU at 0.5, the Models Genesis threshold-averaged 2-class mean IoU, and the voxel
 * counts behind them.
 *
 * @param name case name, or {@link #POOLED}
 * @param dice 2|A and B|/(|A|+|B|) at 0.5; 1 for two empty masks
 * @param iou |A and B|/|A or B| at 0.5; 1 for two empty masks
 * @param meanIou Models Genesis {@code mean_iou} (thresholds 0.50:0.05:0.95, 2 classes)
 * @param counts confusion counts at 0.5
 */
public record SegmentationScores(String name, double dice, double iou, double meanIou,
	ConfusionCounts counts)
{

	/** The name of the pooled row. */
	public static final String POOLED = "pooled";

	public SegmentationScores {
		Checks.notNull(name, "name");
		Checks.notNull(counts, "counts");
	}

	/** Scores of one prediction (probabilities or a 0/1 mask) against its 0/1 label image. */
	public static SegmentationScores of(final String name,
		final RandomAccessibleInterval<? extends RealType<?>> prediction,
		final RandomAccessibleInterval<? extends RealType<?>> truth)
	{
		return of(name, ConfusionCounts.of(prediction, truth, ConfusionCounts.HALF), MeanIou.of(
			prediction, truth));
	}

	static SegmentationScores of(final String name, final ConfusionCounts c, final MeanIou m) {
		return new SegmentationScores(name, c.dice(), c.iou(), m.value(), c);
	}
}
