package org.transvw.finetuning;

import java.nio.file.Path;
import java.util.Locale;

import org.transvw.evaluation.SegmentationReport;
import org.transvw.network.TransferReport;
import org.transvw.training.TrainingResult;

/**
 * What a segmentation fine-tuning run produced.
 *
 * @param training how the loop ended (epochs, best epoch, per-epoch metrics)
 * @param validation Dice / IoU of the best weights on the whole validation volumes, per case and
 *          pooled: the early-stopping set, so an optimistic figure
 * @param test Dice / IoU of the best weights on the held-out test volumes, or null without a
 *          test set: the figure to report
 * @param transfer which pre-trained weights were copied (null when trained from scratch)
 * @param bundle the saved bundle folder, or null
 */
public record FineTuneResult(TrainingResult training, SegmentationReport validation,
	SegmentationReport test, TransferReport transfer, Path bundle)
{

	/**
	 * Which set each figure comes from, e.g. "validation (early stopping) Dice 0.8100 on 2
	 * volumes; test Dice 0.7700 on 3 held-out volumes".
	 */
	public String summary() {
		final String v = String.format(Locale.ROOT, "validation (early stopping) Dice %.4f on %s",
			validation.pooled().dice(), volumes(validation.cases().size(), ""));
		if (test == null) return v + "; no held-out test set (give test images, or test= a " +
			"fraction, for a figure that early stopping never saw)";
		return v + String.format(Locale.ROOT, "; test Dice %.4f on %s", test.pooled().dice(),
			volumes(test.cases().size(), "held-out "));
	}

	private static String volumes(final int n, final String kind) {
		return n + " " + kind + (n == 1 ? "volume" : "volumes");
	}
}
