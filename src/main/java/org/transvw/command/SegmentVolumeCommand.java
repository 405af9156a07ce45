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
import org.transvw.data.prepare.InputOptions;
import org.transvw.imagej.ImagePlusBridge;
import org.transvw.inference.SegmentationBundle;
import org.transvw.inference.SegmentVolume;
import org.transvw.inference.SlidingWindowConfig;
import org.transvw.network.ModelBundle;

import ij.ImagePlus;

/**
 * Segments a whole volume with a fine-tuned bundle the way it was trained (modality checked, the
 * bundle's recipe and training spacing, RAS) by Gaussian-blended sliding window, and writes a
 * float probability image and a label image on the input's own grid (size, calibration,
 * orientation), with a sidecar JSON saying how. Macro:
 * <pre>
 * run("Segment volume", "file=[/data/case_009.nii.gz] bundle=[/models/lesions] overlap=0.5 budget=2 modality=auto normalization=auto spacing=auto device=auto output=[/out]");
 * </pre>
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
			"probabilities/<name>.nii.gz and labels/<name>.nii.gz are written inside it (labels/ " +
			"can be evaluated against a labels folder by name)")
	private File output;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Probability", type = ItemIO.OUTPUT,
		description = "Foreground probability (softmax models: 1 - p(background))")
	private ImagePlus probability;

	@Parameter(label = "Labels", type = ItemIO.OUTPUT,
		description = "Label image: p > 0.5 (binary) or the arg-max class")
	private ImagePlus labels;

	@Override
	protected void execute() throws IOException {
		final SegmentationBundle.Settings settings = new SegmentationBundle.Settings(overlap, budget,
			flip);
		final InputOptions inputs = inputs();
		final Path model = Inputs.folder(bundle, "bundle", "a segmentation bundle folder");
		final Path path = Inputs.optional(file) == null ? null : Inputs.existing(file, "file",
			"a volume file (NIfTI, TIFF) or DICOM series folder");
		final Volume volume = path != null ? VolumeIO.read(path, 3, inputs.voxel()) : Inputs
			.calibrated(input, "input", 3, inputs.voxel());
		final String name = path != null ? VolumeIO.stem(path) : input.getShortTitle();
		final String source = path != null ? path.getFileName().toString() : "'" + input.getTitle() +
			"'";
		final Path dir = Inputs.optional(output);
		final OutputFolder out = dir == null ? null : OutputFolder.prepare(dir, "output", overwrite,
			SegmentVolume.Output.files(name));
		try (ModelBundle b = SegmentationBundle.load(model, device())) {
			final SegmentVolume.Output r = SegmentationBundle.segment(b, volume, name, SegmentVolume
				.plan(volume, source, inputs, b.description()), settings, progress(), cancellation());
			log(r.input());
			info("geometry " + r.geometry().summary());
			info(name + ": " + r.normalization());
			probability = ImagePlusBridge.toImagePlus(r.result().foreground(), name + "_probability");
			labels = ImagePlusBridge.toImagePlus(r.result().labels(), name + "_labels");
			if (out != null) r.write(out);
		}
		status("segmented " + name);
	}
}
