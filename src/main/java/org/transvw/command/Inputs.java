package org.transvw.command;

import java.io.File;
import java.nio.file.Path;

import org.transvw.data.FiniteIntensities;
import org.transvw.data.Volume;
import org.transvw.imagej.ImagePlusBridge;

import ij.ImagePlus;

/** The input parameters of commands: checked once, with messages naming the key. */
final class Inputs {

	private Inputs() {}

	/** An optional file or folder parameter: null when not given (or given empty). */
	static Path optional(final File f) {
		return f == null || f.getPath().isBlank() ? null : f.toPath();
	}

	/** An existing folder, e.g. "images: expected a folder of volumes, got /x (no such folder)". */
	static Path folder(final File f, final String key, final String what) {
		final Path p = optional(f);
		if (p == null || !f.isDirectory()) throw new IllegalArgumentException(key + ": expected " +
			what + ", got " + describe(f));
		return p;
	}

	/** An existing regular file. */
	static Path file(final File f, final String key, final String what) {
		final Path p = optional(f);
		if (p == null || !f.isFile()) throw new IllegalArgumentException(key + ": expected " + what +
			", got " + describe(f));
		return p;
	}

	/** An existing file or folder (a DICOM series is a folder). */
	static Path existing(final File f, final String key, final String what) {
		final Path p = optional(f);
		if (p == null || !f.exists()) throw new IllegalArgumentException(key + ": expected " + what +
			", got " + describe(f));
		return p;
	}

	private static String describe(final File f) {
		if (f == null || f.getPath().isBlank()) return "none";
		if (!f.exists()) return f + " (no such file or folder)";
		return f + (f.isDirectory() ? " (a folder)" : " (a file)");
	}

	/**
	 * An open image as a volume for a step that resamples: like {@link #volume}, and an
	 * uncalibrated stack gets {@code voxel} (the {@code voxel=} option) or is refused asking for
	 * it.
	 */
	static Volume calibrated(final ImagePlus imp, final String key, final int dims,
		final double[] voxel)
	{
		volume(imp, key, dims); // the checks
		return ImagePlusBridge.toVolume(imp, voxel);
	}

	/**
	 * An open image as a volume: one channel and one frame, gray values (no RGB), finite
	 * intensities; more channels or frames are refused, never silently dropped. An uncalibrated
	 * image gets 1 mm voxels: for steps that never use the spacing ({@link #calibrated} for the
	 * others).
	 *
	 * @param dims the dimensions required (2 or 3), or 0 for either
	 */
	static Volume volume(final ImagePlus imp, final String key, final int dims) {
		if (imp == null) throw new IllegalArgumentException(key + ": expected an open image, got none");
		if (imp.getBitDepth() == 24) throw new IllegalArgumentException(key + ": expected a " +
			"gray-value image, got the RGB image '" + imp.getTitle() + "' (convert it, e.g. " +
			"Image > Type > 32-bit)");
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) throw new IllegalArgumentException(key +
			": expected one channel and one time point, got '" + imp.getTitle() + "' with " + imp
				.getNChannels() + " channels and " + imp.getNFrames() + " frames (split it first, e.g. " +
			"Image > Stacks > Tools > Reduce Dimensionality)");
		final Volume v = ImagePlusBridge.toVolume(imp);
		if (dims > 0 && v.numDimensions() != dims) throw new IllegalArgumentException(key +
			": expected a " + dims + "D image, got the " + v.numDimensions() + "D image '" + imp
				.getTitle() + "'");
		final String problem = FiniteIntensities.problem(v);
		if (problem != null) throw new IllegalArgumentException(key + ": " + FiniteIntensities
			.message("image '" + imp.getTitle() + "'", problem));
		return v;
	}
}
