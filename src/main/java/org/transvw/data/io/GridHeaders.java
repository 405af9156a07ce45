package org.transvw.data.io;

import java.io.IOException;
import java.nio.file.Path;

import org.transvw.data.geometry.Grid;

/**
 * The {@link Grid} of a volume file without loading its pixels where the format allows: NIfTI-1
 * from its 348-byte header (the same affine and spacing rule as {@link NiftiFormat}), other
 * formats by reading the volume. Unlike the reader, which falls back to 1 mm, a zero, negative or
 * non-finite voxel size in a NIfTI header is refused, naming the header field.
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
	 * @throws IOException naming the file and the problem (unreadable, zero or negative spacing)
	 */
	public static Grid read(final Path path) throws IOException {
		if (!new NiftiFormat().reads(path)) return Grid.of(VolumeIO.read(path));
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
		if (h.sformCode() <= 0) for (int d = 1; d <= n; d++) {
			final float p = h.pixdim()[d];
			if (!(p > 0) || !Float.isFinite(p)) throw new IOException(path.getFileName() + ": pixdim[" +
				d + "] = " + p + ": expected a positive voxel size (mm); fix the header or give the " +
				"spacing explicitly (spacing=)");
		}
		final double[] a = NiftiGeometry.affine(h);
		final double[] spacing = new double[n], origin = new double[n], direction = new double[n * n];
		for (int c = 0; c < n; c++) {
			final double norm = Math.sqrt(a[c] * a[c] + a[4 + c] * a[4 + c] + a[8 + c] * a[8 + c]);
			if (!(norm > 0) || !Double.isFinite(norm)) throw new IOException(path.getFileName() +
				": the sform affine's column " + c + " has length " + norm +
				": expected a positive voxel size (mm); fix the header or give the spacing explicitly" +
				" (spacing=)");
			spacing[c] = norm;
			for (int r = 0; r < n; r++)
				direction[r * n + c] = a[r * 4 + c] / norm;
			origin[c] = a[c * 4 + 3];
		}
		try {
			return new Grid(dims, spacing, origin, direction);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(path.getFileName() + ": " + e.getMessage(), e);
		}
	}
}
