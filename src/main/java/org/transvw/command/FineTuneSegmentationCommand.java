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
import org.transvw.data.prepare.InputOptions;
import org.transvw.finetuning.FineTuneResult;
import org.transvw.finetuning.FineTuneData;
import org.transvw.finetuning.SegmentationData;
import org.transvw.finetuning.SegmentationFineTuneConfig;
import org.transvw.finetuning.SegmentationFineTuner;
import org.transvw.network.ModelBundle;
import org.transvw.network.NetworkChoice;
import org.transvw.network.NetworkConfig;
import org.transvw.training.TrainingRun;

import ai.djl.Device;

/**
 * Fine-tunes a (pre-trained or fresh) network on labelled volumes or 2D images (the network by
 * {@code network=}, logged) and writes a segmentation bundle. Macro:
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

	@Parameter(label = SharedParameters.NETWORK_LABEL, choices = { "auto", "unet3d",
		"resnet18-unet", "unet2d" }, persist = false, description = SharedParameters
			.NETWORK_DESCRIPTION)
	private String network = "auto";

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
		final NetworkChoice choice = NetworkChoice.parse(network);
		checkBeforeReading();
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
			final SegmentationFineTuneConfig config = config(data, pre, choice);
			data.requireClasses(classes());
			data.smallerThan(config.patch()).forEach(c -> info("patch: " + c + " is smaller than " +
				"the patch " + patchText() + "; its patches are mirror-padded"));
			final FineTuneResult r = new SegmentationFineTuner(config, progress().subRange(0.05, 1),
				cancellation()).fit(data, pre, dev, out.dir());
			publish(r, pre != null, data.train().size(), out);
		}
	}

	/** The outputs and the one report line (also the status). */
	private void publish(final FineTuneResult r, final boolean pretrained, final int cases,
		final OutputFolder out)
	{
		dice = r.validation().pooled().dice();
		testdice = r.test() == null ? Double.NaN : r.test().pooled().dice();
		report = String.format(Locale.ROOT, "fine-tuned %s on %d training volumes: %d epochs " +
			"(best %d, %s); %s; bundle %s", pretrained ? "from " + bundle : "from scratch", cases, r
				.training().lastEpoch(), r.training().bestEpoch(), r.training().reason(), r.summary(),
			out.dir());
		info(report);
		status(report);
	}

	/** What can be checked before any volume is read. */
	private void checkBeforeReading() {
		// three sizes can only be a volume's patch
		if (Patches.ints(patchText(), "patch").length == 3) Patches.parse(patchText());
		checkTraining();
	}

	/**
	 * The parameters as the fine-tuner's config; classes counts background (the trainer's 1 =
	 * binary). The network: the bundle's, else {@code network} for the data's dimensionality
	 * (logged).
	 */
	private SegmentationFineTuneConfig config(final FineTuneData data, final ModelBundle pre,
		final NetworkChoice choice)
	{
		final int dims = data.train().get(0).image().numDimensions();
		final NetworkChoice resolved;
		if (pre != null) {
			final NetworkConfig n = pre.description().network();
			NetworkChoice.requireDimensions("images", n.choice().key() + " of the bundle", n
				.spatialDimensions(), dims);
			if (choice != NetworkChoice.AUTO && choice != n.choice()) warn(NetworkChoice.KEY + "=" +
				choice.key() + " ignored: the bundle brings its " + n.choice().key());
			resolved = n.choice();
			info(NetworkChoice.KEY + ": " + resolved.key() + " (the bundle's)");
		}
		else {
			resolved = choice.resolve(dims);
			info(choice.describe(resolved));
		}
		return config(fraction, resolved);
	}
}
