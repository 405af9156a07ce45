package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.Volume;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.io.VolumeIO;
import org.transvw.finetuning.Scribbles;
import org.transvw.imagej.ImagePlusBridge;
import org.transvw.imagej.RoiScribbles;

import ij.ImagePlus;

/**
 * Turns scribbles drawn in Fiji into a sparse label volume that <em>Fine-tune
 * (segmentation)</em> reads: ROIs of the ROI Manager, of the image's overlay or of a
 * {@code .roi}/{@code .zip} file, or a Labkit label TIFF ({@link RoiScribbles#read}); unlabelled
 * voxels are 255. Written as {@code <output>/<name>.nii.gz} with the image's grid, through the
 * output guard (an earlier label file of TransVW's is replaced only with {@code overwrite}; a
 * labels folder holding the user's own files needs {@code overwrite} to write beside them, and
 * those are never replaced; docs/beyond.md). Macro:
 * <pre>
 * run("Labels from ROIs", "input=case_003 source=manager output=[/data/labels] name=case_003");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Labels from ROIs")
public class LabelsFromRoisCommand extends TransVwCommand {

	@Parameter(label = "Input image the scribbles belong to", persist = false,
		description = "Its size and calibration become the label volume's grid")
	private ImagePlus input;

	@Parameter(label = "Source of the scribbles", choices = { "auto", "manager", "overlay", "file",
		"labkit" }, persist = false, description = "auto: the file if given (.zip/.roi = ROIs, " +
			".tif = Labkit), else the image's overlay, else the ROI Manager")
	private String source = "auto";

	@Parameter(label = "File of ROIs or Labkit labels (optional)", style = "open", required = false,
		persist = false, description = "A .roi / .zip of ROIs, or a Labkit label .tif")
	private File file;

	@Parameter(label = "Output labels folder", style = "directory", persist = false,
		description = "The labels folder of the fine-tuning; <name>.nii.gz is written inside")
	private File output;

	@Parameter(label = "Name of the label file (optional)", required = false, persist = false,
		description = "Without ending; default: the image's title without ending (it must match " +
			"the image's file name in the images folder)")
	private String name;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Labels", type = ItemIO.OUTPUT,
		description = "The sparse label image (255 = unlabelled)")
	private ImagePlus labels;

	@Parameter(label = "Summary", type = ItemIO.OUTPUT,
		description = "Voxels per class, conflicts, the file written")
	private String summary;

	@Override
	protected void execute() throws IOException {
		if (input == null) throw new IllegalArgumentException("input: expected an open image, got " +
			"none");
		final String base = name != null && !name.isBlank() ? name.trim() : input.getTitle()
			.replaceFirst("(?i)\\.(nii\\.gz|nii|tiff?|dcm)$", "");
		if (base.isEmpty() || base.contains("/") || base.contains("\\") || base.startsWith("."))
			throw new IllegalArgumentException("name: expected a file name without folders (the " +
				"image's file name in the images folder, without ending), got '" + base + "'");
		final String target = base + ".nii.gz";
		final OutputFolder out = OutputFolder.prepare(Inputs.optional(output), "output", overwrite,
			List.of(target));
		final Scribbles.Result r = RoiScribbles.read(input, source, Inputs.optional(file));
		final Volume v = RoiScribbles.labelVolume(input, r.labels());
		VolumeIO.write(v, out.claim(target));
		labels = ImagePlusBridge.toImagePlus(v, base + "_labels");
		summary = r.summary() + "; wrote " + out.dir().resolve(target);
		status("TransVW: " + summary);
	}
}
