package org.transvw.command;

import java.io.File;

import org.scijava.plugin.Parameter;
import org.transvw.finetuning.SegmentationData;
import org.transvw.finetuning.SegmentationFineTuneConfig;
import org.transvw.network.NetworkChoice;
import org.transvw.training.TrainingSettings;

/**
 * The parameters of a segmentation fine-tuning, declared once for every command that
 * fine-tunes a segmentation U-Net (Fine-tune (segmentation), Annotation-efficiency study): the
 * labelled collection (images, labels; 255 = unlabelled), the optional held-out test collection
 * or test share, the validation share, patch, classes (counting background), samples, freeze,
 * crossentropy, overwrite, and the shared training block. SciJava finds the {@code @Parameter}
 * fields of superclasses, so both commands have the same keys with the same meaning;
 * {@code CommandCatalogTest} checks it.
 */
public abstract class SegmentationFineTuneParameters extends VolumeTrainingCommand {

	@Parameter(persist = false, label = "Images folder", style = "directory", required = false,
		description = "Folder of training volumes (NIfTI, TIFF or DICOM series)")
	private File images;

	@Parameter(persist = false, label = "Labels folder", style = "directory", required = false,
		description =
		"Label volumes with the images' file names: 0 background, 1..C-1 classes, 255 unlabelled")
	private File labels;

	@Parameter(label = SharedParameters.PATCH_LABEL, persist = false,
		description = SharedParameters.PATCH_DESCRIPTION)
	private String patch = "64,64,32";

	@Parameter(label = "Classes C counting background (2 = binary)", min = "2", max = "255",
		persist = false, description = "2: one sigmoid output (labels 0/1); C >= 3: softmax over " +
			"the classes 0..C-1")
	private int classes = 2;

	@Parameter(label = "Samples per epoch", min = "1", max = "1000000", persist = false,
		description = "Training patches drawn per epoch")
	private int samples = 64;

	@Parameter(label = SharedParameters.VALIDATION_LABEL, persist = false,
		description = SharedParameters.VALIDATION_DESCRIPTION + "; in (0, 1)")
	private double validation = 0.2;

	@Parameter(label = SharedParameters.TEST_LABEL, persist = false,
		description = SharedParameters.TEST_DESCRIPTION + " (ignored with testimages)")
	private double test = 0;

	@Parameter(persist = false, label = "Testimages: held-out test images folder (optional)",
		style = "directory", required = false, description = "Volumes scored once with the best " +
			"weights, never used for training or early stopping; with testlabels")
	private File testimages;

	@Parameter(persist = false, label = "Testlabels: labels of the test images (optional)",
		style = "directory", required = false, description = "Label volumes named like the test " +
			"images")
	private File testlabels;

	@Parameter(label = "Freeze the encoder", persist = false,
		description = "Train decoder and output layer only (needs a pre-trained bundle)")
	private boolean freeze;

	@Parameter(label = "Crossentropy weight (0 = Dice only)", persist = false,
		description = "Weight of BCE (binary) or CE (multi-class) added to the Dice loss")
	private double crossentropy;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	protected boolean overwrite;

	{
		batch = 2;
	}

	/** The labelled collection and the optional test collection; messages name the key. */
	protected final SegmentationData.Sources sources() {
		return new SegmentationData.Sources(Inputs.folder(images, "images", "a folder of volumes"),
			Inputs.folder(labels, "labels", "a folder of label volumes"), Inputs.optional(
				testimages), Inputs.optional(testlabels));
	}

	/** The validation and test shares with the run's seed. */
	protected final SegmentationData.Split split() {
		return new SegmentationData.Split(validation, test, seed);
	}

	/** The patch as given, e.g. "64,64,32" (for messages). */
	protected final String patchText() {
		return patch;
	}

	/** Whether to freeze the encoder of a pre-trained bundle. */
	protected final boolean freeze() {
		return freeze;
	}

	/** The classes counting background, as given (2 = binary). */
	protected final int classes() {
		return classes;
	}

	/**
	 * The parameters as the fine-tuner's config with {@code fraction} of the training cases and
	 * {@code network} (resolved: not auto); classes counts background (the trainer's 1 = binary).
	 */
	protected final SegmentationFineTuneConfig config(final double fraction,
		final NetworkChoice network)
	{
		final TrainingSettings training = training(SegmentationFineTuneConfig.defaultTraining());
		return SegmentationFineTuneConfig.builder(Patches.parse(patch, network)).network(network)
			.classes(Bundles.segmentationOutputs(classes)).samplesPerEpoch(samples).fraction(fraction)
			.freezeEncoder(freeze).crossEntropyWeight(crossentropy).baseWidth(width).training(training)
			.build();
	}
}
