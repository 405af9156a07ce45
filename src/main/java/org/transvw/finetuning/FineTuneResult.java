package org.transvw.finetuning;

import java.nio.file.Path;

import org.transvw.evaluation.SegmentationReport;
import org.transvw.network.TransferReport;
import org.transvw.training.TrainingResult;

/**
 * What a segmentation fine-tuning run produced.
 *
 * @param training how the loop ended (epochs, best epoch, per-epoch metrics)
 * @param validation Dice / IoU of the best weights on the whole validation volumes, per case and
 *          pooled
 * @param transfer which pre-trained weights were copied (null when trained from scratch)
 * @param bundle the saved bundle folder, or null
 */
public record FineTuneResult(TrainingResult training, SegmentationReport validation,
	TransferReport transfer, Path bundle)
{}
