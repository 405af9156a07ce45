package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.discovery.CoordinateRules;
import org.transvw.discovery.ExtractorSettings;
import org.transvw.discovery.SelfDiscovery;
import org.transvw.discovery.SelfDiscoveryConfig;
import org.transvw.discovery.SelfDiscoveryResult;
import org.transvw.discovery.TissueCriterion;
import org.transvw.discovery.dataset.VisualWordDatasetWriter;

/**
 * Self-discovery of visual words (TransVW stage 1): a folder of unlabeled scans in, a
 * visual-word dataset folder out. Resumes an interrupted run in the same output folder. Macro:
 * <pre>
 * run("Self-discovery", "input=[/data/ct] output=[/data/words] classes=0 k=0 kval=-1 validation=0.2 patch=[64,64,32] criterion=auto modality=auto normalization=auto spacing=auto grid=[128,128,64] width=32 skips epochs=100 batch=8 lr=0.001 patience=50 extractor=[] device=auto seed=1");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Self-discovery")
public class SelfDiscoveryCommand extends VolumeTrainingCommand {

	@Parameter(label = "Input collection folder", style = "directory",
		description = "Folder of scans (NIfTI, TIFF, DICOM series folders), one patient each, all " +
			"of one modality")
	private File input;

	@Parameter(label = "Output dataset folder", style = "directory",
		description = "Where the visual-word dataset is written; an interrupted run in the same " +
			"folder with the same settings resumes")
	private File output;

	@Parameter(label = "Classes C: visual words (0 = automatic)", min = "0", max = "100000",
		persist = false, description = "Number of visual words; 0 = min(45, training patients) " +
			"(paper: 45 for CT)")
	private int classes = 0;

	@Parameter(label = "K training patients per word (0 = automatic)", min = "0", max = "100000",
		persist = false, description = "Nearest training patients per word, reference included; " +
			"0 = min(200, training patients / 3) (paper: 200)")
	private int k = 0;

	@Parameter(label = "Kval: validation patients per word (-1 = automatic)", min = "-1",
		max = "100000", persist = false, description = "Nearest held-apart patients per word; -1 " +
			"= min(30, validation patients) (reference: 30)")
	private int kval = -1;

	@Parameter(label = SharedParameters.VALIDATION_LABEL, min = "0", max = "0.9", persist = false,
		description = SharedParameters.VALIDATION_DESCRIPTION)
	private double validation = 0.2;

	@Parameter(label = SharedParameters.PATCH_LABEL, persist = false,
		description = SharedParameters.PATCH_DESCRIPTION + "; x,y for 2D X-ray (224,224)")
	private String patch = "64,64,32";

	@Parameter(label = "Criterion for word locations", choices = { "auto", "lung", "foreground",
		"any" }, persist = false, description = "auto: lung for volumes, any for 2D images; lung: " +
			"at most 15 % of the cube at or above -150 HU (chest CT, the reference); foreground: at " +
			"least half of the cube above 0.1 (other anatomy, MRI); any: no test")
	private String criterion = "auto";

	@Parameter(label = "Grid x,y,z of the auto-encoder", persist = false,
		description = "Whole scans are resized (anti-aliased) to this grid, multiples of 8; " +
			"reference 128,128,64; 2D images use its x,y (or give x,y)")
	private String grid = "128,128,64";

	@Parameter(label = "Skips: keep U-Net skip connections in the auto-encoder", persist = false,
		description = "On: the reference's U-Net; off: a true auto-encoder (reference --arch Vnet)")
	private boolean skips = true;

	@Parameter(label = "Extractor bundle (optional pre-trained model folder)", required = false,
		style = "directory", persist = false, description = "A model bundle whose encoder gives " +
			"the features instead of training an auto-encoder; empty: train one")
	private File extractor;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Summary", type = ItemIO.OUTPUT, description = "What was written")
	private String summary;

	{
		batch = 8;
		patience = 50;
	}

	@Override
	protected void execute() throws IOException {
		if (input == null || !input.isDirectory()) throw new IllegalArgumentException(
			"input: expected a folder of scans, got " + (input == null ? "none" : input + (input
				.exists() ? " (not a folder)" : " (no such folder)")));
		final SelfDiscoveryConfig config = config();
		final List<String> files = new ArrayList<>(VisualWordDatasetWriter.FILES);
		files.add(SelfDiscovery.CACHE + "/");
		// the dataset writer streams its shards: its files are recorded as TransVW's up front
		OutputFolder.resume(output == null ? null : output.toPath(), "output", overwrite, files)
			.claimPending();
		device();
		final SelfDiscoveryResult r = SelfDiscovery.run(input.toPath(), output.toPath(), config,
			progress(), cancellation());
		log(r.input());
		info(config.explainCounts(r.trainPatients(), r.validationPatients()));
		summary = String.format(Locale.ROOT, "self-discovery: %d visual words, K = %d, %d " +
			"validation per word, %d + %d patients, %.1f s, %s -> %s", r.numClasses(), r.k(), r
				.kValidation(), r.trainPatients(), r.validationPatients(), r.seconds(), r.input()
					.convention().describe(), output.getAbsolutePath());
		status(summary);
	}

	@Override
	protected String cancelledNote() {
		return "run it again on the same folder to resume";
	}

	@Override
	protected String macroKey(final String configurationKey) {
		return configurationKey.equals("grid") ? "grid" : configurationKey.equals(
			"network.skipConnections") ? "skips" : super.macroKey(configurationKey);
	}

	private SelfDiscoveryConfig config() {
		final int[] p = Patches.ints(patch, "patch");
		final ExtractorSettings ex = ExtractorSettings.defaults().withGrid(Patches.ints(grid,
			"grid")).withNetwork(width, skips).withTraining(training(ExtractorSettings
				.defaultTraining())).withBundle(Inputs.optional(extractor)).withDevice(deviceChoice());
		return SelfDiscoveryConfig.defaults().withPatch(p).withRules(CoordinateRules.defaults(p,
			TissueCriterion.byName(criterion))).withCounts(classes, k, kval).withValidationFraction(
				validation).withInput(inputs()).withExtractor(ex).withSeed(seed);
	}
}
