package org.transvw.command;

import org.scijava.plugin.Parameter;
import org.transvw.data.prepare.InputOptions;

/**
 * A command that runs a network on volumes prepared for a network: the shared input keys (modality,
 * normalization, window, spacing, voxel, crop; docs/data.md, "Geometry" and "Modality and
 * normalisation") spelled and explained once ({@link SharedParameters}) and mapped in one place
 * ({@link #inputs()}) onto the core's {@link InputOptions}.
 * <p>
 * NB: SciJava finds parameters by inheritance only, so this block sits twice, once above
 * {@link EngineCommand} and once above {@link TrainingCommand} (the other one: VolumeTrainingCommand); {@code CommandCatalogTest} checks that
 * both spell each key alike.
 */
public abstract class VolumeCommand extends EngineCommand {

	@Parameter(label = SharedParameters.MODALITY_LABEL, choices = { "auto", "ct", "mr", "xray" },
		persist = false, description = SharedParameters.MODALITY_DESCRIPTION)
	protected String modality = "auto";

	@Parameter(label = SharedParameters.NORMALIZATION_LABEL, choices = { "auto", "bundle", "ct-window",
		"mr-percentile", "zscore", "none" }, persist = false,
		description = SharedParameters.NORMALIZATION_DESCRIPTION)
	protected String normalization = "auto";

	@Parameter(label = SharedParameters.WINDOW_LABEL, required = false, persist = false,
		description = SharedParameters.WINDOW_DESCRIPTION)
	protected String window = "";

	@Parameter(label = SharedParameters.SPACING_LABEL, persist = false,
		description = SharedParameters.SPACING_DESCRIPTION)
	protected String spacing = "auto";

	@Parameter(label = SharedParameters.VOXEL_LABEL, required = false, persist = false,
		description = SharedParameters.VOXEL_DESCRIPTION)
	protected String voxel = "";

	@Parameter(label = SharedParameters.CROP_LABEL, persist = false,
		description = SharedParameters.CROP_DESCRIPTION)
	protected boolean crop;

	/** The input keys as the core's options; messages name the key. */
	protected final InputOptions inputs() {
		return SharedParameters.inputs(modality, normalization, window, spacing, voxel, crop);
	}
}
