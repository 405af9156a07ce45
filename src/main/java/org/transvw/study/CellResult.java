package org.transvw.study;

import java.util.List;

import org.transvw.common.Checks;

/**
 * What one cell produced: its test scores (the study's figures), the validation curve and how
 * training ended.
 *
 * @param key the cell key: the study settings this result belongs to ({@link AnnotationStudy#key})
 * @param arm the initialisation's name
 * @param fraction percent of the training cases labelled
 * @param seedIndex the repetition
 * @param trainingSeed the fine-tuning's seed
 * @param trainingCases labelled training cases used
 * @param testDice pooled Dice of the best weights on the held-out test cases
 * @param testIou pooled IoU there
 * @param validationDice pooled Dice on the validation cases (the early-stopping set)
 * @param lastEpoch the last completed epoch
 * @param bestEpoch the epoch of the lowest validation loss (the weights scored)
 * @param stopReason why training stopped
 * @param seconds wall time of the cell
 * @param curve the validation curve, one point per epoch
 * @param testScores the per-case test scores as CSV lines (header first)
 */
public record CellResult(String key, String arm, double fraction, int seedIndex,
	long trainingSeed, int trainingCases, double testDice, double testIou, double validationDice,
	int lastEpoch, int bestEpoch, String stopReason, double seconds, List<Epoch> curve,
	List<String> testScores)
{

	/**
	 * One epoch of the validation curve.
	 *
	 * @param trainLoss the training loss (weighted total)
	 * @param validationLoss the validation loss (weighted total; early stopping watches it)
	 * @param validationDice the hard Dice at 0.5 on the validation patches (NaN when not recorded)
	 */
	public record Epoch(int epoch, double trainLoss, double validationLoss,
		double validationDice) {}

	public CellResult {
		Checks.notNull(key, "key");
		Checks.notNull(arm, "arm");
		curve = List.copyOf(curve);
		testScores = List.copyOf(testScores);
	}
}
