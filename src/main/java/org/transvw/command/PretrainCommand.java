package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.imagej.LossCurvePlot;
import org.transvw.network.Flavour;
import org.transvw.network.NetworkChoice;
import org.transvw.pretraining.CubeSource;
import org.transvw.pretraining.PretextMode;
import org.transvw.pretraining.Pretrainer;
import org.transvw.pretraining.PretrainingConfig;
import org.transvw.pretraining.PretrainingResult;
import org.transvw.pretraining.VisualWordCubes;
import org.transvw.training.EpochMetrics;
import org.transvw.training.LrSchedule;
import org.transvw.training.MetricsCsv;
import org.transvw.training.TrainingObserver;
import org.transvw.training.TrainingRun;
import org.transvw.training.TrainingSettings;

/**
 * Pre-trains TransVW on a visual-word dataset (self-discovery's output) and writes a model
 * bundle; defaults are the reference's (method.md §5). Settings are not persisted between
 * runs (reproducibility): every run starts from the defaults unless a macro sets them.
 * Checkpoints go to {@code <output>.training}; running again with the same settings resumes
 * there; a rerun with other settings is refused (naming what differs) unless {@code fresh}
 * starts over. The bundle gets {@code metrics.csv} and {@code loss-curve.png}. Macro:
 * <pre>
 * run("Pre-train TransVW", "dataset=[/data/vw] output=[/models/transvw] mode=transvw width=32 batch=8 lr=0.001 epochs=10000 seed=1");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Pre-train TransVW")
public class PretrainCommand extends TrainingCommand {

	/** The loss plot written into the bundle. */
	public static final String PLOT = "loss-curve.png";

	/** Macro keys of the pre-training configuration keys a checkpoint records. */
	private static final Map<String, String> STAGE_KEYS = Map.of("mode", "mode", "lambdaRec",
		"rec", "lambdaCls", "cls", "lambdaPretext", "pretext", "flavour", "flavour",
		"network.flavour", "flavour", "data", "dataset");

	@Parameter(label = "Dataset folder (visual words)", style = "directory",
		description = "A visual-word dataset written by self-discovery (manifest.json + shards)")
	private File dataset;

	@Parameter(label = SharedParameters.OUTPUT_BUNDLE_LABEL, style = "directory",
		description = "Where the model bundle (model.json, weights.params, metrics.csv, " +
			"loss-curve.png) is written; checkpoints go to <output>.training")
	private File output;

	@Parameter(label = SharedParameters.NETWORK_LABEL, choices = { "auto", "unet3d",
		"resnet18-unet", "unet2d" }, persist = false, description = SharedParameters
			.NETWORK_DESCRIPTION)
	private String network = "auto";

	@Parameter(persist = false, label = "Mode of pre-training", choices = { "transvw",
		"vw-restoration", "vw-classification", "genesis", "rotation+vw", "inpainting+vw",
		"context-restoration+vw", "genesis+vw" }, description = "transvw = restoration + " +
			"visual-word classification; the ablations; Models Genesis; or an add-on mode (existing " +
			"task + visual words)")
	private String mode = "transvw";

	@Parameter(persist = false, label = "Flavour of the U-Net", choices = { "pytorch", "keras" },
		description = "pytorch: learned 2x up-sampling (reference PyTorch); keras: nearest " +
			"up-sampling (reference Keras)")
	private String flavour = "pytorch";

	@Parameter(persist = false, label = "Schedule of the learning rate", description =
		"step:N[:gamma] (x gamma every N epochs; reference PyTorch step:40:0.5), plateau:P[:gamma" +
			"[:minDelta[:minLr]]] (reference Keras plateau:20) or constant")
	private String schedule = "step:40:0.5";

	@Parameter(persist = false, label = "Rec weight (lambda_rec)",
		description = "Weight of the restoration MSE")
	private double rec = 1;

	@Parameter(persist = false, label = "Cls weight (lambda_cls)",
		description = "Weight of the visual-word cross-entropy")
	private double cls = 0.01;

	@Parameter(persist = false, label = "Pretext weight", description = "Weight of the " +
		"rotation-class cross-entropy (rotation+vw mode)")
	private double pretext = 1;

	@Parameter(persist = false, label = "Workers reading and perturbing cubes", min = "1",
		max = "64", description = "Data threads preparing batches ahead of the trainer")
	private int workers = 2;

	@Parameter(persist = false, label = "Every N epochs keep a checkpoint", min = "0",
		max = "1000000", description = "0: keep only the last and the best checkpoint")
	private int every = 0;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was trained and " +
		"where it was written")
	private String report;

	{
		epochs = 10_000;
		patience = 50;
	}

	@Override
	protected void execute() throws IOException {
		if (dataset == null || !dataset.isDirectory()) throw new IllegalArgumentException(
			"dataset: expected an existing visual-word dataset folder, got " + dataset);
		final NetworkChoice choice = NetworkChoice.parse(network);
		final PretrainingConfig config = config();
		final List<String> files = new ArrayList<>(TrainingRun.BUNDLE_FILES);
		files.add(PLOT);
		final OutputFolder out = OutputFolder.prepare(output == null ? null : output.toPath(),
			"output", overwrite, files);
		try (CubeSource data = VisualWordCubes.open(dataset.toPath())) {
			info("inputs of the dataset (recorded in the bundle): " + data.input().describe());
			final NetworkChoice resolved = choice.resolve(data.cubeSize().length);
			info(choice.describe(resolved));
			final PretrainingResult r = new Pretrainer(config, device(), progress(), cancellation())
				.optNetwork(resolved).observe(epochLog()).run(data, out.dir());
			LossCurvePlot.save(MetricsCsv.read(r.bundle().resolve(Pretrainer.METRICS)),
				"TransVW pre-training (" + config.mode() + ")", out.claim(PLOT));
			report = String.format(Locale.ROOT, "pre-training %s: %d epochs (%s), best epoch %d, " +
				"validation loss %.5g; bundle %s", config.mode(), r.training().lastEpoch(), r
					.training().reason().name().toLowerCase(Locale.ROOT), r.training().bestEpoch(), r
						.training().bestLoss(), r.bundle());
			status(report);
		}
	}

	private PretrainingConfig config() {
		final TrainingSettings training = training(TrainingSettings.defaults()).withSchedule(
			LrSchedule.parse(schedule)).withCheckpointEvery(every);
		final String f = flavour == null ? "" : flavour.trim().toUpperCase(Locale.ROOT);
		if (!f.equals("PYTORCH") && !f.equals("KERAS")) throw new IllegalArgumentException(
			"flavour: expected pytorch or keras, got '" + flavour + "'");
		return new PretrainingConfig(PretextMode.of(mode), rec, cls, pretext, Flavour.valueOf(f),
			width, workers, training);
	}

	@Override
	protected String macroKey(final String configurationKey) {
		return STAGE_KEYS.getOrDefault(configurationKey, super.macroKey(configurationKey));
	}

	private TrainingObserver epochLog() {
		return new TrainingObserver() {

			@Override
			public void onEpoch(final EpochMetrics m) {
				info(String.format(Locale.ROOT,
					"epoch %d: train %s, validation %s, lr %.3g, %.1f s, data wait %.0f%%", m.epoch(), m
						.train(), m.validation(), m.learningRate(), m.seconds(), 100 * m
							.dataWaitFraction()));
			}
		};
	}
}
