package org.transvw.study;

import java.nio.file.Path;

import org.transvw.common.Checks;

/**
 * One initialisation compared in a study: training from scratch, or a pre-trained bundle.
 *
 * @param name the name in tables, plots and cell folders ("scratch", or the bundle folder's name)
 * @param bundle the bundle folder, or null for scratch
 * @param identity what the initialisation is, for the cell key: "scratch", or the SHA-256 of the
 *          bundle's weights
 */
public record Arm(String name, Path bundle, String identity) {

	/** The name of training from random initialisation. */
	public static final String SCRATCH = "scratch";

	public Arm {
		Checks.require(name != null && name.matches("[A-Za-z0-9_.-]+"), "initialisation name",
			"letters, digits, '_', '.', '-', got " + name);
		Checks.notNull(identity, "identity");
	}

	/** Training from random initialisation. */
	public static Arm scratch() {
		return new Arm(SCRATCH, null, SCRATCH);
	}

	public boolean isScratch() {
		return bundle == null;
	}
}
