/**
 * Fine-tuning, the transfer stage of TransVW (paper section IV; method.md §6): a pre-trained
 * (or randomly initialised, through the same code) 3D U-Net adapted to a target segmentation task
 * ({@link org.transvw.finetuning.SegmentationFineTuner}: new 1x1x1 output, masked Dice + BCE/CE,
 * foreground-oversampled augmented patches, sparse labels) or classification task
 * ({@link org.transvw.finetuning.ClassificationFineTuner}: encoder + GAP + new linear layer),
 * each one {@link org.transvw.training.TrainingRun} with the settings its config contains.
 * <p>
 * Core package: may import {@code common}, {@code data}, {@code perturbation} (elastic
 * deformation), {@code network}, {@code engine}, {@code training}, {@code inference},
 * {@code evaluation}, ImgLib2 and DJL; never ImageJ, AWT/Swing, SciJava UI/commands or the
 * adapters.
 */
package org.transvw.finetuning;
