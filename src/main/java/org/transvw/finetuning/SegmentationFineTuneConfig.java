package org.transvw.finetuning;

import java.nio.file.Path;

import org.transvw.common.Checks;
import org.transvw.training.LrSchedule;

/**
 * Everything a segmentation fine-tuning run needs besides the data, with the Models Genesis /
 * TransVW downstream defaults (method.md §6): Adam 1e-3, ReduceLROnPlateau x0.5 after 6 stale
 * epochs (min 1e-6), patch 64x64x32, Dice loss with smooth 1. Build with {@link #builder(int[])}.
 *
 * @param patch training patch (x, y, z); multiples of the network's required multiple (8)
 * @param classes 1 = binary (sigmoid output), >= 2 = softmax over classes incl. background 0
 * @param batchSize patches per step
 * @param epochs maximum epochs
 * @param samplesPerEpoch training patches per epoch
 * @param validationSamples validation patches per epoch (fixed across epochs)
 * @param learningRate Adam's initial rate
 * @param patience early stopping on the mean validation loss, epochs
 * @param schedule learning-rate schedule
 * @param crossEntropyWeight weight of BCE/CE next to the Dice loss (0 = Dice only)
 * @param foregroundFraction fraction of patches centred on foreground (nnU-Net: 1/3)
 * @param augmentation training augmentation
 * @param fraction fraction of the training cases used, (0, 1] (annotation-efficiency runs)
 * @param freezeEncoder train the decoder and output layer only
 * @param baseWidth width of a network trained from scratch (ignored with a pre-trained bundle)
 * @param seed run seed (initialisation, case subset, patches, augmentation)
 * @param checkpointDir where checkpoints and metrics.csv go; null = a temporary folder
 */
public record SegmentationFineTuneConfig(int[] patch, int classes, int batchSize, int epochs,
	int samplesPerEpoch, int validationSamples, double learningRate, int patience,
	LrSchedule schedule, double crossEntropyWeight, double foregroundFraction,
	Augmentation augmentation, double fraction, boolean freezeEncoder, int baseWidth, long seed,
	Path checkpointDir)
{

	public SegmentationFineTuneConfig {
		Checks.require(patch != null && patch.length == 3, "patch", "3 sizes (x, y, z)");
		for (final int p : patch)
			Checks.require(p > 0 && p % 8 == 0, "patch", "positive multiples of 8, got " + p);
		patch = patch.clone();
		Checks.inRange(classes, 1, 255, "classes");
		Checks.positive(batchSize, "batch");
		Checks.positive(epochs, "epochs");
		Checks.positive(samplesPerEpoch, "samples per epoch");
		Checks.positive(validationSamples, "validation samples");
		Checks.require(learningRate > 0 && learningRate < 10, "lr", "a rate in (0, 10), got " +
			learningRate);
		Checks.positive(patience, "patience");
		Checks.notNull(schedule, "schedule");
		Checks.inRange(crossEntropyWeight, 0, 100, "cross-entropy weight");
		Checks.inRange(foregroundFraction, 0, 1, "foreground fraction");
		Checks.notNull(augmentation, "augmentation");
		Checks.require(fraction > 0 && fraction <= 1, "fraction", "a fraction in (0, 1], got " +
			fraction);
		Checks.inRange(baseWidth, 1, 256, "base width");
	}

	@Override
	public int[] patch() {
		return patch.clone();
	}

	/** A builder starting from the reference defaults for {@code patch}. */
	public static Builder builder(final int[] patch) {
		return new Builder(patch);
	}

	/** Mutable builder; {@link #build()} validates. */
	public static final class Builder {

		private final int[] patch;
		private int classes = 1, batchSize = 2, epochs = 100, samplesPerEpoch = 64,
				validationSamples = 16, patience = 20, baseWidth = 32;
		private double learningRate = 1e-3, crossEntropyWeight = 0, foregroundFraction = 1.0 / 3,
				fraction = 1;
		private LrSchedule schedule = new LrSchedule.Plateau(6, 0.5, 1e-4, 1e-6);
		private Augmentation augmentation = Augmentation.defaults();
		private boolean freezeEncoder;
		private long seed = 1;
		private Path checkpointDir;

		private Builder(final int[] patch) {
			this.patch = patch.clone();
		}

		public Builder classes(final int v) { classes = v; return this; }
		public Builder batchSize(final int v) { batchSize = v; return this; }
		public Builder epochs(final int v) { epochs = v; return this; }
		public Builder samplesPerEpoch(final int v) { samplesPerEpoch = v; return this; }
		public Builder validationSamples(final int v) { validationSamples = v; return this; }
		public Builder learningRate(final double v) { learningRate = v; return this; }
		public Builder patience(final int v) { patience = v; return this; }
		public Builder schedule(final LrSchedule v) { schedule = v; return this; }
		public Builder crossEntropyWeight(final double v) { crossEntropyWeight = v; return this; }
		public Builder foregroundFraction(final double v) { foregroundFraction = v; return this; }
		public Builder augmentation(final Augmentation v) { augmentation = v; return this; }
		public Builder fraction(final double v) { fraction = v; return this; }
		public Builder freezeEncoder(final boolean v) { freezeEncoder = v; return this; }
		public Builder baseWidth(final int v) { baseWidth = v; return this; }
		public Builder seed(final long v) { seed = v; return this; }
		public Builder checkpointDir(final Path v) { checkpointDir = v; return this; }

		public SegmentationFineTuneConfig build() {
			return new SegmentationFineTuneConfig(patch, classes, batchSize, epochs, samplesPerEpoch,
				validationSamples, learningRate, patience, schedule, crossEntropyWeight,
				foregroundFraction, augmentation, fraction, freezeEncoder, baseWidth, seed,
				checkpointDir);
		}
	}
}
