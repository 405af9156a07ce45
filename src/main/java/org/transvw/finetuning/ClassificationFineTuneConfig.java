package org.transvw.finetuning;

import java.nio.file.Path;

import org.transvw.common.Checks;
import org.transvw.training.LrSchedule;

/**
 * Settings of a classification fine-tuning run (method.md §6, NCC/ECC defaults: Adam 1e-3,
 * ReduceLROnPlateau x0.5 after 6 stale epochs, early stopping; cube 64x64x32).
 *
 * @param cube cube size (x, y, z), multiples of 8
 * @param classes 2 = binary (one sigmoid logit, BCE); >= 3 = softmax over classes (CE)
 * @param batchSize cubes per step
 * @param epochs maximum epochs
 * @param learningRate Adam's initial rate
 * @param patience early stopping on the validation loss, epochs
 * @param schedule learning-rate schedule
 * @param linear linear evaluation: the encoder is frozen, only the new layer trains
 * @param flip augment training cubes by random flips of x, y, z
 * @param baseWidth width of a network trained from scratch
 * @param seed run seed
 * @param checkpointDir checkpoints and metrics.csv; null = a temporary folder
 */
public record ClassificationFineTuneConfig(int[] cube, int classes, int batchSize, int epochs,
	double learningRate, int patience, LrSchedule schedule, boolean linear, boolean flip,
	int baseWidth, long seed, Path checkpointDir)
{

	public ClassificationFineTuneConfig {
		Checks.require(cube != null && cube.length == 3, "cube", "3 sizes (x, y, z)");
		for (final int c : cube)
			Checks.require(c > 0 && c % 8 == 0, "cube", "positive multiples of 8, got " + c);
		cube = cube.clone();
		Checks.inRange(classes, 2, 10_000, "classes");
		Checks.positive(batchSize, "batch");
		Checks.positive(epochs, "epochs");
		Checks.require(learningRate > 0 && learningRate < 10, "lr", "a rate in (0, 10), got " +
			learningRate);
		Checks.positive(patience, "patience");
		Checks.notNull(schedule, "schedule");
		Checks.inRange(baseWidth, 1, 256, "base width");
	}

	/** Reference defaults for {@code cube}: binary, batch 8, 100 epochs, Adam 1e-3, patience 10. */
	public static ClassificationFineTuneConfig defaults(final int[] cube) {
		return new ClassificationFineTuneConfig(cube, 2, 8, 100, 1e-3, 10, new LrSchedule.Plateau(6,
			0.5, 1e-4, 1e-6), false, true, 32, 1, null);
	}

	@Override
	public int[] cube() {
		return cube.clone();
	}

	/** Outputs of the new layer: 1 logit for binary, else one per class. */
	public int outputs() {
		return classes == 2 ? 1 : classes;
	}
}
