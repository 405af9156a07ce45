package org.transvw.finetuning;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.training.LrSchedule;
import org.transvw.training.TrainingSettings;
import org.transvw.network.NetworkChoice;
import org.transvw.network.UNet3d;

/**
 * Settings of a classification fine-tuning run (method.md §6, NCC/ECC defaults: cube
 * 64x64x32, and {@link #defaultTraining()}: Adam 1e-3, ReduceLROnPlateau x0.5 after 6 stale
 * epochs, batch 8, up to 100 epochs, early stopping patience 10, seed 1).
 *
 * @param cube cube size (x, y, z) for volumes, multiples of 8; or (x, y) for 2D images,
 *          multiples of the 2D network's multiple (8 for unet2d, 32 for resnet18-unet)
 * @param classes 2 = binary (one sigmoid logit, BCE); >= 3 = softmax over classes (CE)
 * @param linear linear evaluation: the encoder is frozen (and runs in inference mode), only the
 *          new layer trains
 * @param flip augment training cubes by random flips of x, y, z
 * @param baseWidth width of a network trained from scratch
 * @param checkpointDir checkpoints and metrics.csv (a rerun resumes there); null = a temporary
 *          folder
 * @param training optimiser, epochs, batch (cubes per step), schedule, seed, checkpoints
 * @param network the network trained from scratch ({@code network=}, resolved for the cube's
 *          dimensionality: auto is the 3D U-Net for 3 sizes, the ResNet-18 U-Net for 2); a
 *          pre-trained bundle's network wins
 */
public record ClassificationFineTuneConfig(int[] cube, int classes, boolean linear,
	boolean flip, int baseWidth, Path checkpointDir, TrainingSettings training,
	NetworkChoice network)
{

	public ClassificationFineTuneConfig {
		Checks.require(cube != null && (cube.length == 3 || cube.length == 2), "cube",
			"3 sizes (x, y, z) for volumes or 2 (x, y) for 2D images");
		network = Checks.notNull(network, "network").resolve(cube.length);
		if (cube.length == 3) UNet3d.requireInputSizes("cube", cube);
		else network.requireInputSizes("cube", cube);
		cube = cube.clone();
		Checks.inRange(classes, 2, 10_000, "classes");
		Checks.inRange(baseWidth, 1, 256, "base width");
		Checks.notNull(training, "training");
	}

	/** A run on cubes of {@code cube.length} dimensions with the default network (auto). */
	public ClassificationFineTuneConfig(final int[] cube, final int classes, final boolean linear,
		final boolean flip, final int baseWidth, final Path checkpointDir,
		final TrainingSettings training)
	{
		this(cube, classes, linear, flip, baseWidth, checkpointDir, training, NetworkChoice.AUTO);
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
			baseWidth, checkpointDir, training, network);
	}

	public ClassificationFineTuneConfig withTraining(final TrainingSettings t) {
		return new ClassificationFineTuneConfig(cube, classes, linear, flip, baseWidth,
			checkpointDir, t, network);
	}

	/** The same run with {@code n} trained from scratch. */
	public ClassificationFineTuneConfig withNetwork(final NetworkChoice n) {
		return new ClassificationFineTuneConfig(cube, classes, linear, flip, baseWidth,
			checkpointDir, training, n);
	}

	/** Spatial dimensions of the cubes and the network: 3 (volumes) or 2 (2D images). */
	public int dimensions() {
		return cube.length;
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
