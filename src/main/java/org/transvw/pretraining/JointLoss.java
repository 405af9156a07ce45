package org.transvw.pretraining;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.training.LossTerm;
import org.transvw.training.Losses;
import org.transvw.training.StepResult;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The pre-training loss of every {@link PretextMode}, composed of named, weighted terms
 * (STYLE.md example 13):
 * <ul>
 * <li>{@code rec}: mean squared error between the restored cube and the original, over all
 * voxels and the batch ({@link Losses#mse}). Weight lambda_rec (1).</li>
 * <li>{@code cls}: categorical cross-entropy of the visual-word logits
 * ({@link Losses#crossEntropy}). Weight lambda_cls (0.01).</li>
 * <li>{@code pretext}: cross-entropy of the policy's pretext class (rotation), weight
 * lambda_pretext (1).</li>
 * </ul>
 * When both classifications are on, the network has one head with {@code C + R} logits: the
 * first C are the visual words, the last R the pretext classes, each with its own softmax (two
 * linear layers sharing the head's conv + GAP trunk).
 * <p>
 * Network outputs: {@code (restored (N,1,X,Y,Z)[, logits (N, C [+ R])])}. Labels:
 * {@code (original (N,1,X,Y,Z), visualWord (N) int32, pretextClass (N) int32)}.
 * Accuracy is that of the visual-word classification (else of the pretext classification).
 */
public record JointLoss(double lambdaRec, double lambdaCls, double lambdaPretext,
	int numClasses, int numPretextClasses)
{

	public JointLoss {
		Checks.require(lambdaRec >= 0 && lambdaCls >= 0 && lambdaPretext >= 0, "lambda",
			"weights >= 0");
		Checks.require(numClasses >= 0 && numPretextClasses >= 0, "classes", "counts >= 0");
		Checks.require(lambdaCls == 0 || numClasses > 0, "lambdaCls",
			"0 when there are no visual-word classes");
		Checks.require(lambdaPretext == 0 || numPretextClasses > 0, "lambdaPretext",
			"0 when the policy has no pretext classes");
		Checks.require(lambdaRec + lambdaCls + lambdaPretext > 0, "lambda",
			"at least one non-zero weight");
	}

	/** The loss of {@code mode}: weights of terms the mode does not use are 0. */
	public static JointLoss of(final PretextMode mode, final double lambdaRec,
		final double lambdaCls, final double lambdaPretext, final int numClasses,
		final int numPretextClasses)
	{
		return new JointLoss(mode.restores() ? lambdaRec : 0, mode.classifiesVisualWords()
			? lambdaCls : 0, mode.classifiesPretext() ? lambdaPretext : 0, mode
				.classifiesVisualWords() ? numClasses : 0, mode.classifiesPretext()
					? numPretextClasses : 0);
	}

	/** Logits of the head: C + R, or 0 when no classification term is on. */
	public int headClasses() {
		return numClasses + numPretextClasses;
	}

	/** The terms of one batch. Terms with weight 0 are left out (the head may not exist). */
	public StepResult terms(final NDList outputs, final NDList labels) {
		final List<LossTerm> terms = new ArrayList<>();
		long correct = 0, counted = 0;
		if (lambdaRec > 0) terms.add(new LossTerm("rec", lambdaRec, Losses.mse(outputs.get(0),
			labels.get(0))));
		if (numClasses > 0) {
			final NDArray logits = slice(outputs.get(1), 0, numClasses);
			terms.add(new LossTerm("cls", lambdaCls, Losses.crossEntropy(logits, labels.get(
				1))));
			correct = Losses.correct(logits, labels.get(1));
			counted = labels.get(1).size();
		}
		if (numPretextClasses > 0) {
			final NDArray logits = slice(outputs.get(1), numClasses, numClasses + numPretextClasses);
			terms.add(new LossTerm("pretext", lambdaPretext, Losses.crossEntropy(logits,
				labels.get(2))));
			if (counted == 0) {
				correct = Losses.correct(logits, labels.get(2));
				counted = labels.get(2).size();
			}
		}
		return new StepResult(terms, correct, counted);
	}

	private static NDArray slice(final NDArray logits, final int from, final int to) {
		return from == 0 && to == logits.getShape().get(1) ? logits : logits.get(":, " + from +
			":" + to);
	}
}
