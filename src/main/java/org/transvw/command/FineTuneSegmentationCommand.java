package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.prepare.InputOptions;
import org.transvw.finetuning.FineTuneResult;
import org.transvw.finetuning.FineTuneData;
import org.transvw.finetuning.SegmentationData;
import org.transvw.finetuning.SegmentationFineTuneConfig;
import org.transvw.finetuning.SegmentationFineTuner;
import org.transvw.network.ModelBundle;
import org.transvw.training.TrainingRun;

import ai.djl.Device;

/**
 * Fine-tunes a (pre-trained or fresh) 3D U-Net on labelled volumes and writes a segmentation
 * bundle. Macro:
 * <pre>
 * run("Fine-tune (segmentation)", "images=[/data/images] labels=[/data/labels] bundle=[/models/transvw] output=[/models/lesions] patch=[64,64,32] classes=2 epochs=100 batch=2 lr=0.001 patience=20 fraction=1 validation=0.2 test=0.2 modality=auto normalization=auto spacing=auto seed=1 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Fine-tune (segmentation)")
public class FineTuneSegmentationCommand extends SegmentationFineTuneParameters {

	@Parameter(persist = false, label = "Bundle (pre-trained; empty = from scratch)",
		style = "directory", required = false, description = "Pre-trained model bundle whose " +
			"encoder and decoder are transferred; leave empty to train from random initialisation")
	private File bundle;

	@Parameter(persist = false, label = SharedParameters.OUTPUT_BUNDLE_LABEL, style = "save",
		description = "Folder the fine-tuned bundle (model.json, weights.params, metrics.csv) is " +
			"written to")
	private File output;

	@Parameter(label = "Fraction of training cases", persist = false,
		description = "Use only this fraction of the training cases, in (0, 1] " +
			"(annotation-efficiency studies)")
	private double fraction = 1;

	@Parameter(label = "Dice of validation", type = ItemIO.OUTPUT,
		description = "Pooled Dice of the best weights on the whole validation volumes (the " +
			"early-stopping set), on their own grids")
	private double dice;

	@Parameter(label = "Testdice of the held-out test volumes", type = ItemIO.OUTPUT,
		description = "Pooled Dice on the test volumes, on their own grids; NaN without a test set")
	private double testdice;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was trained and written")
	private String report;

	@Override
	protected void execute() throws IOException {
		final SegmentationFineTuneConfig config = config(fraction);
		final SegmentationData.Split split = split();
		final SegmentationData.Sources sources = sources();
		final InputOptions inputs = inputs();
		final OutputFolder out = OutputFolder.prepare(Inputs.optional(output), "output", overwrite,
			TrainingRun.BUNDLE_FILES);
		final Device dev = device();
		try (ModelBundle pre = Bundles.pretrained(Inputs.optional(bundle), dev)) {
			final FineTuneData data = SegmentationData.read(sources, inputs, pre == null ? null : pre
				.description().input(), split, progress().subRange(0, 0.05), cancellation());
			log(data.plan());
			data.requireClasses(classes());
			data.smallerThan(config.patch()).forEach(c -> info("patch: " + c + " is smaller than " +
				"the patch " + patchText() + "; its patches are mirror-padded"));
			final FineTuneResult r = new SegmentationFineTuner(config, progress().subRange(0.05, 1),
				cancellation()).fit(data, pre, dev, out.dir());
			dice = r.validation().pooled().dice();
			testdice = r.test() == null ? Double.NaN : r.test().pooled().dice();
			report = String.format(Locale.ROOT, "fine-tuned %s on %d training volumes: %d epochs " +
				"(best %d, %s); %s; bundle %s", pre != null ? "from " + bundle : "from scratch", data
					.train().size(), r.training().lastEpoch(), r.training().bestEpoch(), r.training()
						.reason(), r.summary(), out.dir());
			info(report);
			status(report);
		}
	}
}
