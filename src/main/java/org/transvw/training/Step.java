package org.transvw.training;

import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * The forward pass and loss of one batch, written by each task (pre-training's joint loss,
 * fine-tuning's Dice, the feature extractor's MSE). The loop wraps it in a gradient collector
 * when {@code training}, takes {@link StepResult#total()} backwards and updates the parameters.
 * <p>
 * Trap: every array the step creates must come from ops on the batch's arrays (which live in the
 * per-batch manager), never from ops whose receiver is a parameter (e.g.
 * {@code parameter.reshape(...)} lands in the model's manager and leaks every step).
 */
@FunctionalInterface
public interface Step {

	StepResult compute(Block block, ParameterStore parameters, TrainingBatch batch,
		boolean training);
}
