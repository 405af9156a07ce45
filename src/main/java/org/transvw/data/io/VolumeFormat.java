package org.transvw.data.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.transvw.data.Volume;

/**
 * One file format that {@link VolumeIO} can read (and possibly write), chosen by file ending.
 * <p>
 * Built-in: NIfTI-1. Adapters register more through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.transvw.data.io.VolumeFormat}), e.g. the ImageJ 1.x backed TIFF
 * and DICOM readers of {@code org.transvw.imagej}, so that this core package never imports them.
 * Implementations must have a public no-argument constructor and be stateless (thread-safe).
 */
public interface VolumeFormat {

	/** Short name for messages, e.g. "NIfTI-1". */
	String name();

	/** Lower-case endings this format handles, e.g. ".nii", ".nii.gz"; a folder is "/" . */
	List<String> endings();

	/** Whether this format reads {@code path} (by ending, or by content for folders). */
	default boolean reads(final Path path) {
		final String n = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		for (final String e : endings())
			if (!e.equals("/") && n.endsWith(e)) return true;
		return false;
	}

	/** Whether {@link #write} is supported. */
	default boolean canWrite() {
		return false;
	}

	/**
	 * Reads a volume.
	 *
	 * @throws IOException whose message names the file and the problem
	 */
	Volume read(Path path) throws IOException;

	/**
	 * Reads a volume; {@code voxel} (mm, index axis order) is the voxel size to use when the file
	 * states none or an invalid one (a TIFF stack without calibration, a NIfTI with pixdim 0), the
	 * user's {@code voxel=} option. A file with a valid voxel size keeps its own. The default
	 * suits formats that always state one (or whose {@link #read(Path)} never refuses for its
	 * lack).
	 *
	 * @param voxel spacing for uncalibrated files, or null to refuse them
	 */
	default Volume read(final Path path, final double[] voxel) throws IOException {
		return read(path);
	}

	/**
	 * Writes a volume (atomically: a temporary file, then a move).
	 *
	 * @throws IOException whose message names the file and the problem
	 */
	default void write(final Volume volume, final Path path) throws IOException {
		throw new IOException(path.getFileName() + ": writing " + name() + " is not supported");
	}
}
