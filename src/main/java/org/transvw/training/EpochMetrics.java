package org.transvw.training;

import java.util.Map;

/**
 * The numbers of one finished epoch, as written to {@code metrics.csv}.
 *
 * @param epoch 1-based epoch
 * @param learningRate the rate used during this epoch
 * @param train mean over the epoch's batches of each unweighted loss term, plus {@code total}
 *          (the weighted sum)
 * @param validation the same on the validation batches (empty without validation data)
 * @param trainAccuracy fraction correct, NaN when the step reports no accuracy
 * @param validationAccuracy fraction correct on validation, NaN when none
 * @param steps training steps in this epoch
 * @param seconds wall time of the epoch (training + validation)
 * @param dataWaitSeconds time the trainer waited for training batches
 */
public record EpochMetrics(int epoch, double learningRate, Map<String, Double> train,
	Map<String, Double> validation, double trainAccuracy, double validationAccuracy, int steps,
	double seconds, double dataWaitSeconds)
{

	/** Name of the weighted sum of all terms in {@link #train()} and {@link #validation()}. */
	public static final String TOTAL = "total";

	public EpochMetrics {
		train = Map.copyOf(train);
		validation = Map.copyOf(validation);
	}

	/** The loss early stopping and the plateau schedule watch: validation total, else train. */
	public double monitoredLoss() {
		return validation.isEmpty() ? train.get(TOTAL) : validation.get(TOTAL);
	}

	/** Fraction of the epoch's time spent waiting for training data. */
	public double dataWaitFraction() {
		return seconds > 0 ? dataWaitSeconds / seconds : 0;
	}
}
