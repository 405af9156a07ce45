package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.common.Checks;
import org.transvw.data.InputConvention;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.prepare.InputOptions;
import org.transvw.finetuning.ClassificationFineTuneConfig;
import org.transvw.finetuning.ClassificationFineTuner;
import org.transvw.finetuning.ClassifierBundle;
import org.transvw.finetuning.CubeSources;
import org.transvw.finetuning.ClassificationData;
import org.transvw.network.ModelBundle;
import org.transvw.network.NetworkChoice;
import org.transvw.network.NetworkConfig;
import org.transvw.training.TrainingSettings;

import ai.djl.Device;

/**
 * Fine-tunes the encoder + a new linear layer to classify cubes, from a candidates table
 * ({@code image,x,y,z,label}: cubes around coordinates in volumes), a per-image table
 * ({@code file,label[,patient]}: each image classified whole, e.g. 2D radiographs) or a folder
 * per class. The network: a pre-trained bundle's, else {@code network=} for the data's
 * dimensionality (logged). Macros:
 * <pre>
 * run("Fine-tune (classification)", "table=[/data/candidates.csv] bundle=[/models/transvw] output=[/models/ncc] patch=[64,64,32] classes=2 epochs=100 batch=8 lr=0.001 patience=10 validation=0.2 test=0.2 modality=auto normalization=auto seed=1 device=auto");
 * run("Fine-tune (classification)", "table=[/data/cxr/labels.csv] output=[/models/cxr-cls] patch=224,224 network=auto classes=2 validation=0.2 test=0.2 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Fine-tune (classification)")
public class FineTuneClassificationCommand extends VolumeTrainingCommand {

	@Parameter(persist = false, label = "Table of candidates or images (CSV; or give a folder)",
		style = "open", required = false, description = "CSV with header image,x,y,z,label " +
			"(candidates: voxel centres in volumes) or file,label[,patient] (one label per image, " +
			"each image classified whole, e.g. 2D radiographs); paths relative to the CSV")
	private File table;

	@Parameter(persist = false, label = "Folder with one sub-folder per class (optional)",
		style = "directory", required = false, description = "Cubes as volume files in " +
			"<folder>/<class>/; classes in name order")
	private File folder;

	@Parameter(persist = false, label = "Bundle (pre-trained; empty = from scratch)",
		style = "directory", required = false,
		description = "Pre-trained bundle whose encoder is transferred")
	private File bundle;

	@Parameter(persist = false, label = SharedParameters.OUTPUT_BUNDLE_LABEL, style = "save",
		description = "Where the classifier bundle is written")
	private File output;

	@Parameter(label = SharedParameters.PATCH_LABEL, persist = false,
		description = SharedParameters.PATCH_DESCRIPTION + "; the cube around each candidate, or " +
			"the size each whole image is centre-cropped or mirror-padded to (2 sizes for 2D images)")
	private String patch = "64,64,32";

	@Parameter(label = SharedParameters.NETWORK_LABEL, choices = { "auto", "unet3d",
		"resnet18-unet", "unet2d" }, persist = false, description = SharedParameters
			.NETWORK_DESCRIPTION)
	private String network = "auto";

	@Parameter(label = "Classes C counting the negative class (2 = binary)", min = "2",
		max = "1000", persist = false, description = "2: one sigmoid output with BCE; C >= 3: " +
			"softmax with cross-entropy over the labels 0..C-1")
	private int classes = 2;

	@Parameter(label = SharedParameters.VALIDATION_LABEL, persist = false,
		description = SharedParameters.VALIDATION_DESCRIPTION + "; in (0, 1)")
	private double validation = 0.2;

	@Parameter(label = SharedParameters.TEST_LABEL, persist = false,
		description = SharedParameters.TEST_DESCRIPTION + "; split by source volume like validation")
	private double test = 0;

	@Parameter(label = "Linear evaluation (frozen encoder)", persist = false,
		description = "Train only the new linear layer on the frozen pre-trained encoder")
	private boolean linear;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Auc of validation", type = ItemIO.OUTPUT,
		description = "ROC AUC of the best weights on the validation cubes (the early-stopping set)")
	private double auc;

	@Parameter(label = "Testauc of the held-out test cubes", type = ItemIO.OUTPUT,
		description = "ROC AUC on the test cubes; NaN without a test set")
	private double testauc;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was trained and written")
	private String report;

	{
		patience = 10;
	}

	@Override
	protected void execute() throws IOException {
		final NetworkChoice choice = NetworkChoice.parse(network);
		final TrainingSettings training = checkSettings();
		final Path csv = Inputs.optional(table), classFolders = Inputs.optional(folder);
		if (csv == null && classFolders == null) throw new IllegalArgumentException(
			"table: expected a candidates CSV (or folder: a folder of class sub-folders), got none");
		final String key = csv != null ? "table" : "folder";
		final InputOptions inputs = inputs();
		final OutputFolder out = OutputFolder.prepare(Inputs.optional(output), "output", overwrite,
			ClassifierBundle.FILES);
		final Device dev = device();
		try (ModelBundle pre = Bundles.pretrained(Inputs.optional(bundle), dev)) {
			final int dims = CubeSources.dimensions(csv != null ? csv : classFolders, csv == null,
				inputs.voxel());
			final ClassificationFineTuneConfig config = config(training, network(pre, choice, dims,
				key));
			final InputConvention from = pre == null ? null : pre.description().input();
			final CubeSources.Prepared read = csv != null ? CubeSources.fromTable(csv, config.cube(),
				inputs, from, cancellation()) : CubeSources.fromFolders(classFolders, config.cube(),
					inputs, from, new ArrayList<>(), cancellation());
			log(read.input());
			read.notes().forEach(this::info);
			CubeSources.requireLabels(read.cubes(), classes, key);
			final ClassificationData data = ClassificationData.split(read.cubes(), validation, test,
				seed, read.input());
			final ClassificationFineTuner.Result r = new ClassificationFineTuner(config, progress(),
				cancellation()).fit(data, pre, dev, out.dir());
			publish(r, pre != null, data.train().size(), out);
		}
	}

	/** The outputs and the one report line (also the status). */
	private void publish(final ClassificationFineTuner.Result r, final boolean pretrained,
		final int cubes, final OutputFolder out)
	{
		auc = r.auc();
		testauc = r.testAuc();
		report = String.format(Locale.ROOT, "classifier %s: %d training cubes, %d epochs (best " +
			"%d); %s; bundle %s", pretrained ? "from " + bundle : "from scratch", cubes, r.training()
				.lastEpoch(), r.training().bestEpoch(), r.summary(), out.dir());
		info(report);
		status(report);
	}

	/** What can be checked before any image is read: the training keys and the fractions. */
	private TrainingSettings checkSettings() {
		final TrainingSettings training = training(ClassificationFineTuneConfig.defaultTraining());
		Checks.require(validation > 0 && validation < 1, "validation", "a fraction in (0, 1), got " +
			validation);
		Checks.require(test >= 0 && test < 1, "test", "a fraction in [0, 1), got " + test);
		// three sizes can only be a volume's patch
		if (Patches.ints(patch, "patch").length == 3) Patches.parse(patch);
		return training;
	}

	/**
	 * The network for images of {@code dims} axes: the bundle's (which must have their
	 * dimensionality; refused under {@code key}), else {@code choice} resolved for them; logged.
	 */
	private NetworkChoice network(final ModelBundle pre, final NetworkChoice choice,
		final int dims, final String key)
	{
		if (pre != null) {
			final NetworkConfig n = pre.description().network();
			NetworkChoice.requireDimensions(key, n.choice().key() + " of the bundle", n
				.spatialDimensions(), dims);
			if (choice != NetworkChoice.AUTO && choice != n.choice()) warn(NetworkChoice.KEY + "=" +
				choice.key() + " ignored: the bundle brings its " + n.choice().key());
			info(NetworkChoice.KEY + ": " + n.choice().key() + " (the bundle's)");
			return n.choice();
		}
		final NetworkChoice resolved = choice.resolve(dims);
		info(choice.describe(resolved));
		return resolved;
	}

	private ClassificationFineTuneConfig config(final TrainingSettings training,
		final NetworkChoice net)
	{
		return new ClassificationFineTuneConfig(Patches.parse(patch, net), classes, linear, true,
			width, null, training, net);
	}
}
