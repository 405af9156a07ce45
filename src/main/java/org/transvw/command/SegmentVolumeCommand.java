package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.Volume;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.prepare.InputPlan;
import org.transvw.imagej.ImagePlusBridge;
import org.transvw.inference.SegmentationBundle;
import org.transvw.inference.SegmentVolume;
import org.transvw.inference.SegmentationResult;
import org.transvw.inference.SlidingWindowConfig;
import org.transvw.inference.UncertainSegmentation;
import org.transvw.inference.UncertaintyMode;
import org.transvw.inference.UncertaintySegmenter;
import org.transvw.network.ModelBundle;
import org.transvw.network.NetworkChoice;
import org.transvw.network.NetworkConfig;

import ij.ImagePlus;
import ij.measure.ResultsTable;

/**
 * Segments a whole volume with a fine-tuned bundle the way it was trained (modality checked, the
 * bundle's recipe and training spacing, RAS) by Gaussian-blended sliding window, and writes a
 * float probability image and a label image on the input's own grid (size, calibration,
 * orientation), with a sidecar JSON saying how. Macro:
 * <pre>
 * run("Segment volume", "file=[/data/case_009.nii.gz] bundle=[/models/lesions] overlap=0.5 budget=2 modality=auto normalization=auto spacing=auto device=auto output=[/out]");
 * </pre>
 * With {@code uncertainty=tta} it also outputs the predictive-entropy map (and the variance across
 * the augmentations) and a table with the case's mean uncertainty ({@link UncertaintySegmenter};
 * docs/beyond.md).
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Segment volume")
public class SegmentVolumeCommand extends VolumeCommand {

	@Parameter(label = "Input image (or give a file)", required = false, persist = false,
		description = "An open 3D image (one channel, one frame); ignored when a file is given")
	private ImagePlus input;

	@Parameter(label = "File to segment (optional)", style = "open", required = false,
		persist = false,
		description = "A volume file (NIfTI, TIFF, DICOM) to segment instead of an open image")
	private File file;

	@Parameter(persist = false, label = "Bundle of the fine-tuned model", style = "directory",
		description = "Segmentation bundle written by Fine-tune (segmentation)")
	private File bundle;

	@Parameter(label = "Overlap of tiles", persist = false,
		description = "Fraction of a tile shared with its neighbour, in [0, 1); 0.5 = nnU-Net")
	private double overlap = 0.5;

	@Parameter(label = "Flip test-time augmentation", persist = false,
		description = "Average the predictions of the 8 flips of x, y, z (8x slower)")
	private boolean flip;

	@Parameter(label = "Budget of tiles per batch", min = "1", max = "4096", persist = false,
		description = "Tiles sent to the device at once; bounds device memory")
	private int budget = SlidingWindowConfig.DEFAULT_TILE_BUDGET;

	@Parameter(label = "Output folder to also write NIfTI results to (optional)",
		style = "directory", required = false, persist = false, description = "If set, " +
			"probabilities/<name>.nii.gz and labels/<name>.nii.gz (on the input's grid; labels/ " +
			"can be evaluated against a labels folder by name) and <name>.json (modality, " +
			"normalisation applied, geometry) are written inside it; with uncertainty=tta also " +
			"uncertainty/<name>.nii.gz and variance/<name>.nii.gz")
	private File output;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Uncertainty (none, tta, mc)", choices = { "none", "tta", "mc" },
		persist = false, description = "tta: test-time augmentation over flips and x/y " +
			"transpositions (8-16x slower), giving a predictive-entropy map; mc is refused (no dropout)")
	private String uncertainty = "none";

	@Parameter(label = "Probability", type = ItemIO.OUTPUT,
		description = "Foreground probability (softmax models: 1 - p(background))")
	private ImagePlus probability;

	@Parameter(label = "Labels", type = ItemIO.OUTPUT,
		description = "Label image: p > 0.5 (binary) or the arg-max class")
	private ImagePlus labels;

	@Parameter(label = "Entropy", type = ItemIO.OUTPUT, required = false,
		description = "uncertainty=tta: predictive entropy of the mean probability (nats)")
	private ImagePlus entropy;

	@Parameter(label = "Variance", type = ItemIO.OUTPUT, required = false,
		description = "uncertainty=tta: variance of the foreground probability across the passes")
	private ImagePlus variance;

	@Parameter(label = "Uncertainty table", type = ItemIO.OUTPUT, required = false,
		description = "uncertainty=tta: the case's mean uncertainty")
	private ResultsTable table;

	@Parameter(label = "Passes per tile", type = ItemIO.OUTPUT,
		description = "Forward passes per tile: the cost multiplier against plain prediction")
	private int passes;

	@Parameter(label = "Mean entropy", type = ItemIO.OUTPUT,
		description = "uncertainty=tta: mean predictive entropy over all voxels (NaN otherwise)")
	private double meanentropy = Double.NaN;

	@Override
	protected void execute() throws IOException {
		final UncertaintyMode mode = UncertaintyMode.parse(uncertainty);
		final SegmentationBundle.Settings settings = new SegmentationBundle.Settings(overlap, budget,
			flip);
		final Path model = Inputs.folder(bundle, "bundle", "a segmentation bundle folder");
		final Source in = source();
		final Path dir = Inputs.optional(output);
		final OutputFolder out = dir == null ? null : OutputFolder.prepare(dir, "output", overwrite,
			SegmentVolume.Output.files(in.name(), mode == UncertaintyMode.TTA));
		try (ModelBundle b = SegmentationBundle.load(model, device())) {
			final SegmentVolume.Output o = segment(b, in, mode == UncertaintyMode.TTA, settings);
			publish(o, in, settings);
			if (out != null) o.write(out);
		}
		status("segmented " + in.name() + " (" + passes + " pass(es) per tile)");
	}

	/** The image to segment, its name for outputs, how the log names it, and its key. */
	private record Source(Volume volume, String name, String label, String key) {}

	private Source source() throws IOException {
		final Path path = Inputs.optional(file) == null ? null : Inputs.existing(file, "file",
			"a volume file (NIfTI, TIFF) or DICOM series folder");
		if (path != null) return new Source(VolumeIO.read(path, inputs().voxel()), VolumeIO.stem(
			path), path.getFileName().toString(), "file");
		// a volume or a 2D image: the bundle's network decides which (checked in segment)
		return new Source(Inputs.calibrated(input, "input", 0, inputs().voxel()), input
			.getShortTitle(), "'" + input.getTitle() + "'", "input");
	}

	private SegmentVolume.Output segment(final ModelBundle b, final Source in,
		final boolean uncertain, final SegmentationBundle.Settings settings) throws IOException
	{
		final NetworkConfig net = b.description().network();
		NetworkChoice.requireDimensions(in.key(), net.choice().key() + " of the bundle", net
			.spatialDimensions(), in.volume().numDimensions());
		info(NetworkChoice.KEY + ": " + net.choice().key() + " (the bundle's)");
		final InputPlan plan = SegmentVolume.plan(in.volume(), in.label(), inputs(), b.description());
		log(plan);
		return uncertain ? SegmentationBundle.segmentUncertain(b, in.volume(), in.name(), plan,
			settings, progress(), cancellation()) : SegmentationBundle.segment(b, in.volume(), in
				.name(), plan, settings, progress(), cancellation());
	}

	/** The output images, the uncertainty table and what the log says of the run. */
	private void publish(final SegmentVolume.Output o, final Source in,
		final SegmentationBundle.Settings settings)
	{
		final UncertainSegmentation u = o.uncertainty();
		final SegmentationResult r = o.result();
		info("geometry " + o.geometry().summary());
		info(in.name() + ": " + o.normalization());
		passes = u != null ? u.passes() : settings.passes(in.volume().numDimensions());
		info(in.name() + ": " + passes + " forward pass(es) per tile (" + passes + "x the cost of " +
			"plain prediction)");
		probability = ImagePlusBridge.toImagePlus(r.foreground(), in.name() + "_probability");
		labels = ImagePlusBridge.toImagePlus(r.labels(), in.name() + "_labels");
		if (u != null) uncertaintyOutputs(u, in.name());
	}

	private void uncertaintyOutputs(final UncertainSegmentation u, final String name) {
		entropy = ImagePlusBridge.toImagePlus(u.entropy(), name + "_entropy");
		variance = ImagePlusBridge.toImagePlus(u.variance(), name + "_variance");
		meanentropy = u.meanEntropy();
		table = new ResultsTable();
		table.incrementCounter();
		table.addValue("case", name);
		table.addValue("passes", u.passes());
		table.addValue("mean_entropy", u.meanEntropy());
		table.addValue("mean_entropy_foreground", u.meanEntropyForeground());
		table.addValue("foreground_voxels", u.foregroundVoxels());
		table.addValue("mean_variance", u.meanVariance());
		table.addValue("max_entropy", u.maxEntropy());
	}
}
