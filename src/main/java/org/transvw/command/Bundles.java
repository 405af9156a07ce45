package org.transvw.command;

import java.io.IOException;
import java.nio.file.Path;

import org.transvw.common.Checks;
import org.transvw.network.ModelBundle;

import ai.djl.Device;

/** The bundle parameters of the fine-tuning commands. */
final class Bundles {

	private Bundles() {}

	/** The pre-trained bundle to start from, or null (from scratch) when none is given. */
	static ModelBundle pretrained(final Path dir, final Device device) throws IOException {
		if (dir == null) return null;
		if (!dir.toFile().isDirectory()) throw new IllegalArgumentException("bundle: expected a " +
			"model bundle folder (or none to train from scratch), got " + dir + (dir.toFile()
				.exists() ? " (not a folder)" : " (no such folder)"));
		return ModelBundle.load(dir, device);
	}

	/**
	 * The segmentation network's outputs for {@code classes} classes counting background: one
	 * sigmoid output for 2 (binary), a softmax over C otherwise.
	 */
	static int segmentationOutputs(final int classes) {
		Checks.inRange(classes, 2, 255, "classes");
		return classes == 2 ? 1 : classes;
	}
}
