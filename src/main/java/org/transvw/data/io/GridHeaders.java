package org.transvw.data.io;

import java.io.IOException;
import java.nio.file.Path;

import org.transvw.data.geometry.Grid;

/**
 * The {@link Grid} of a volume file without loading its pixels where the format allows: NIfTI-1
 * from its 348-byte header (the same affine and spacing rule as {@link NiftiFormat}), other
 * formats by reading the volume. Like the readers, a zero, negative or non-finite voxel size (or a
 * TIFF stack without calibration) is refused, naming the header field, unless {@code voxel=}
 * gives it.
 *
 * <pre>{@code
 * List<Grid> grids = new ArrayList<>();
 * for (int i = 0; i < collection.size(); i++) grids.add(GridHeaders.read(collection.path(i)));
 * double[] target = TargetSpacing.median(grids, Reorientation.DEFAULT_TOLERANCE);
 * }</pre>
 */
public final class GridHeaders {

	private GridHeaders() {}

	/**
	 * The grid of a file whose header must state a valid voxel size.
	 *
	 * @throws IOException naming the file and the problem (unreadable, zero or negative spacing,
	 *           no calibration)
	 */
	public static Grid read(final Path path) throws IOException {
		return read(path, null);
	}

	/**
	 * The grid of a file; {@code voxel} (mm, index axis order, or null) is the voxel size of a
	 * file that states none or an invalid one (the {@code voxel=} option); a valid header keeps
	 * its own.
	 *
	 * @throws IOException naming the file and the problem
	 */
	public static Grid read(final Path path, final double[] voxel) throws IOException {
		if (!new NiftiFormat().reads(path)) return Grid.of(VolumeIO.read(path, voxel));
		final NiftiHeader h = NiftiFormat.header(path);
		final short[] dim = h.dim();
		if (dim[0] < 2 || dim[0] > 7) throw new IOException(path.getFileName() +
			": invalid NIfTI header: dim[0] = " + dim[0] + " (expected 2..7)");
		final int n = Math.min(3, dim[0]);
		final long[] dims = new long[n];
		for (int d = 0; d < n; d++) {
			if (dim[d + 1] < 1) throw new IOException(path.getFileName() +
				": invalid NIfTI header: dim[" + (d + 1) + "] = " + dim[d + 1]);
			dims[d] = dim[d + 1];
		}
		return NiftiGeometry.grid(path.getFileName().toString(), h, dims, voxel);
	}
}
