package org.transvw.data.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import net.imglib2.parallel.Parallelization;

/**
 * Rasterises a {@link ChestAnatomy} into a tissue-class map (one byte per voxel, x fastest):
 * an analytic per-voxel pass (body, fat, spine, ribs, sternum, lungs, heart, mediastinum,
 * liver), in parallel over slices via ImgLib2's {@link Parallelization}, then tubes (vessel trees,
 * aorta, airways) painted in their bounding boxes. Cost O(voxels + tube volume).
 */
final class ChestRenderer {

	final int w, h, d;
	final double sx, sy, sz, x0, y0, z0;
	final byte[] tissue;

	ChestRenderer(final PhantomConfig c) {
		w = c.width();
		h = c.height();
		d = c.depth();
		sx = c.spacingXY();
		sy = c.spacingXY();
		sz = c.spacingZ();
		x0 = -(w - 1) / 2.0 * sx;
		y0 = -(h - 1) / 2.0 * sy;
		z0 = -(d - 1) / 2.0 * sz;
		tissue = new byte[Math.multiplyExact(Math.multiplyExact(w, h), d)];
	}

	/** World coordinate (mm) of voxel index i along x / y / z. */
	double x(final int i) {
		return x0 + i * sx;
	}

	double y(final int j) {
		return y0 + j * sy;
	}

	double z(final int k) {
		return z0 + k * sz;
	}

	Tissue at(final int i, final int j, final int k) {
		return TISSUES[tissue[i + w * (j + h * k)]];
	}

	private static final Tissue[] TISSUES = Tissue.values();

	/** The analytic pass, parallel over slices. */
	void render(final ChestAnatomy a) {
		final List<Integer> slices = new ArrayList<>();
		IntStream.range(0, d).forEach(slices::add);
		Parallelization.getTaskExecutor().forEach(slices, k -> {
			final double z = z(k);
			int o = w * h * k;
			for (int j = 0; j < h; j++) {
				final double y = y(j);
				for (int i = 0; i < w; i++)
					tissue[o++] = (byte) classify(a, x(i), y, z).ordinal();
			}
		});
	}

	static Tissue classify(final ChestAnatomy a, final double xw, final double yw,
		final double z)
	{
		final double x = xw - a.bodyCx, y = yw - a.bodyCy;
		if (sq(x / a.bodyA) + sq(y / (y > 0 ? a.bodyAnt : a.bodyPost)) > 1) return Tissue.AIR;
		if (sq(x / (a.bodyA - a.fat)) + sq(y / ((y > 0 ? a.bodyAnt : a.bodyPost) - a.fat)) > 1)
			return Tissue.FAT;
		final Tissue spine = spine(a, x, y, z);
		if (spine != null) return spine;
		final double rho = Math.sqrt(sq(x / a.ringA) + sq(y / (y > 0 ? a.ringAnt : a.ringPost)));
		final double meanR = (a.ringA + (a.ringAnt + a.ringPost) / 2) / 2;
		final double radial = (rho - 1) * meanR;
		if (Math.abs(radial) < a.ribThick / 2 && z < a.apexZ + 15 && z > a.diaZ - 60) {
			if (y > 0 && Math.abs(x) < 14) return Tissue.CORTICAL; // sternum
			final double sinT = y / (y > 0 ? a.ringAnt : a.ringPost) / Math.max(rho, 1e-6);
			final boolean lateral = !(y < 0 && Math.abs(x) < 26) && !(y > 0 && Math.abs(x) < 22);
			final double phase = mod(z + a.ribDrop * (1 + sinT) / 2 - a.ribPhase, a.ribPeriod);
			if (lateral && phase < a.ribHeight) return Tissue.CORTICAL;
		}
		if (rho > 1) return Tissue.SOFT;
		final double heart = heart(a, x, y, z);
		if (heart < 1) return Tissue.BLOOD;
		final double side = x > 0 ? 1 : -1; // +x: patient right
		if (radial < -(a.ribThick / 2 + 4) && heart > 1.15 && !(Math.abs(x) < a.vertR +
			12 && y < a.spineY + a.vertR + 8))
		{
			final double lx = (x - side * a.lungCx) / a.lungA, ly = (y - a.lungCy) / a.lungB;
			final double dia = a.diaZ + a.domeH * (1 - sq(lx) - sq(ly)) + (side > 0 ? a.rightLift : 0);
			final double top = a.apexZ - a.apexLen;
			final double s2 = z <= top ? 1 : 1 - sq((z - top) / a.apexLen);
			if (z > dia && s2 > 0 && sq(lx) + sq(ly) < s2) return Tissue.LUNG;
		}
		final double diaHere = a.diaZ + a.domeH + (x > 0 ? a.rightLift : 0);
		if (z < diaHere - 10) return x > -40 ? Tissue.LIVER : Tissue.SOFT;
		final double medLo = a.spineY + a.vertR + 4, medHi = a.ringAnt - 12;
		if (z > a.heartZ && sq(x / 38) + sq((y - (medLo + medHi) / 2) / ((medHi - medLo) / 2)) < 1)
			return Tissue.MEDIASTINAL_FAT;
		return Tissue.SOFT;
	}

	private static Tissue spine(final ChestAnatomy a, final double x, final double y,
		final double z)
	{
		final double dy = y - a.spineY;
		final double r2 = x * x + dy * dy;
		final boolean disc = mod(z - a.vertPhase, a.vertPeriod) < a.discHeight;
		if (r2 < sq(a.vertR)) {
			if (disc) return Tissue.DISC;
			return r2 < sq(a.vertR - 2.5) ? Tissue.BONE : Tissue.CORTICAL;
		}
		final double cy = a.spineY - a.vertR - a.canalR - 1; // canal centre, behind the body
		final double c2 = x * x + sq(y - cy);
		if (c2 < sq(a.canalR)) return Tissue.CSF;
		if (disc) return null;
		if (c2 < sq(a.canalR + 4.5)) return Tissue.CORTICAL; // neural arch
		if (Math.abs(x) < 4 && y < cy && y > cy - a.canalR - 22) return Tissue.CORTICAL; // spinous
		return null;
	}

	/** Normalised ellipsoid distance to the heart (< 1 inside). */
	static double heart(final ChestAnatomy a, final double x, final double y, final double z) {
		final double dx = x - a.heartX, dy = y - a.heartY, dz = z - a.heartZ;
		final double c = a.heartCos, s = a.heartSin;
		final double u = c * dx + s * dy, v = -s * dx + c * dy;
		return sq(u / a.heartA) + sq(v / a.heartB) + sq(dz / a.heartC);
	}

	/**
	 * Paints a tube (a truncated cone from p to q, radii rp to rq, mm, anatomy frame) with
	 * {@code paint} over voxels whose class is one of {@code over}.
	 */
	void tube(final ChestAnatomy a, final double[] p, final double[] q, final double rp,
		final double rq, final Tissue paint, final Tissue... over)
	{
		final double px = p[0] + a.bodyCx, py = p[1] + a.bodyCy, pz = p[2];
		final double qx = q[0] + a.bodyCx, qy = q[1] + a.bodyCy, qz = q[2];
		final double r = Math.max(rp, rq);
		final int i0 = Math.max(0, (int) Math.floor((Math.min(px, qx) - r - x0) / sx));
		final int i1 = Math.min(w - 1, (int) Math.ceil((Math.max(px, qx) + r - x0) / sx));
		final int j0 = Math.max(0, (int) Math.floor((Math.min(py, qy) - r - y0) / sy));
		final int j1 = Math.min(h - 1, (int) Math.ceil((Math.max(py, qy) + r - y0) / sy));
		final int k0 = Math.max(0, (int) Math.floor((Math.min(pz, qz) - r - z0) / sz));
		final int k1 = Math.min(d - 1, (int) Math.ceil((Math.max(pz, qz) + r - z0) / sz));
		final double ux = qx - px, uy = qy - py, uz = qz - pz;
		final double len2 = ux * ux + uy * uy + uz * uz;
		final byte code = (byte) paint.ordinal();
		for (int k = k0; k <= k1; k++)
			for (int j = j0; j <= j1; j++)
				for (int i = i0; i <= i1; i++) {
					final double vx = x(i) - px, vy = y(j) - py, vz = z(k) - pz;
					final double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, (vx * ux + vy * uy + vz *
						uz) / len2));
					final double rad = rp + t * (rq - rp);
					if (sq(vx - t * ux) + sq(vy - t * uy) + sq(vz - t * uz) > rad * rad) continue;
					final int o = i + w * (j + h * k);
					for (final Tissue t0 : over)
						if (tissue[o] == t0.ordinal()) {
							tissue[o] = code;
							break;
						}
				}
	}

	static double sq(final double v) {
		return v * v;
	}

	static double mod(final double v, final double m) {
		final double r = v % m;
		return r < 0 ? r + m : r;
	}
}
