package org.transvw.finetuning;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.training.LossTerm;
import org.transvw.training.Losses;
import org.transvw.training.StepResult;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * The fine-tuning loss of segmentation (method.md §6): Dice loss with smooth 1 over the
 * whole flattened batch ({@link Losses#diceLoss}), plus an optional cross-entropy term (BCE for
 * one sigmoid channel, CE for softmax channels; {@link Losses#crossEntropyOfProbabilities}) with
 * weight {@code crossEntropyWeight}. Unlabelled voxels ({@link SparseLabels}) are masked out of
 * every sum, so sparse annotations train only where they exist. The hard Dice is logged as a
 * metric (weight 0).
 * <p>
 * Works on a batch's arrays only (their manager owns every intermediate).
 *
 * @param classes output channels: 1 = binary (sigmoid), >= 2 = softmax classes incl. background
 * @param crossEntropyWeight weight of the BCE/CE term, >= 0 (0: Dice only, the reference)
 */
public record SegmentationLoss(int classes, double crossEntropyWeight) {

	/** Terms of the loss and the validation metric, as logged in metrics.csv. */
	public static final String DICE_LOSS = "dice_loss", CROSS_ENTROPY = "ce", DICE = "dice";

	public SegmentationLoss {
		Checks.positive(classes, "classes");
		Checks.inRange(crossEntropyWeight, 0, 100, "cross-entropy weight");
	}

	/** The terms of one batch: network probabilities (N, classes, ...), raw labels (N, 1, ...). */
	public StepResult terms(final NDArray probabilities, final NDArray labels) {
		final NDList t = targets(labels);
		final List<LossTerm> terms = new ArrayList<>();
		terms.add(new LossTerm(DICE_LOSS, 1, dice(probabilities, t.get(0), t.get(1))));
		if (crossEntropyWeight > 0) terms.add(new LossTerm(CROSS_ENTROPY, crossEntropyWeight,
			crossEntropy(probabilities, t.get(0), t.get(1))));
		terms.add(new LossTerm(DICE, 0, hardDice(probabilities, t.get(0), t.get(1))));
		return new StepResult(terms, 0, 0);
	}

	/**
	 * Labelled-voxel mask (N, 1, ...) and one-hot targets (N, classes, ...) of raw labels
	 * (N, 1, ...), as float 0/1.
	 */
	public NDList targets(final NDArray labels) {
		final NDArray mask = labels.gte(0).logicalAnd(labels.neq(SparseLabels.UNLABELLED)).toType(
			DataType.FLOAT32, false);
		if (classes == 1) return new NDList(mask, labels.gt(0).toType(DataType.FLOAT32, false).mul(
			mask));
		final NDList hot = new NDList(classes);
		for (int c = 0; c < classes; c++)
			hot.add(labels.eq(c).toType(DataType.FLOAT32, false));
		return new NDList(mask, NDArrays.concat(hot, 1));
	}

	/** Soft Dice loss, masked, smooth 1 (a scalar). */
	public NDArray dice(final NDArray probabilities, final NDArray mask, final NDArray target) {
		return Losses.diceLoss(probabilities, mask, target);
	}

	/** Masked mean cross-entropy (BCE for one channel, CE over channels otherwise). */
	public NDArray crossEntropy(final NDArray probabilities, final NDArray mask,
		final NDArray target)
	{
		return Losses.crossEntropyOfProbabilities(probabilities, mask, target);
	}

	/**
	 * Hard Dice at 0.5 (binary) or of the arg-max foreground (softmax), over labelled voxels; 1 when
	 * prediction and truth are both empty. A validation metric, not differentiable.
	 */
	public NDArray hardDice(final NDArray probabilities, final NDArray mask, final NDArray target) {
		final NDArray pred, truth;
		if (classes == 1) {
			pred = probabilities.gt(0.5f).toType(DataType.FLOAT32, false).mul(mask);
			truth = target;
		}
		else {
			pred = probabilities.argMax(1).expandDims(1).gt(0).toType(DataType.FLOAT32, false).mul(
				mask);
			truth = target.get(":, 1:").sum(new int[] { 1 }, true).mul(mask);
		}
		final NDArray inter = pred.mul(truth).sum().mul(2);
		final NDArray denom = pred.sum().add(truth.sum());
		// (2|A and B| + e) / (|A| + |B| + e) with e tiny: 1 for two empty masks, exact otherwise
		final float e = 1e-7f;
		return inter.add(e).div(denom.add(e));
	}
}
