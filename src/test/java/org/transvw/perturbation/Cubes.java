package org.transvw.perturbation;

import org.transvw.common.RandomStreams;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/** Test cubes: smooth structure plus noise, values in [0, 1], all distinct almost surely. */
public final class Cubes {

	private Cubes() {}

	public static FloatCube cube(final long seed, final int... dims) {
		final FloatCube c = FloatCube.zeros(dims);
		final RandomStreams rng = RandomStreams.seeded(seed);
		final float[] a = c.data();
		final int nx = dims[0], ny = dims[1];
		for (int i = 0; i < a.length; i++) {
			final int x = i % nx, y = i / nx % ny, z = i / (nx * ny);
			final double s = 0.5 + 0.2 * Math.sin(x * 0.3) * Math.cos(y * 0.2 + z * 0.5);
			a[i] = (float) Math.min(1, Math.max(0, s + 0.25 * (rng.nextDouble() - 0.5)));
		}
		return c;
	}

	public static Img<FloatType> img(final long seed, final int... dims) {
		return cube(seed, dims).toImg();
	}
}
