package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.engine.EngineSession;
import org.transvw.imagej.LossCurvePlot;
import org.transvw.network.Flavour;
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
import org.transvw.training.TrainingSettings;

import ai.djl.Device;

/**
 * Pre-trains TransVW on a visual-word dataset (self-discovery's output) and writes a model
 * bundle; defaults are the reference's (method.md §5). Settings are not persisted between
 * runs (reproducibility): every run starts from the defaults unless a macro sets them. Checkpoints go to
 * {@code <output>.training}; running again with the same settings resumes there. The bundle
 * gets {@code metrics.csv} and {@code loss-curve.png}. Macro:
 * <pre>
 * run("Pre-train TransVW", "dataset=[/data/vw] output=[/models/transvw] mode=transvw width=32 batch=8 epochs=10000 seed=1");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Pre-train TransVW")
public class PretrainCommand extends ContextCommand {

	/** The loss plot written into the bundle. */
	public static final String PLOT = "loss-curve.png";

	@Parameter
	private StatusService status;

	@Parameter(required = false)
	private LogService log;

	@Parameter(label = "Dataset folder (visual words)", style = "directory",
		description = "A visual-word dataset written by self-discovery (manifest.json + shards)")
	private File dataset;

	@Parameter(label = "Output bundle folder", style = "directory",
		description = "Where the model bundle (model.json, weights.params, metrics.csv, " +
			"loss-curve.png) is written; checkpoints go to <output>.training")
	private File output;

	@Parameter(persist = false, label = "Mode of pre-training", choices = { "transvw", "vw-restoration",
		"vw-classification", "genesis", "rotation+vw", "inpainting+vw", "context-restoration+vw",
		"genesis+vw" }, description = "transvw = restoration + visual-word classification; the " +
			"ablations; Models Genesis; or an add-on mode (existing task + visual words)")
	private String mode = "transvw";

	@Parameter(persist = false, label = "Flavour of the U-Net", choices = { "pytorch", "keras" },
		description = "pytorch: learned 2x up-sampling (reference PyTorch); keras: nearest " +
			"up-sampling (reference Keras)")
	private String flavour = "pytorch";

	@Parameter(persist = false, label = "Width of the first convolution", min = "1", max = "256",
		description = "Base number of filters; 32 is the paper's network")
	private int width = 32;

	@Parameter(persist = false, label = "Batch size (cubes per step)", min = "1",
		description = "Reference: 64 (PyTorch) or 8 (Keras)")
	private int batch = 8;

	@Parameter(persist = false, label = "Rate of learning (Adam)", description = "Initial Adam learning rate")
	private double rate = 1e-3;

	@Parameter(persist = false, label = "Schedule of the learning rate", description = "step:N[:gamma] " +
		"(x gamma every N epochs; reference PyTorch step:40:0.5), plateau:P[:gamma[:minDelta" +
		"[:minLr]]] (reference Keras plateau:20) or constant")
	private String schedule = "step:40:0.5";

	@Parameter(persist = false, label = "Epochs at most", min = "1", description = "Upper bound on epochs")
	private int epochs = 10_000;

	@Parameter(persist = false, label = "Patience of early stopping (epochs)", min = "1",
		description = "Stop after this many epochs without a lower mean validation loss")
	private int patience = 50;

	@Parameter(persist = false, label = "Rec weight (lambda_rec)", description = "Weight of the restoration MSE")
	private double rec = 1;

	@Parameter(persist = false, label = "Cls weight (lambda_cls)",
		description = "Weight of the visual-word cross-entropy")
	private double cls = 0.01;

	@Parameter(persist = false, label = "Pretext weight", description = "Weight of the rotation-class " +
		"cross-entropy (rotation+vw mode)")
	private double pretext = 1;

	@Parameter(persist = false, label = "Workers reading and perturbing cubes", min = "1", max = "64",
		description = "Data threads preparing batches ahead of the trainer")
	private int workers = 2;

	@Parameter(persist = false, label = "Every N epochs keep a checkpoint", min = "0",
		description = "0: keep only the last and the best checkpoint")
	private int every = 0;

	@Parameter(persist = false, label = "Device", description = "auto (GPU when DJL finds one), cpu, or gpu:N")
	private String device = "auto";

	@Parameter(persist = false, label = "Threads of the engine", min = "0", description = "PyTorch intra-op " +
		"threads; 0 = engine default. Only effective before the engine's first use")
	private int threads = 0;

	@Parameter(label = "Seed of the run", persist = false,
		description = "Weights, batch order and perturbations derive from it")
	private long seed = 1;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was trained and " +
		"where it was written")
	private String report;

	@Override
	public void run() {
		final PretrainingConfig config;
		final Device dev;
		try {
			if (dataset == null || !dataset.isDirectory()) throw new IllegalArgumentException(
				"dataset: expected an existing visual-word dataset folder, got " + dataset);
			if (output == null) throw new IllegalArgumentException("output: expected a folder");
			config = new PretrainingConfig(PretextMode.of(mode), rec, cls, pretext, Flavour.valueOf(
				flavour(flavour)), width, workers, new TrainingSettings(rate, epochs, batch, patience,
					LrSchedule.parse(schedule), seed, every, false));
			if (threads > 0) EngineSession.threads(threads);
			dev = EngineSession.device(device);
		}
		catch (final IllegalArgumentException e) {
			cancel(e.getMessage());
			return;
		}
		final Progress progress = StatusProgress.of(status);
		try (CubeSource data = VisualWordCubes.open(dataset.toPath())) {
			final PretrainingResult r = new Pretrainer(config, dev, progress, Cancellation.of(
				this::isCanceled)).observe(epochLog()).run(data, output.toPath());
			final Path csv = r.bundle().resolve(Pretrainer.METRICS);
			LossCurvePlot.save(MetricsCsv.read(csv), "TransVW pre-training (" + config.mode() + ")",
				r.bundle().resolve(PLOT));
			report = String.format(Locale.ROOT, "pre-training %s: %d epochs (%s), best epoch %d, " +
				"validation loss %.5g; bundle %s", config.mode(), r.training().lastEpoch(), r
					.training().reason().name().toLowerCase(Locale.ROOT), r.training().bestEpoch(), r
						.training().bestLoss(), r.bundle());
			status.showStatus(report);
		}
		catch (final IllegalArgumentException e) {
			cancel(e.getMessage());
		}
		catch (final IOException e) {
			final String m = String.valueOf(e.getMessage());
			cancel(m.startsWith("dataset:") ? m : "output: " + m);
		}
		catch (final CancellationException e) {
			report = e.getMessage();
			status.showStatus(report);
			if (!isCanceled()) cancel(report);
		}
	}

	private TrainingObserver epochLog() {
		return new TrainingObserver() {

			@Override
			public void onEpoch(final EpochMetrics m) {
				if (log != null) log.info(String.format(Locale.ROOT,
					"epoch %d: train %s, validation %s, lr %.3g, %.1f s, data wait %.0f%%", m.epoch(), m
						.train(), m.validation(), m.learningRate(), m.seconds(), 100 * m
							.dataWaitFraction()));
			}
		};
	}

	private static String flavour(final String f) {
		final String v = f == null ? "" : f.trim().toUpperCase(Locale.ROOT);
		if (!v.equals("PYTORCH") && !v.equals("KERAS")) throw new IllegalArgumentException(
			"flavour: expected pytorch or keras, got '" + f + "'");
		return v;
	}
}
