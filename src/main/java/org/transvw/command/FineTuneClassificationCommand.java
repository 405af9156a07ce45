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
import org.transvw.common.Cancellation;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.io.OutputFolder;
import org.transvw.finetuning.ClassificationFineTuneConfig;
import org.transvw.finetuning.ClassificationFineTuner;
import org.transvw.finetuning.ClassifierBundle;
import org.transvw.finetuning.CubeSources;
import org.transvw.finetuning.HoldOut;
import org.transvw.finetuning.LabelledCube;
import org.transvw.network.ModelBundle;
import org.transvw.training.TrainingSettings;

import ai.djl.Device;

/**
 * Fine-tunes the encoder + a new linear layer to classify cubes, from a candidates table
 * ({@code image,x,y,z,label}) or a folder per class. Macro:
 * <pre>
 * run("Fine-tune (classification)", "table=[/data/candidates.csv] bundle=[/models/transvw] output=[/models/ncc] patch=[64,64,32] classes=2 epochs=100 batch=8 lr=0.001 patience=10 validation=0.2 seed=1 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Fine-tune (classification)")
public class FineTuneClassificationCommand extends TrainingCommand {

	@Parameter(persist = false, label = "Table of candidates (CSV; or give a folder)",
		style = "open", required = false, description = "CSV with header image,x,y,z,label " +
			"(voxel centres; paths relative to the CSV)")
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
		description = SharedParameters.PATCH_DESCRIPTION + "; the cube around each candidate")
	private String patch = "64,64,32";

	@Parameter(label = "Classes C counting the negative class (2 = binary)", min = "2",
		max = "1000", persist = false, description = "2: one sigmoid output with BCE; C >= 3: " +
			"softmax with cross-entropy over the labels 0..C-1")
	private int classes = 2;

	@Parameter(label = SharedParameters.VALIDATION_LABEL, persist = false,
		description = SharedParameters.VALIDATION_DESCRIPTION + "; in (0, 1)")
	private double validation = 0.2;

	@Parameter(label = "Linear evaluation (frozen encoder)", persist = false,
		description = "Train only the new linear layer on the frozen pre-trained encoder")
	private boolean linear;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Auc of validation", type = ItemIO.OUTPUT,
		description = "ROC AUC of the best weights on the validation cubes")
	private double auc;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was trained and written")
	private String report;

	{
		patience = 10;
	}

	@Override
	protected void execute() throws IOException {
		final ClassificationFineTuneConfig config = config();
		final Path csv = Inputs.optional(table), classFolders = Inputs.optional(folder);
		if (csv == null && classFolders == null) throw new IllegalArgumentException(
			"table: expected a candidates CSV (or folder: a folder of class sub-folders), got none");
		final OutputFolder out = OutputFolder.prepare(Inputs.optional(output), "output", overwrite,
			ClassifierBundle.FILES);
		final Device dev = device();
		try (ModelBundle pre = Bundles.pretrained(Inputs.optional(bundle), dev)) {
			final CubeSources.Cubes read = cubes(csv, classFolders, config.cube(), Bundles.recipe(pre),
				cancellation());
			final HoldOut<LabelledCube> split = HoldOut.split(read.cubes(), validation, seed, csv !=
				null ? "table" : "folder", "cubes");
			final ClassificationFineTuner.Result r = new ClassificationFineTuner(config, progress(),
				cancellation()).fit(split.train(), split.validation(), pre, read.normalization(), dev,
					out.dir());
			auc = r.auc();
			report = describe(pre != null, split, r, out);
			status(report);
		}
	}

	private String describe(final boolean pretrained, final HoldOut<LabelledCube> split,
		final ClassificationFineTuner.Result r, final OutputFolder out)
	{
		return String.format(Locale.ROOT, "classifier %s: %d training / %d validation cubes, %d " +
			"epochs (best %d), validation AUC %.4f; bundle %s", pretrained ? "from " + bundle
				: "from scratch", split.train().size(), split.validation().size(), r.training()
					.lastEpoch(), r.training().bestEpoch(), auc, out.dir());
	}

	private ClassificationFineTuneConfig config() {
		final TrainingSettings training = training(ClassificationFineTuneConfig.defaultTraining());
		HoldOut.requireFraction(validation);
		return new ClassificationFineTuneConfig(Patches.parse(patch), classes, linear, true, width,
			null, training);
	}

	private static CubeSources.Cubes cubes(final Path csv, final Path classFolders,
		final int[] size, final IntensityRecipe model, final Cancellation cancel) throws IOException
	{
		return csv != null ? CubeSources.fromTable(csv, size, model, cancel) : CubeSources
			.fromFolders(classFolders, size, model, new ArrayList<>(), cancel);
	}
}
