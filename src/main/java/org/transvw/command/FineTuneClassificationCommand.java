package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityRecipe;
import org.transvw.engine.EngineSession;
import org.transvw.finetuning.ClassificationFineTuneConfig;
import org.transvw.finetuning.ClassificationFineTuner;
import org.transvw.finetuning.CubeSources;
import org.transvw.finetuning.LabelledCube;
import org.transvw.network.ModelBundle;

/**
 * Fine-tunes the encoder + a new linear layer to classify cubes, from a candidates table
 * ({@code image,x,y,z,label}) or a folder per class. Macro:
 * <pre>
 * run("Fine-tune (classification)", "table=[/data/candidates.csv] bundle=[/models/transvw] output=[/models/ncc] cube=[64,64,32] classes=2 epochs=100 batch=8 lr=0.001 patience=10 validation=0.2 seed=1 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Fine-tune (classification)")
public class FineTuneClassificationCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter(persist = false, label = "Table of candidates (CSV; or give a folder)", style = "open",
		required = false, description = "CSV with header image,x,y,z,label (voxel centres; paths " +
			"relative to the CSV)")
	private File table;

	@Parameter(persist = false, label = "Folder with one sub-folder per class (optional)", style = "directory",
		required = false, description = "Cubes as volume files in <folder>/<class>/; classes in " +
			"name order")
	private File folder;

	@Parameter(persist = false, label = "Bundle (pre-trained; empty = from scratch)", style = "directory",
		required = false, description = "Pre-trained bundle whose encoder is transferred")
	private File bundle;

	@Parameter(persist = false, label = "Output bundle folder", style = "save",
		description = "Where the classifier bundle is written")
	private File output;

	@Parameter(label = "Cube size x,y,z", persist = false,
		description = "Cube around each candidate, three multiples of 8, e.g. 64,64,32")
	private String cube = "64,64,32";

	@Parameter(label = "Classes (2 = binary)", min = "2", persist = false,
		description = "2: one sigmoid output with BCE; more: softmax with cross-entropy")
	private int classes = 2;

	@Parameter(label = "Epochs (maximum)", min = "1", persist = false,
		description = "Upper bound on epochs; early stopping usually ends sooner")
	private int epochs = 100;

	@Parameter(label = "Batch size", min = "1", persist = false, description = "Cubes per step")
	private int batch = 8;

	@Parameter(label = "Lr (learning rate)", persist = false,
		description = "Adam's initial learning rate")
	private double lr = 1e-3;

	@Parameter(label = "Patience (epochs)", min = "1", persist = false,
		description = "Early stopping after this many epochs without a lower validation loss")
	private int patience = 10;

	@Parameter(label = "Validation fraction of cubes", persist = false,
		description = "Fraction of the labelled cubes held out for validation, in (0, 1)")
	private double validation = 0.2;

	@Parameter(label = "Linear evaluation (frozen encoder)", persist = false,
		description = "Train only the new linear layer on the frozen pre-trained encoder")
	private boolean linear;

	@Parameter(label = "Width of a network from scratch", min = "1", persist = false,
		description = "Base width when no bundle is given; 32 = the paper")
	private int width = 32;

	@Parameter(label = "Seed", persist = false, description = "Seed of init, split and order")
	private long seed = 1;

	@Parameter(label = "Device (auto, cpu, gpu, gpu:N)", persist = false,
		description = "Where the network runs")
	private String device = "auto";

	@Parameter(label = "Auc of validation", type = ItemIO.OUTPUT,
		description = "ROC AUC of the best weights on the validation cubes")
	private double auc;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was trained and written")
	private String report;

	@Override
	public void run() {
		final Progress progress = StatusProgress.of(status);
		final Cancellation cancel = Cancellation.of(this::isCanceled);
		try (ModelBundle pre = bundle == null || bundle.getPath().isEmpty() ? null : ModelBundle
			.load(bundle.toPath(), EngineSession.device(device)))
		{
			final boolean fromTable = table != null && !table.getPath().isEmpty();
			if (!fromTable && (folder == null || folder.getPath().isEmpty()))
				throw new IllegalArgumentException("table: expected a candidates CSV or a class folder");
			if (output == null) throw new IllegalArgumentException("output: expected a folder");
			if (!(validation > 0 && validation < 1)) throw new IllegalArgumentException(
				"validation: expected a fraction in (0, 1), got " + validation);
			final int[] size = Patches.parse(cube);
			final ClassificationFineTuneConfig config = new ClassificationFineTuneConfig(size, classes,
				linear, true, width, null, ClassificationFineTuneConfig.defaultTraining().withBatch(batch)
					.withMaxEpochs(epochs).withLearningRate(lr).withPatience(patience).withSeed(seed));
			final IntensityRecipe model = pre == null ? null : pre.description().normalization();
			final CubeSources.Cubes read = fromTable ? CubeSources.fromTable(table.toPath(), size,
				model, cancel) : CubeSources.fromFolders(folder.toPath(), size, model, new ArrayList<>(),
					cancel);
			final List<LabelledCube> all = read.cubes();
			if (all.size() < 2) throw new IllegalArgumentException("table: expected at least 2 cubes");
			final int[] order = new int[all.size()];
			for (int i = 0; i < order.length; i++)
				order[i] = i;
			RandomStreams.seeded(seed).fork("validation split").shuffle(order);
			final int nVal = Math.min(all.size() - 1, Math.max(1, (int) Math.round(validation * all
				.size())));
			final List<LabelledCube> train = new ArrayList<>(), val = new ArrayList<>();
			for (int k = 0; k < order.length; k++)
				(k < nVal ? val : train).add(all.get(order[k]));
			final IntensityRecipe used = read.normalization();
			final ClassificationFineTuner.Result r = new ClassificationFineTuner(config, progress,
				cancel).fit(train, val, pre, used, EngineSession.device(device), output.toPath());
			auc = r.auc();
			report = String.format(Locale.ROOT,
				"classifier %s: %d training / %d validation cubes, %d epochs (best %d), validation AUC %.4f; bundle %s",
				pre == null ? "from scratch" : "from " + bundle, train.size(), val.size(), r.training()
					.lastEpoch(), r.training().bestEpoch(), auc, output);
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
