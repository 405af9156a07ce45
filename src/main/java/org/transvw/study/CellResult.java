package org.transvw.study;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.transvw.common.Checks;
import org.transvw.training.EpochMetrics;
import org.transvw.training.TrainingResult;

/**
 * What one cell produced: its test scores (the study's figures), the validation curve and how
 * training ended.
 *
 * @param key the cell key: the study settings this result belongs to ({@link AnnotationStudy#key})
 * @param arm the initialisation's name
 * @param fraction percent of the training cases labelled
 * @param seedIndex the repetition
 * @param trainingSeed the fine-tuning's seed
 * @param trainingCases labelled training cases (segmentation) or cubes (classification) used
 * @param testPrimary the task's primary figure ({@link StudyTask}) of the best weights on the
 *          held-out test set: pooled Dice (segmentation), ROC AUC (classification)
 * @param testSecondary the secondary figure there: pooled IoU, accuracy
 * @param validationPrimary the primary figure on the validation set (the early-stopping set)
 * @param lastEpoch the last completed epoch
 * @param bestEpoch the epoch of the lowest validation loss (the weights scored)
 * @param stopReason why training stopped
 * @param seconds wall time of the cell
 * @param curve the validation curve, one point per epoch
 * @param testScores the per-case test scores as CSV lines (header first)
 */
public record CellResult(String key, String arm, double fraction, int seedIndex,
	long trainingSeed, int trainingCases, double testPrimary, double testSecondary, double validationPrimary,
	int lastEpoch, int bestEpoch, String stopReason, double seconds, List<Epoch> curve,
	List<String> testScores)
{

	/**
	 * One epoch of the validation curve.
	 *
	 * @param trainLoss the training loss (weighted total)
	 * @param validationLoss the validation loss (weighted total; early stopping watches it)
	 * @param validationScore the task's per-epoch validation figure ({@link StudyTask#curve}):
	 *          hard Dice at 0.5 on the validation patches, or accuracy on the validation cubes
	 *          (NaN when not recorded)
	 */
	public record Epoch(int epoch, double trainLoss, double validationLoss,
		double validationScore) {}

	/**
	 * The validation curve of a training run: per epoch the training and validation totals and
	 * {@code score} of the epoch's metrics.
	 */
	public static List<Epoch> curve(final TrainingResult training,
		final ToDoubleFunction<EpochMetrics> score)
	{
		final List<Epoch> out = new ArrayList<>();
		for (final EpochMetrics e : training.history())
			out.add(new Epoch(e.epoch(), e.train().getOrDefault(EpochMetrics.TOTAL, Double.NaN), e
				.validation().getOrDefault(EpochMetrics.TOTAL, Double.NaN), score.applyAsDouble(e)));
		return out;
	}

	public CellResult {
		Checks.notNull(key, "key");
		Checks.notNull(arm, "arm");
		curve = List.copyOf(curve);
		testScores = List.copyOf(testScores);
	}
}
