package org.transvw.perturbation.policy;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One training sample of self-restoration: the perturbed {@code input} g(x), the restoration
 * {@code target} (the unperturbed original x, after any augmentation applied to both) and the
 * pretext class of the policy ({@link #NO_LABEL} when the policy has none). Input and target
 * never share pixels.
 */
public record PerturbedSample(Img<FloatType> input, Img<FloatType> target, int pretextLabel) {

	/** The pretext label of policies without a pretext classification task. */
	public static final int NO_LABEL = -1;
}
