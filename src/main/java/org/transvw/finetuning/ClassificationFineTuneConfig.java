package org.transvw.finetuning;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.training.LrSchedule;
import org.transvw.training.TrainingSettings;
import org.transvw.network.UNet3d;

/**
 * Settings of a classification fine-tuning run (method.md §6, NCC/ECC defaults: cube
 * 64x64x32, and {@link #defaultTraining()}: Adam 1e-3, ReduceLROnPlateau x0.5 after 6 stale
 * epochs, batch 8, up to 100 epochs, early stopping patience 10, seed 1).
 *
 * @param cube cube size (x, y, z), multiples of 8
 * @param classes 2 = binary (one sigmoid logit, BCE); >= 3 = softmax over classes (CE)
 * @param linear linear evaluation: the encoder is frozen (and runs in inference mode), only the
 *          new layer trains
 * @param flip augment training cubes by random flips of x, y, z
 * @param baseWidth width of a network trained from scratch
 * @param checkpointDir checkpoints and metrics.csv (a rerun resumes there); null = a temporary
 *          folder
 * @param training optimiser, epochs, batch (cubes per step), schedule, seed, checkpoints
 */
public record ClassificationFineTuneConfig(int[] cube, int classes, boolean linear,
	boolean flip, int baseWidth, Path checkpointDir, TrainingSettings training)
{

	public ClassificationFineTuneConfig {
		Checks.require(cube != null && cube.length == 3, "cube", "3 sizes (x, y, z)");
		UNet3d.requireInputSizes("cube", cube);
		cube = cube.clone();
		Checks.inRange(classes, 2, 10_000, "classes");
		Checks.inRange(baseWidth, 1, 256, "base width");
		Checks.notNull(training, "training");
	}

	/** The NCC/ECC reference: Adam 1e-3, plateau(6), batch 8, 100 epochs, patience 10. */
	public static TrainingSettings defaultTraining() {
		return TrainingSettings.defaults().withMaxEpochs(100).withPatience(10).withSchedule(
			new LrSchedule.Plateau(6, 0.5, 1e-4, 1e-6));
	}

	/** Reference defaults for {@code cube}: binary, flips, width 32, {@link #defaultTraining()}. */
	public static ClassificationFineTuneConfig defaults(final int[] cube) {
		return new ClassificationFineTuneConfig(cube, 2, false, true, 32, null, defaultTraining());
	}

	public ClassificationFineTuneConfig withTask(final int numClasses,
		final boolean linearEvaluation)
	{
		return new ClassificationFineTuneConfig(cube, numClasses, linearEvaluation, flip,
			baseWidth, checkpointDir, training);
	}

	public ClassificationFineTuneConfig withTraining(final TrainingSettings t) {
		return new ClassificationFineTuneConfig(cube, classes, linear, flip, baseWidth,
			checkpointDir, t);
	}

	@Override
	public int[] cube() {
		return cube.clone();
	}

	/** Outputs of the new layer: 1 logit for binary, else one per class. */
	public int outputs() {
		return classes == 2 ? 1 : classes;
	}

	/** What besides {@link #training()} and the data determines the weights, JSON-friendly. */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("cube", Arrays.stream(cube).boxed().toList());
		m.put("classes", classes);
		m.put("linear", linear);
		m.put("flip", flip);
		m.put("baseWidth", baseWidth);
		return m;
	}
}
