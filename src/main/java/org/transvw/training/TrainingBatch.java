package org.transvw.training;

import org.transvw.common.Checks;

import ai.djl.ndarray.NDList;

/**
 * One batch handed to a {@link Step}: network inputs, labels (targets) and the number of samples.
 * Its arrays belong to the per-batch sub-manager the loop passed to
 * {@link BatchSource.Epoch#next(ai.djl.ndarray.NDManager)}; the loop closes that manager after
 * the step, so a step never needs to close them.
 */
public record TrainingBatch(NDList inputs, NDList labels, int size) {

	public TrainingBatch {
		Checks.notNull(inputs, "batch inputs");
		Checks.notNull(labels, "batch labels");
		Checks.positive(size, "batch size");
	}
}
