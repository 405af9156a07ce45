package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.engine.EngineSession;
import org.transvw.finetuning.FineTuneResult;
import org.transvw.finetuning.LabelledFolders;
import org.transvw.finetuning.SegmentationFineTuneConfig;
import org.transvw.finetuning.SegmentationFineTuner;
import org.transvw.network.ModelBundle;

/**
 * Fine-tunes a (pre-trained or fresh) 3D U-Net on labelled volumes and writes a segmentation
 * bundle. Macro:
 * <pre>
 * run("Fine-tune (segmentation)", "images=[/data/images] labels=[/data/labels] bundle=[/models/transvw] output=[/models/lesions] patch=[64,64,32] classes=1 epochs=100 batch=2 lr=0.001 patience=20 fraction=1 validation=0.2 seed=1 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Fine-tune (segmentation)")
public class FineTuneSegmentationCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter(persist = false, label = "Images folder", style = "directory",
		description = "Folder of training volumes (NIfTI, TIFF or DICOM series)")
	private File images;

	@Parameter(persist = false, label = "Labels folder", style = "directory",
		description = "Label volumes with the images' file names: 0 background, 1..N classes, 255 unlabelled")
	private File labels;

	@Parameter(persist = false, label = "Bundle (pre-trained; empty = from scratch)", style = "directory",
		required = false, description = "Pre-trained model bundle whose encoder and decoder are " +
			"transferred; leave empty to train from random initialisation")
	private File bundle;

	@Parameter(persist = false, label = "Output bundle folder", style = "save",
		description = "Folder the fine-tuned bundle (model.json + weights.params) is written to")
	private File output;

	@Parameter(label = "Patch size x,y,z", persist = false,
		description = "Training patch, three multiples of 8, e.g. 64,64,32")
	private String patch = "64,64,32";

	@Parameter(label = "Classes (1 = binary)", min = "1", max = "255", persist = false,
		description = "1: one sigmoid output (background vs any label > 0); N >= 2: softmax over " +
			"classes 0..N-1")
	private int classes = 1;

	@Parameter(label = "Epochs (maximum)", min = "1", persist = false,
		description = "Upper bound on epochs; early stopping usually ends sooner")
	private int epochs = 100;

	@Parameter(label = "Batch size", min = "1", persist = false,
		description = "Patches per training step")
	private int batch = 2;

	@Parameter(label = "Samples per epoch", min = "1", persist = false,
		description = "Training patches drawn per epoch")
	private int samples = 64;

	@Parameter(label = "Lr (learning rate)", persist = false,
		description = "Adam's initial learning rate (reference 1e-3; LiTS 1e-2)")
	private double lr = 1e-3;

	@Parameter(label = "Patience (epochs)", min = "1", persist = false,
		description = "Early stopping after this many epochs without a lower validation loss")
	private int patience = 20;

	@Parameter(label = "Fraction of training cases", persist = false,
		description = "Use only this fraction of the training cases, in (0, 1] " +
			"(annotation-efficiency studies)")
	private double fraction = 1;

	@Parameter(label = "Validation fraction of cases", persist = false,
		description = "Fraction of the labelled cases held out for validation, in (0, 1)")
	private double validation = 0.2;

	@Parameter(label = "Freeze the encoder", persist = false,
		description = "Train decoder and output layer only (needs a pre-trained bundle)")
	private boolean freeze;

	@Parameter(label = "Crossentropy weight (0 = Dice only)", persist = false,
		description = "Weight of BCE (binary) or CE (multi-class) added to the Dice loss")
	private double crossentropy;

	@Parameter(label = "Width of a network from scratch", min = "1", persist = false,
		description = "Base width (filters of the first convolution) when no bundle is given; " +
			"32 = the paper")
	private int width = 32;

	@Parameter(label = "Seed", persist = false,
		description = "Seed of initialisation, split, patches and augmentation")
	private long seed = 1;

	@Parameter(label = "Device (auto, cpu, gpu, gpu:N)", persist = false,
		description = "Where the network runs")
	private String device = "auto";

	@Parameter(label = "Dice of validation", type = ItemIO.OUTPUT,
		description = "Pooled Dice of the best weights on the whole validation volumes")
	private double dice;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was trained and written")
	private String report;

	@Override
	public void run() {
		final Progress progress = StatusProgress.of(status);
		final Cancellation cancel = Cancellation.of(this::isCanceled);
		try (ModelBundle pre = bundle == null || bundle.getPath().isEmpty() ? null : ModelBundle
			.load(bundle.toPath(), EngineSession.device(device)))
		{
			if (images == null || labels == null || output == null) throw new IllegalArgumentException(
				"images, labels, output: expected folders, got none");
			final SegmentationFineTuneConfig config = SegmentationFineTuneConfig.builder(Patches.parse(
				patch)).classes(classes).samplesPerEpoch(samples).fraction(fraction).freezeEncoder(
					freeze).crossEntropyWeight(crossentropy).baseWidth(width).training(
						SegmentationFineTuneConfig.defaultTraining().withMaxEpochs(epochs).withBatch(batch)
							.withLearningRate(lr).withPatience(patience).withSeed(seed)).build();
			final LabelledFolders.Split split = LabelledFolders.readSplit(images.toPath(), labels
				.toPath(), pre == null ? null : pre.description().normalization(), validation, seed,
				progress.subRange(0, 0.05), cancel);
			final FineTuneResult r = new SegmentationFineTuner(config, progress.subRange(0.05, 1),
				cancel).fit(split.train(), split.validation(), pre, split.normalization(), EngineSession
					.device(device), output.toPath());
			dice = r.validation().pooled().dice();
			report = String.format(Locale.ROOT,
				"fine-tuned %s on %d cases (%d validation): %d epochs (best %d, %s), validation Dice %.4f; bundle %s",
				pre == null ? "from scratch" : "from " + bundle, split.train().size(), split.validation()
					.size(), r.training().lastEpoch(), r.training().bestEpoch(), r.training().reason(),
				dice, output);
			status.showStatus(report);
		}
		catch (final IllegalArgumentException | IOException e) {
			cancel(e.getMessage());
		}
		catch (final CancellationException e) {
			cancel("cancelled; no bundle written");
		}
		catch (final IllegalStateException e) {
			// the training loop's divergence report ("loss: not finite ...; lower the learning rate")
			cancel(e.getMessage());
		}
	}
}
