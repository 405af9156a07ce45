package org.transvw.data.phantom;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.RandomStreams;

/**
 * A branching pulmonary vessel tree in normalised lung coordinates (u lateral, v anterior, w from
 * diaphragm (0) to apex (1)), grown once per group and mapped onto each patient's lungs, so
 * look-alike patients share their vessel pattern. Three lobar roots leave the hilum; each segment
 * splits into two children at 25..45 degrees, length x0.78 and radius x0.72 per generation
 * (7 generations: 6 mm down to 0.8 mm).
 */
final class VesselTree {

	/** A tube segment in normalised lung coordinates with radii in mm. */
	record Segment(double[] p, double[] q, double rp, double rq) {}

	/** Canonical lung half-sizes (mm) in which branching angles are drawn. */
	private static final double[] CANON = { 60, 85, 240 };
	static final double[] HILUM = { -0.75, 0.1, 0.45 };
	private static final double[][] ROOTS = { { 1, 0, 1.2 }, { 1, 0.25, 0 }, { 0.9, -0.3, -1 },
		{ 0.5, 0.8, 0.4 }, { 0.5, -0.8, 0.2 }, { 0.3, 0.1, -1 } };
	private static final int GENERATIONS = 7;

	final List<Segment> segments = new ArrayList<>();

	VesselTree(final RandomStreams rng) {
		final double[] start = { HILUM[0] * CANON[0], HILUM[1] * CANON[1], HILUM[2] * CANON[2] };
		for (final double[] root : ROOTS) {
			final double[] dir = normalise(new double[] { root[0] + 0.2 * rng.nextGaussian(),
				root[1] + 0.2 * rng.nextGaussian(), root[2] + 0.2 * rng.nextGaussian() });
			grow(rng, start, dir, 40, 6.0, GENERATIONS);
		}
	}

	private void grow(final RandomStreams rng, final double[] p, final double[] dir,
		final double len, final double r, final int generations)
	{
		final double[] q = { p[0] + dir[0] * len, p[1] + dir[1] * len, p[2] + dir[2] * len };
		segments.add(new Segment(canonToUnit(p), canonToUnit(q), r, r * 0.85));
		if (generations <= 1) return;
		final double[] e = perpendicular(rng, dir);
		final double a = Math.toRadians(25 + 20 * rng.nextDouble());
		final double b = Math.toRadians(25 + 20 * rng.nextDouble());
		grow(rng, q, normalise(mix(dir, Math.cos(a), e, Math.sin(a))), len * 0.78, r * 0.72,
			generations - 1);
		grow(rng, q, normalise(mix(dir, Math.cos(b), e, -Math.sin(b))), len * 0.78, r * 0.72,
			generations - 1);
	}

	private static double[] canonToUnit(final double[] c) {
		return new double[] { c[0] / CANON[0], c[1] / CANON[1], c[2] / CANON[2] };
	}

	private static double[] perpendicular(final RandomStreams rng, final double[] d) {
		while (true) {
			final double[] v = { rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian() };
			final double dot = v[0] * d[0] + v[1] * d[1] + v[2] * d[2];
			final double[] e = { v[0] - dot * d[0], v[1] - dot * d[1], v[2] - dot * d[2] };
			if (e[0] * e[0] + e[1] * e[1] + e[2] * e[2] > 1e-6) return normalise(e);
		}
	}

	private static double[] mix(final double[] a, final double ca, final double[] b,
		final double cb)
	{
		return new double[] { a[0] * ca + b[0] * cb, a[1] * ca + b[1] * cb, a[2] * ca + b[2] * cb };
	}

	private static double[] normalise(final double[] v) {
		final double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
		return new double[] { v[0] / n, v[1] / n, v[2] / n };
	}

	/** Maps normalised lung coordinates of one lung ({@code side} +1 right, -1 left) to mm. */
	static double[] toAnatomy(final ChestAnatomy a, final double side, final double[] u) {
		return new double[] { side * (a.lungCx + a.lungA * u[0]), a.lungCy + a.lungB * u[1], a.diaZ +
			(a.apexZ - a.diaZ) * u[2] };
	}
}
