package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.finetuning.FineTuneResult;
import org.transvw.finetuning.HoldOut;
import org.transvw.finetuning.LabelledFolders;
import org.transvw.finetuning.SegmentationFineTuneConfig;
import org.transvw.finetuning.SegmentationFineTuner;
import org.transvw.network.ModelBundle;
import org.transvw.training.TrainingRun;
import org.transvw.training.TrainingSettings;

import ai.djl.Device;

/**
 * Fine-tunes a (pre-trained or fresh) 3D U-Net on labelled volumes and writes a segmentation
 * bundle. Macro:
 * <pre>
 * run("Fine-tune (segmentation)", "images=[/data/images] labels=[/data/labels] bundle=[/models/transvw] output=[/models/lesions] patch=[64,64,32] classes=2 epochs=100 batch=2 lr=0.001 patience=20 fraction=1 validation=0.2 seed=1 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Fine-tune (segmentation)")
public class FineTuneSegmentationCommand extends TrainingCommand {

	@Parameter(persist = false, label = "Images folder", style = "directory",
		description = "Folder of training volumes (NIfTI, TIFF or DICOM series)")
	private File images;

	@Parameter(persist = false, label = "Labels folder", style = "directory", description =
		"Label volumes with the images' file names: 0 background, 1..C-1 classes, 255 unlabelled")
	private File labels;

	@Parameter(persist = false, label = "Bundle (pre-trained; empty = from scratch)",
		style = "directory", required = false, description = "Pre-trained model bundle whose " +
			"encoder and decoder are transferred; leave empty to train from random initialisation")
	private File bundle;

	@Parameter(persist = false, label = SharedParameters.OUTPUT_BUNDLE_LABEL, style = "save",
		description = "Folder the fine-tuned bundle (model.json, weights.params, metrics.csv) is " +
			"written to")
	private File output;

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

	@Parameter(label = "Fraction of training cases", persist = false,
		description = "Use only this fraction of the training cases, in (0, 1] " +
			"(annotation-efficiency studies)")
	private double fraction = 1;

	@Parameter(label = SharedParameters.VALIDATION_LABEL, persist = false,
		description = SharedParameters.VALIDATION_DESCRIPTION + "; in (0, 1)")
	private double validation = 0.2;

	@Parameter(label = "Freeze the encoder", persist = false,
		description = "Train decoder and output layer only (needs a pre-trained bundle)")
	private boolean freeze;

	@Parameter(label = "Crossentropy weight (0 = Dice only)", persist = false,
		description = "Weight of BCE (binary) or CE (multi-class) added to the Dice loss")
	private double crossentropy;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Dice of validation", type = ItemIO.OUTPUT,
		description = "Pooled Dice of the best weights on the whole validation volumes")
	private double dice;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was trained and written")
	private String report;

	{
		batch = 2;
	}

	@Override
	protected void execute() throws IOException {
		final SegmentationFineTuneConfig config = config();
		final Path img = Inputs.folder(images, "images", "a folder of volumes");
		final Path lab = Inputs.folder(labels, "labels", "a folder of label volumes");
		final OutputFolder out = OutputFolder.prepare(Inputs.optional(output), "output", overwrite,
			TrainingRun.BUNDLE_FILES);
		final Device dev = device();
		try (ModelBundle pre = Bundles.pretrained(Inputs.optional(bundle), dev)) {
			final LabelledFolders.Split split = LabelledFolders.readSplit(img, lab, Bundles.recipe(pre),
				validation, seed, progress().subRange(0, 0.05), cancellation());
			split.requireClasses(classes);
			split.smallerThan(config.patch()).forEach(c -> info("patch: " + c + " is smaller than " +
				"the patch " + patch + "; its patches are mirror-padded"));
			final FineTuneResult r = new SegmentationFineTuner(config, progress().subRange(0.05, 1),
				cancellation()).fit(split.train(), split.validation(), pre, split.normalization(), dev,
					out.dir());
			dice = r.validation().pooled().dice();
			report = describe(pre != null, split, r, out);
			status(report);
		}
	}

	private String describe(final boolean pretrained, final LabelledFolders.Split split,
		final FineTuneResult r, final OutputFolder out)
	{
		return String.format(Locale.ROOT, "fine-tuned %s on %d cases (%d validation): %d epochs " +
			"(best %d, %s), validation Dice %.4f; bundle %s", pretrained ? "from " + bundle
				: "from scratch", split.train().size(), split.validation().size(), r.training()
					.lastEpoch(), r.training().bestEpoch(), r.training().reason(), dice, out.dir());
	}

	/** The parameters as the fine-tuner's config; classes counts background (the trainer's 1 = binary). */
	private SegmentationFineTuneConfig config() {
		final TrainingSettings training = training(SegmentationFineTuneConfig.defaultTraining());
		HoldOut.requireFraction(validation);
		return SegmentationFineTuneConfig.builder(Patches.parse(patch)).classes(Bundles
			.segmentationOutputs(classes)).samplesPerEpoch(samples).fraction(fraction).freezeEncoder(
				freeze).crossEntropyWeight(crossentropy).baseWidth(width).training(training).build();
	}
}
