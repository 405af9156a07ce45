package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.discovery.CoordinateRules;
import org.transvw.discovery.ExtractorSettings;
import org.transvw.discovery.SelfDiscovery;
import org.transvw.discovery.SelfDiscoveryConfig;
import org.transvw.discovery.SelfDiscoveryResult;
import org.transvw.discovery.TissueCriterion;

/**
 * Self-discovery of visual words (TransVW stage 1): a folder of unlabeled scans in, a
 * visual-word dataset folder out. Resumes an interrupted run in the same output folder. Macro:
 * <pre>
 * run("Self-discovery", "input=[/data/ct] output=[/data/words] classes=0 k=0 validation=-1 fraction=0.2 patch=[64,64,32] criterion=lung normalization=ct grid=[128,128,64] width=32 skips epochs=100 batch=8 patience=50 extractor=[] device=auto seed=1");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Self-discovery")
public class SelfDiscoveryCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter(label = "Input collection folder", style = "directory",
		description = "Folder of scans (NIfTI, TIFF, DICOM series folders), one patient each, all " +
			"of one modality")
	private File input;

	@Parameter(label = "Output dataset folder", style = "directory",
		description = "Where the visual-word dataset is written; an interrupted run in the same " +
			"folder with the same settings resumes")
	private File output;

	@Parameter(label = "Classes C (0 = automatic)", min = "0", persist = false,
		description = "Number of visual words; 0 = min(45, training patients) (paper: 45 for CT)")
	private int classes = 0;

	@Parameter(label = "K training patients per word (0 = automatic)", min = "0",
		persist = false, description = "Nearest training patients per word, reference included; " +
			"0 = min(200, training patients / 3) (paper: 200)")
	private int k = 0;

	@Parameter(label = "Validation patients per word (-1 = automatic)", min = "-1",
		persist = false, description = "Nearest held-apart patients per word; -1 = min(30, " +
			"validation patients) (reference: 30)")
	private int validation = -1;

	@Parameter(label = "Fraction of patients held apart for validation", min = "0", max = "0.9",
		persist = false, description = "Share of the collection used only as validation patients")
	private double fraction = 0.2;

	@Parameter(label = "Patch size x,y,z (x,y for 2D X-ray)", persist = false,
		description = "Cube size of every instance; reference 64,64,32; 224,224 for X-ray")
	private String patch = "64,64,32";

	@Parameter(label = "Criterion for word locations", choices = { "lung", "foreground", "any" },
		persist = false, description = "lung: at most 15 % of the cube at or above -150 HU (chest " +
			"CT, the reference); foreground: at least half of the cube above 0.1 (other anatomy, " +
			"MRI); any: no test")
	private String criterion = "lung";

	@Parameter(label = "Normalization of intensities", choices = { "ct", "percentile", "none" },
		persist = false, description = "ct: clip [-1000, 1000] HU to [0, 1]; percentile: per scan " +
			"0.5-99.5 % to [0, 1] (MRI); none: scans already in [0, 1]")
	private String normalization = "ct";

	@Parameter(label = "Grid x,y,z of the auto-encoder", persist = false,
		description = "Whole scans are resized (anti-aliased) to this grid, multiples of 8; " +
			"reference 128,128,64")
	private String grid = "128,128,64";

	@Parameter(label = "Width (base) of the auto-encoder U-Net", min = "1", max = "256",
		persist = false, description = "Base channel count; 32 gives the reference's 512-d feature")
	private int width = 32;

	@Parameter(label = "Skips: keep U-Net skip connections in the auto-encoder", persist = false,
		description = "On: the reference's U-Net; off: a true auto-encoder (reference --arch Vnet)")
	private boolean skips = true;

	@Parameter(label = "Epochs (maximum) of auto-encoder training", min = "1", persist = false,
		description = "Upper bound; training stops early after 'patience' stale epochs " +
			"(reference 10000)")
	private int epochs = 100;

	@Parameter(label = "Batch size of auto-encoder training", min = "1", persist = false,
		description = "Scans per step (reference 8)")
	private int batch = 8;

	@Parameter(label = "Patience (epochs) of early stopping", min = "1", persist = false,
		description = "Stop after so many epochs without a better validation loss (reference 50)")
	private int patience = 50;

	@Parameter(label = "Extractor bundle (optional pre-trained model folder)", required = false,
		style = "directory", persist = false, description = "A model bundle whose encoder gives " +
			"the features instead of training an auto-encoder; empty: train one")
	private File extractor;

	@Parameter(label = "Device for the network", persist = false,
		description = "auto, cpu, gpu or gpu:N")
	private String device = "auto";

	@Parameter(label = "Seed of the run", persist = false,
		description = "The same seed and parameters always give the same dataset")
	private long seed = 1;

	@Parameter(label = "Summary", type = ItemIO.OUTPUT, description = "What was written")
	private String summary;

	@Override
	public void run() {
		final SelfDiscoveryConfig config;
		try {
			if (input == null || !input.isDirectory()) throw new IllegalArgumentException(
				"input: expected a folder of scans, got " + input);
			if (output == null) throw new IllegalArgumentException(
				"output: expected a dataset folder, got none");
			config = config();
		}
		catch (final IllegalArgumentException e) {
			cancel(e.getMessage());
			return;
		}
		final Progress progress = StatusProgress.of(status);
		try {
			final SelfDiscoveryResult r = SelfDiscovery.run(input.toPath(), output.toPath(), config,
				progress, Cancellation.of(this::isCanceled));
			summary = String.format(java.util.Locale.ROOT,
				"self-discovery: %d visual words, K = %d, %d validation per word, %d + %d patients, " +
					"%.1f s -> %s", r.numClasses(), r.k(), r.kValidation(), r.trainPatients(), r
						.validationPatients(), r.seconds(), output.getAbsolutePath());
			status.showStatus(summary);
		}
		catch (final IllegalArgumentException e) {
			cancel(e.getMessage());
		}
		catch (final IOException e) {
			cancel("input/output: " + e.getMessage());
		}
		catch (final CancellationException e) {
			status.showStatus("self-discovery cancelled; run it again on the same folder to resume");
		}
	}

	private SelfDiscoveryConfig config() {
		final int[] p = ints(patch, "patch");
		final ExtractorSettings ex = ExtractorSettings.defaults().withGrid(ints(grid, "grid"))
			.withNetwork(width, skips).withTraining(ExtractorSettings.defaultTraining().withMaxEpochs(
				epochs).withBatch(batch).withPatience(patience)).withBundle(
				extractor == null || extractor.getPath().isEmpty() ? null : extractor.toPath())
			.withDevice(device);
		final SelfDiscoveryConfig base = SelfDiscoveryConfig.defaults().withPatch(p);
		return base.withRules(CoordinateRules.defaults(p, TissueCriterion.byName(criterion)))
			.withCounts(classes, k, validation).withValidationFraction(fraction).withNormalization(
				normalization).withExtractor(ex).withSeed(seed);
	}

	private static int[] ints(final String s, final String parameter) {
		try {
			return Arrays.stream(s.split("[,x ]+")).filter(t -> !t.isEmpty()).mapToInt(
				Integer::parseInt).toArray();
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(parameter +
				": expected comma-separated integers, e.g. 64,64,32, got '" + s + "'");
		}
	}
}
