package org.transvw.finetuning;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.training.LrSchedule;
import org.transvw.training.TrainingSettings;
import org.transvw.network.NetworkChoice;
import org.transvw.network.ResNet18UNet2d;
import org.transvw.network.UNet2d;
import org.transvw.network.UNet3d;

/**
 * Everything a segmentation fine-tuning run needs besides the data, with the Models Genesis /
 * TransVW downstream defaults (method.md §6): patch 64x64x32, Dice loss with smooth 1, and
 * {@link #defaultTraining()} (Adam 1e-3, ReduceLROnPlateau x0.5 after 6 stale epochs (min 1e-6),
 * batch 2, up to 100 epochs, patience 20, seed 1). Build with {@link #builder(int[])}.
 *
 * @param patch training patch (x, y, z); multiples of the network's required multiple (8)
 * @param classes 1 = binary (sigmoid output), >= 2 = softmax over classes incl. background 0
 * @param samplesPerEpoch training patches per epoch
 * @param validationSamples validation patches per epoch (fixed across epochs)
 * @param crossEntropyWeight weight of BCE/CE next to the Dice loss (0 = Dice only)
 * @param foregroundFraction fraction of patches centred on foreground (nnU-Net: 1/3)
 * @param augmentation training augmentation
 * @param fraction fraction of the training cases used, (0, 1] (annotation-efficiency runs)
 * @param freezeEncoder train the decoder and output layer only (the frozen encoder runs in
 *          inference mode: its batch normalisation neither uses nor updates batch statistics)
 * @param baseWidth width of a network trained from scratch (ignored with a pre-trained bundle)
 * @param checkpointDir where checkpoints and metrics.csv go (a rerun resumes there); null = a
 *          temporary folder
 * @param training optimiser, epochs, batch (patches per step), schedule, seed (initialisation,
 *          case subset, patches, augmentation), checkpoints
 * @param network the network trained from scratch ({@code network=}; auto: the 3D U-Net for a 3D
 *          patch, the ResNet-18 U-Net for a 2D one); a pre-trained bundle's network wins
 */
public record SegmentationFineTuneConfig(int[] patch, int classes, int samplesPerEpoch,
	int validationSamples, double crossEntropyWeight, double foregroundFraction,
	Augmentation augmentation, double fraction, boolean freezeEncoder, int baseWidth,
	Path checkpointDir, TrainingSettings training, NetworkChoice network)
{

	public SegmentationFineTuneConfig {
		Checks.require(patch != null && (patch.length == 3 || patch.length == 2), "patch",
			"3 sizes (x, y, z) for volumes or 2 (x, y) for 2D images");
		network = Checks.notNull(network, "network").resolve(patch.length);
		if (patch.length == 3) UNet3d.requireInputSizes("patch", patch);
		else requireMultiples(patch, network == NetworkChoice.UNET2D ? UNet2d.REQUIRED_MULTIPLE
			: ResNet18UNet2d.REQUIRED_MULTIPLE, network);
		patch = patch.clone();
		Checks.inRange(classes, 1, 255, "classes");
		Checks.positive(samplesPerEpoch, "samples per epoch");
		Checks.positive(validationSamples, "validation samples");
		Checks.inRange(crossEntropyWeight, 0, 100, "cross-entropy weight");
		Checks.inRange(foregroundFraction, 0, 1, "foreground fraction");
		Checks.notNull(augmentation, "augmentation");
		Checks.require(fraction > 0 && fraction <= 1, "fraction", "a fraction in (0, 1], got " +
			fraction);
		Checks.inRange(baseWidth, 1, 256, "base width");
		Checks.notNull(training, "training");
	}

	/** The downstream reference: Adam 1e-3, plateau(6), batch 2, 100 epochs, patience 20. */
	public static TrainingSettings defaultTraining() {
		return TrainingSettings.defaults().withMaxEpochs(100).withBatch(2).withPatience(20)
			.withSchedule(new LrSchedule.Plateau(6, 0.5, 1e-4, 1e-6));
	}

	@Override
	public int[] patch() {
		return patch.clone();
	}

	private static void requireMultiples(final int[] patch, final int multiple,
		final NetworkChoice network)
	{
		for (final int p : patch)
			Checks.require(p > 0 && p % multiple == 0, "patch", "positive multiples of " + multiple +
				" for " + network.key() + ", got " + Arrays.toString(patch));
	}

	/** Spatial dimensions of the patches and the network: 2 or 3. */
	public int dimensions() {
		return patch.length;
	}

	/** What besides {@link #training()} and the data determines the weights, JSON-friendly. */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("patch", Arrays.stream(patch).boxed().toList());
		m.put("classes", classes);
		m.put("samplesPerEpoch", samplesPerEpoch);
		m.put("validationSamples", validationSamples);
		m.put("crossEntropyWeight", crossEntropyWeight);
		m.put("foregroundFraction", foregroundFraction);
		final Map<String, Object> a = new LinkedHashMap<>();
		a.put("flip", augmentation.flip());
		a.put("rotate", augmentation.rotate());
		a.put("noiseProbability", augmentation.noiseProbability());
		a.put("noiseVariance", augmentation.noiseVariance());
		a.put("elasticProbability", augmentation.elasticProbability());
		m.put("augmentation", a);
		m.put("fraction", fraction);
		m.put("freezeEncoder", freezeEncoder);
		m.put("baseWidth", baseWidth);
		return m;
	}

	/** A builder starting from the reference defaults for {@code patch}. */
	public static Builder builder(final int[] patch) {
		return new Builder(patch);
	}

	/** Mutable builder; {@link #build()} validates. */
	public static final class Builder {

		private final int[] patch;
		private int classes = 1, samplesPerEpoch = 64, validationSamples = 16, baseWidth = 32;
		private double crossEntropyWeight = 0, foregroundFraction = 1.0 / 3, fraction = 1;
		private Augmentation augmentation = Augmentation.defaults();
		private boolean freezeEncoder;
		private Path checkpointDir;
		private TrainingSettings training = defaultTraining();
		private NetworkChoice network = NetworkChoice.AUTO;

		private Builder(final int[] patch) {
			this.patch = patch.clone();
		}

		public Builder classes(final int v) { classes = v; return this; }
		public Builder samplesPerEpoch(final int v) { samplesPerEpoch = v; return this; }
		public Builder validationSamples(final int v) { validationSamples = v; return this; }
		public Builder crossEntropyWeight(final double v) { crossEntropyWeight = v; return this; }
		public Builder foregroundFraction(final double v) { foregroundFraction = v; return this; }
		public Builder augmentation(final Augmentation v) { augmentation = v; return this; }
		public Builder fraction(final double v) { fraction = v; return this; }
		public Builder freezeEncoder(final boolean v) { freezeEncoder = v; return this; }
		public Builder baseWidth(final int v) { baseWidth = v; return this; }
		public Builder checkpointDir(final Path v) { checkpointDir = v; return this; }
		public Builder training(final TrainingSettings v) { training = v; return this; }
		public Builder network(final NetworkChoice v) { network = v; return this; }

		public SegmentationFineTuneConfig build() {
			return new SegmentationFineTuneConfig(patch, classes, samplesPerEpoch,
				validationSamples, crossEntropyWeight, foregroundFraction, augmentation, fraction,
				freezeEncoder, baseWidth, checkpointDir, training, network);
		}
	}
}
