package org.transvw.data.io;

import java.io.IOException;

import org.transvw.data.geometry.GeometryChecks;
import org.transvw.data.geometry.Grid;

/**
 * NIfTI-1 voxel-to-world geometry: the 3 x 4 affine from sform (preferred), else qform, else
 * pixdim alone (NIfTI "method 1"), and back. Formulas of {@code nifti1.h} /
 * {@code nifti1_io.c} (quaternion of an orthonormal matrix, {@code qfac} = pixdim[0]).
 */
final class NiftiGeometry {

	private NiftiGeometry() {}

	/** The row-major 3 x 4 affine (RAS+ world, mm) that the header defines. */
	static double[] affine(final NiftiHeader h) {
		final double[] a = new double[12];
		if (h.sformCode() > 0) {
			for (int r = 0; r < 3; r++)
				for (int c = 0; c < 4; c++)
					a[r * 4 + c] = h.srow()[r][c];
			return a;
		}
		final double dx = h.pixdim()[1], dy = pix(h, 2), dz = pix(h, 3);
		if (h.qformCode() > 0) {
			final double b = h.quatern()[0], c = h.quatern()[1], d = h.quatern()[2];
			final double aa = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
			final double qfac = h.pixdim()[0] < 0 ? -1 : 1;
			final double[][] r = { //
				{ aa * aa + b * b - c * c - d * d, 2 * (b * c - aa * d), 2 * (b * d + aa * c) },
				{ 2 * (b * c + aa * d), aa * aa + c * c - b * b - d * d, 2 * (c * d - aa * b) },
				{ 2 * (b * d - aa * c), 2 * (c * d + aa * b), aa * aa + d * d - c * c - b * b } };
			final double[] s = { dx, dy, qfac * dz };
			for (int row = 0; row < 3; row++) {
				for (int col = 0; col < 3; col++)
					a[row * 4 + col] = r[row][col] * s[col];
				a[row * 4 + 3] = h.qoffset()[row];
			}
			return a;
		}
		a[0] = dx;
		a[5] = dy;
		a[10] = dz;
		return a;
	}

	private static double pix(final NiftiHeader h, final int i) {
		final double p = h.pixdim()[i];
		return p > 0 && Double.isFinite(p) ? p : 1;
	}

	/**
	 * The grid of a NIfTI file of size {@code dims} (2 or 3 axes): spacing = the affine's column
	 * norms, direction = its normalised columns, origin = its translation. A zero, negative or
	 * non-finite voxel size (pixdim when there is no sform, or an sform column of length 0) is
	 * never replaced by 1 mm silently: with {@code voxel} null it is refused, naming the header
	 * field and asking for {@code voxel=}; with {@code voxel} given, that spacing is used (the
	 * direction of a zero-length column then becomes its index axis).
	 *
	 * @param file the file name for messages
	 * @throws IOException e.g. "x.nii: pixdim[3] = 0: expected a positive voxel size (mm); fix the
	 *           header or give the voxel size as voxel=0.8,0.8,2.5 (mm, x,y,z)"
	 */
	static Grid grid(final String file, final NiftiHeader h, final long[] dims, final double[] voxel)
		throws IOException
	{
		final int n = dims.length;
		String bad = null;
		if (h.sformCode() <= 0) for (int d = 1; d <= n && bad == null; d++) {
			final float p = h.pixdim()[d];
			if (!(p > 0) || !Float.isFinite(p)) bad = "pixdim[" + d + "] = " + p;
		}
		final double[] a = affine(h);
		final double[] norms = new double[n];
		for (int c = 0; c < n; c++) {
			norms[c] = Math.sqrt(a[c] * a[c] + a[4 + c] * a[4 + c] + a[8 + c] * a[8 + c]);
			if (bad == null && (!(norms[c] > 0) || !Double.isFinite(norms[c]))) bad = "the " + (h
				.sformCode() > 0 ? "sform" : "qform") + " affine's column " + c + " has length " +
				norms[c];
		}
		final double[] spacing;
		if (bad == null) spacing = norms.clone();
		else if (voxel != null) spacing = GeometryChecks.requireSpacing(voxel, n, "voxel");
		else throw new IOException(file + ": " + bad + ": expected a positive voxel size (mm); fix " +
			"the header or give the voxel size as voxel=" + (n == 2 ? "0.8,0.8" : "0.8,0.8,2.5") +
			" (mm, " + (n == 2 ? "x,y" : "x,y,z") + ")");
		final double[] origin = new double[n], direction = new double[n * n];
		for (int c = 0; c < n; c++) {
			final boolean usable = norms[c] > 0 && Double.isFinite(norms[c]);
			for (int r = 0; r < n; r++)
				direction[r * n + c] = usable ? a[r * 4 + c] / norms[c] : r == c ? 1 : 0;
			origin[c] = a[c * 4 + 3];
		}
		try {
			return new Grid(dims, spacing, origin, direction);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(file + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Quaternion (b, c, d), offset and qfac of an affine whose 3 x 3 part is a rotation (possibly
	 * with a reflection) times positive spacing; see {@code nifti_mat44_to_quatern}.
	 *
	 * @return {b, c, d, qfac}
	 */
	static double[] quaternion(final double[] direction3x3) {
		final double[][] r = new double[3][3];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				r[i][j] = direction3x3[i * 3 + j];
		final double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] *
			r[2][2] - r[1][2] * r[2][0]) + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
		double qfac = 1;
		if (det < 0) {
			qfac = -1;
			for (int i = 0; i < 3; i++)
				r[i][2] = -r[i][2];
		}
		double a = r[0][0] + r[1][1] + r[2][2] + 1, b, c, d;
		if (a > 0.5) {
			a = 0.5 * Math.sqrt(a);
			b = 0.25 * (r[2][1] - r[1][2]) / a;
			c = 0.25 * (r[0][2] - r[2][0]) / a;
			d = 0.25 * (r[1][0] - r[0][1]) / a;
		}
		else {
			final double xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
			final double yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
			final double zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
			if (xd > 1) {
				b = 0.5 * Math.sqrt(xd);
				c = 0.25 * (r[0][1] + r[1][0]) / b;
				d = 0.25 * (r[0][2] + r[2][0]) / b;
				a = 0.25 * (r[2][1] - r[1][2]) / b;
			}
			else if (yd > 1) {
				c = 0.5 * Math.sqrt(yd);
				b = 0.25 * (r[0][1] + r[1][0]) / c;
				d = 0.25 * (r[1][2] + r[2][1]) / c;
				a = 0.25 * (r[0][2] - r[2][0]) / c;
			}
			else {
				d = 0.5 * Math.sqrt(zd);
				b = 0.25 * (r[0][2] + r[2][0]) / d;
				c = 0.25 * (r[1][2] + r[2][1]) / d;
				a = 0.25 * (r[1][0] - r[0][1]) / d;
			}
			if (a < 0) {
				b = -b;
				c = -c;
				d = -d;
			}
		}
		return new double[] { b, c, d, qfac };
	}
}
