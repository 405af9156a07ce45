package org.transvw.command;

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

	static final String VALIDATION_LABEL = "Validation fraction held out";
	static final String VALIDATION_DESCRIPTION = "Share of the cases (or cubes, or patients) held " +
		"out for validation, chosen by a seeded shuffle";

	static final String FRESH_DESCRIPTION = "Start over: replaces this run's own checkpoints " +
		"(a rerun with other settings is refused without it; files TransVW did not write stay)";

	static final String OUTPUT_BUNDLE_LABEL = "Output bundle folder";

	private SharedParameters() {}
}
