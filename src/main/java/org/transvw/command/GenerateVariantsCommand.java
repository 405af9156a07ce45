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
import org.transvw.data.phantom.VariantConfig;
import org.transvw.data.phantom.Variants;

/**
 * Writes seeded, physically plausible variants of one real scan and its label map (elastic +
 * affine deformation, bias field, noise, resampling; docs/real-data.md). Macro:
 * <pre>
 * run("Generate variants", "image=[/data/colin27_ch2.nii.gz] labelmap=[/data/colin27_brain_mask.nii.gz] output=[/tmp/variants] count=8 first=0 spacings=2,2,2;2,2,3 elastic=3 control=40 rotation=5 scale=0.05 shift=5 bias=0.1 noise=3 labelled=1 seed=1");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Generate variants")
public class GenerateVariantsCommand extends TransVwCommand {

	@Parameter(label = "Image (3D scan file)", style = "file",
		description = "The real scan the variants are made of (NIfTI, NRRD, TIFF, DICOM folder)")
	private File image;

	@Parameter(label = "Labelmap on the image's grid (optional)", style = "file", required = false,
		description = "Its labels are deformed with the image (nearest neighbour) into labels/")
	private File labelmap;

	@Parameter(label = "Output folder", style = "directory",
		description = "images/, labels/ and variants.csv are written inside it")
	private File output;

	@Parameter(label = "Count of variants", min = "1", max = "10000",
		description = "Number of variants to write")
	private int count = 8;

	@Parameter(label = "First variant index", min = "0", description =
		"Variants first..first+count-1 of the seed: disjoint ranges give disjoint collections")
	private int first = 0;

	@Parameter(label = "Spacings (mm)", description =
		"Output voxel sizes along the image's axes, e.g. 2 or 2,2,2;2,2,3 (variant i uses entry i mod n)")
	private String spacings = "2,2,2";

	@Parameter(label = "Elastic displacement sd (mm)", min = "0",
		description = "sd of each B-spline control point's displacement per axis")
	private double elastic = 3;

	@Parameter(label = "Control point distance (mm)", description =
		"Distance between elastic control points (larger = smoother deformation)")
	private double control = 40;

	@Parameter(label = "Rotation (degrees)", min = "0", max = "45",
		description = "Rotations uniform in +-rotation about each axis")
	private double rotation = 5;

	@Parameter(label = "Scale change", min = "0", description =
		"Per-axis scale uniform in 1 +- scale (below 0.5)")
	private double scale = 0.05;

	@Parameter(label = "Shift (mm)", min = "0", description = "Translations uniform in +-shift")
	private double shift = 5;

	@Parameter(label = "Bias field sd", min = "0", max = "1", description =
		"sd of the log of the smooth multiplicative intensity bias field")
	private double bias = 0.1;

	@Parameter(label = "Noise standard deviation", min = "0", description =
		"Additive Gaussian noise in the image's intensity units")
	private double noise = 3;

	@Parameter(label = "Labelled every n-th slice", min = "1", max = "1000", description =
		"1 = every slice labelled; n > 1 = every n-th slice of the last axis, 255 (unlabelled) elsewhere")
	private int labelled = 1;

	@Parameter(label = SharedParameters.SEED_LABEL, persist = false,
		description = SharedParameters.SEED_DESCRIPTION)
	private long seed = 1;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was written")
	private String report;

	@Override
	protected void execute() throws IOException {
		final Path img = Inputs.file(image, "image", "a 3D scan file");
		final Path lab = Inputs.optional(labelmap) == null ? null : Inputs.file(labelmap,
			"labelmap", "a label map file on the image's grid");
		final Volume source = read(img, "image");
		final VariantConfig config = VariantConfig.defaults().withSpacings(VariantConfig
			.parseSpacings(spacings, source.numDimensions())).withDeformation(elastic, control,
				rotation, scale, shift).withIntensity(bias, noise).withLabelledEvery(labelled);
		final OutputFolder out = OutputFolder.prepare(output == null ? null : output.toPath(),
			"output", overwrite, Variants.files(first, count, lab != null));
		Variants.write(source, lab == null ? null : read(lab, "labelmap"), img.getFileName()
			.toString(), config, seed, first, count, out, progress(), cancellation());
		report = "variants: " + count + " written to " + output.getAbsolutePath() + " (" + config
			.describe() + ")";
		status(report);
	}

	private static Volume read(final Path p, final String key) throws IOException {
		try {
			return VolumeIO.read(p);
		}
		catch (final IOException e) {
			throw new IllegalArgumentException(key + ": cannot read " + p + " (" + e.getMessage() +
				")");
		}
	}

	@Override
	protected String cancelledNote() {
		return "variants written so far are kept";
	}
}
