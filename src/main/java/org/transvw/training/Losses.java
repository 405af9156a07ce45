package org.transvw.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Every loss of the project, written once: pre-training's restoration MSE and visual-word
 * cross-entropy ({@code pretraining.JointLoss}), the auto-encoder's MSE (self-discovery),
 * classification fine-tuning's BCE / CE on logits and segmentation fine-tuning's Dice and
 * masked BCE / CE on probabilities ({@code finetuning.SegmentationLoss}); method.md §§2.2, 5, 6.
 * Each returns a scalar whose arrays belong to the inputs' manager (call it on a batch's arrays).
 */
public final class Losses {

	/** Probabilities are clipped to [EPS, 1 - EPS] before the logarithm. */
	public static final float EPS = 1e-6f;
	/** The reference's Dice smoothing term. */
	public static final float SMOOTH = 1;

	private Losses() {}

	/** Mean squared error over every element (PyTorch {@code MSELoss}; DJL's L2Loss is half of it). */
	public static NDArray mse(final NDArray prediction, final NDArray target) {
		return prediction.sub(target).square().mean();
	}

	/**
	 * Mean over the batch of {@code -log softmax(logits)[label]}: logits (N, K), labels N class
	 * indices of any numeric type, shaped (N) or (N, 1). Equals the reference's NLL of
	 * log(softmax).
	 */
	public static NDArray crossEntropy(final NDArray logits, final NDArray labels) {
		final NDArray logp = logits.logSoftmax(1);
		final NDArray onehot = indices(labels).oneHot((int) logits.getShape().get(1));
		return logp.mul(onehot).sum(new int[] { 1 }).neg().mean();
	}

	/**
	 * Mean binary cross-entropy of logits {@code z} against 0/1 targets {@code y} of the same
	 * shape, in the stable form {@code max(z, 0) - z y + log(1 + exp(-|z|))}.
	 */
	public static NDArray binaryCrossEntropyWithLogits(final NDArray z, final NDArray y) {
		return z.maximum(0).sub(z.mul(y)).add(z.abs().neg().exp().add(1).log()).mean();
	}

	/**
	 * Soft Dice loss with smooth 1 over every element of the batch, masked:
	 * {@code 1 - (2 sum(y p m) + 1) / (sum(y) + sum(p m) + 1)} (targets already masked).
	 */
	public static NDArray diceLoss(final NDArray probabilities, final NDArray mask,
		final NDArray target)
	{
		final NDArray p = probabilities.mul(mask);
		final NDArray inter = p.mul(target).sum();
		return inter.mul(2).add(SMOOTH).div(target.sum().add(p.sum()).add(SMOOTH)).neg().add(1);
	}

	/**
	 * Masked mean cross-entropy of probabilities: binary (one channel, target 0/1) or over the
	 * one-hot channels of axis 1; averaged over the voxels where {@code mask} is 1.
	 */
	public static NDArray crossEntropyOfProbabilities(final NDArray probabilities,
		final NDArray mask, final NDArray target)
	{
		final NDArray p = probabilities.clip(EPS, 1 - EPS);
		final NDArray perVoxel;
		if (probabilities.getShape().get(1) == 1) perVoxel = target.mul(p.log()).add(target.neg()
			.add(1).mul(p.neg().add(1).log())).neg();
		else perVoxel = target.mul(p.log()).sum(new int[] { 1 }, true).neg();
		return perVoxel.mul(mask).sum().div(mask.sum().maximum(1));
	}

	/** How many arg-max predictions of logits (N, K) equal the labels (N) or (N, 1). */
	public static long correct(final NDArray logits, final NDArray labels) {
		return logits.argMax(1).toType(DataType.INT32, false).eq(indices(labels)).toType(
			DataType.INT64, false).sum().getLong();
	}

	private static NDArray indices(final NDArray labels) {
		final NDArray l = labels.getShape().dimension() == 2 ? labels.squeeze(1) : labels;
		return l.toType(DataType.INT32, false);
	}
}
