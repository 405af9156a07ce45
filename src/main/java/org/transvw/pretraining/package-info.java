/**
 * Pre-training, the second stage of TransVW (paper section III-B, Fig. 3; method.md §§3.1,
 * 5, 9 and 11 "Training"): self-classification of visual words + self-restoration of perturbed
 * cubes, the ablations and the add-on modes ({@link org.transvw.pretraining.PretextMode}), one
 * {@link org.transvw.pretraining.JointLoss}, a streaming and perturbing data pipeline
 * ({@link org.transvw.pretraining.PretextData}) and the {@link org.transvw.pretraining.Pretrainer}
 * that writes a model bundle.
 * <p>
 * Core package: may import {@code common}, {@code data}, {@code discovery.dataset},
 * {@code perturbation}, {@code network}, {@code engine}, {@code training} and DJL; never ImageJ,
 * AWT/Swing, SciJava UI/commands or the adapters.
 */
package org.transvw.pretraining;
