package org.transvw.command;

import org.transvw.data.geometry.GeometryChecks;
import org.transvw.data.prepare.InputOptions;

/**
 * The one definition (macro key = field name, label, description) of the parameters several
 * commands declare outside the {@link EngineCommand} / {@link TrainingCommand} blocks, so that a
 * key is spelled and explained the same way everywhere; {@code CommandCatalogTest} checks that
 * every command declaring one of these keys uses these texts. The keys and their old spellings:
 * {@code docs/macros.md}.
 */
final class SharedParameters {

	static final String SEED_LABEL = "Seed of the run";
	static final String SEED_DESCRIPTION = "Every random choice derives from it: the same seed " +
		"and settings give the same result";

	static final String OVERWRITE_LABEL = "Overwrite results of an earlier run";
	static final String OVERWRITE_DESCRIPTION = "Allow an output that already holds results: " +
		"TransVW's own earlier files are replaced; files TransVW did not write are never replaced " +
		"or deleted";

	static final String PATCH_LABEL = "Patch size x,y,z (voxels)";
	static final String PATCH_DESCRIPTION = "Cube the network sees, e.g. 64,64,32 (the " +
		"reference's); each size a multiple of 8";

	static final String NETWORK_LABEL = "Network built (auto = by the data)";
	static final String NETWORK_DESCRIPTION = "auto: the 3D U-Net for volumes, the ResNet-18 " +
		"U-Net for 2D images; unet3d, resnet18-unet, unet2d (the light 2D option); a pre-trained " +
		"bundle brings its own";

	static final String VALIDATION_LABEL = "Validation fraction held out";
	static final String VALIDATION_DESCRIPTION = "Share of the cases (or cubes, or patients) held " +
		"out for validation, chosen by a seeded shuffle";

	static final String FRESH_DESCRIPTION = "Start over: replaces this run's own checkpoints " +
		"(a rerun with other settings is refused without it; files TransVW did not write stay)";

	static final String OUTPUT_BUNDLE_LABEL = "Output bundle folder";

	// The input keys of every command that prepares volumes for a network (docs/data.md,
	// "Geometry" and "Modality and normalisation"); mapped by inputs(...).

	static final String MODALITY_LABEL = "Modality of the images (auto = detect)";
	static final String MODALITY_DESCRIPTION = "auto: from the DICOM tag or the file's header, " +
		"else the intensities (air near -1000 -> CT, none negative -> MR); the log says which and " +
		"why. ct, mr or xray to say it";

	static final String NORMALIZATION_LABEL = "Normalization of intensities";
	static final String NORMALIZATION_DESCRIPTION = "auto: the modality's default (CT: HU window " +
		"to [0, 1]; MR: per-volume 0.5-99.5 percentiles), or a bundle's recipe when the bundle was " +
		"trained on this modality (another modality is refused); bundle: force the bundle's " +
		"recipe; ct-window, mr-percentile, zscore (per-volume foreground mean/sd, +-5 sd to " +
		"[0, 1]) or none to choose";

	static final String WINDOW_LABEL = "Window low,high in HU of the CT normalisation (optional)";
	static final String WINDOW_DESCRIPTION = "The CT window mapped to [0, 1], e.g. -1000,1000 (the " +
		"default, the reference's) or -160,240; empty = -1000,1000";

	static final String SPACING_LABEL = "Spacing (mm) to resample to: auto, median, native or x,y,z";
	static final String SPACING_DESCRIPTION = "auto: a bundle's training spacing, else the " +
		"collection's median (nnU-Net's rule); median; native (each volume keeps its own); 1.5 or " +
		"0.8,0.8,2.5 (mm, RAS x,y,z). Every volume is also reoriented to RAS";

	static final String VOXEL_LABEL = "Voxel size (mm) of files that state none (optional)";
	static final String VOXEL_DESCRIPTION = "x,y,z in mm, e.g. 0.8,0.8,2.5, for TIFF stacks " +
		"without calibration or NIfTI headers with pixdim 0; files with a valid voxel size keep " +
		"their own";

	static final String CROP_LABEL = "Crop every volume to its body / foreground";
	static final String CROP_DESCRIPTION = "Keep the bounding box of the body (CT above -500 HU, " +
		"MR above its 25th percentile) plus 5 mm; outputs are padded back to the full grid";

	static final String TEST_LABEL = "Test fraction held out (never seen by early stopping)";
	static final String TEST_DESCRIPTION = "Share of the volumes held out as a test set, in [0, " +
		"1); 0 = none. Its score is the figure to report; the validation set drives early stopping";

	private SharedParameters() {}

	/** The {@code voxel=} option: the voxel size of files that state none, or null when empty. */
	static double[] voxel(final String text) {
		return text == null || text.isBlank() ? null : GeometryChecks.parseSpacing(text, 3, "voxel");
	}

	/** The input keys as the core's options; messages name the key. */
	static InputOptions inputs(final String modality, final String normalization,
		final String window, final String spacing, final String voxel, final boolean crop)
	{
		return InputOptions.parse(modality, normalization, window, spacing, voxel, crop);
	}
}
