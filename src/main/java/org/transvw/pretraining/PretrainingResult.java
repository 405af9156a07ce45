package org.transvw.pretraining;

import java.nio.file.Path;

import org.transvw.training.TrainingResult;

/**
 * The outcome of {@link Pretrainer#run}: the bundle written, the training folder (checkpoints
 * and {@code metrics.csv}, kept for resuming or inspection) and the loop's result.
 */
public record PretrainingResult(Path bundle, Path trainingDir, TrainingResult training) {}
