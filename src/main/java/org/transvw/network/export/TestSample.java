package org.transvw.network.export;

import org.transvw.common.Checks;

/**
 * The test input of an export: one tile of a real volume, raw (as a user's image holds it; the
 * BioImage.IO {@code test_input}) and normalised as the model expects (what the network is run
 * on to give {@code test_output}), both in the network's tensor order (x, y, z), z fastest.
 *
 * @param size tile extent (x, y, z), each a positive multiple of 8
 * @param raw raw intensities, x * y * z values
 * @param normalized the same tile after the bundle's normalisation
 * @param spacing voxel size in mm (x, y, z)
 */
public record TestSample(int[] size, float[] raw, float[] normalized, double[] spacing) {

	public TestSample {
		Checks.require(size != null && size.length == 3, "test tile size", "3 values (x, y, z)");
		for (final int s : size)
			Checks.require(s > 0 && s % BioImageIoRdf.SIZE_STEP == 0, "test tile size",
				"positive multiples of " + BioImageIoRdf.SIZE_STEP + ", got " + java.util.Arrays
					.toString(size));
		final int n = size[0] * size[1] * size[2];
		Checks.require(raw != null && raw.length == n, "raw test tile", n + " values");
		Checks.require(normalized != null && normalized.length == n, "normalized test tile", n +
			" values");
		Checks.require(spacing != null && spacing.length == 3, "spacing", "3 values (x, y, z)");
		size = size.clone();
		spacing = spacing.clone();
	}

	@Override
	public int[] size() {
		return size.clone();
	}

	@Override
	public double[] spacing() {
		return spacing.clone();
	}

	/** (C, x, y, z) tensor order -> (C, z, y, x), x fastest. */
	static float[] toZyx(final float[] v, final int channels, final int[] s) {
		return transpose(v, channels, s, true);
	}

	/** The inverse of {@link #toZyx}. */
	static float[] toXyz(final float[] v, final int channels, final int[] s) {
		return transpose(v, channels, s, false);
	}

	private static float[] transpose(final float[] v, final int channels, final int[] s,
		final boolean toZyx)
	{
		final float[] out = new float[v.length];
		final int nx = s[0], ny = s[1], nz = s[2], per = nx * ny * nz;
		for (int c = 0; c < channels; c++)
			for (int x = 0; x < nx; x++)
				for (int y = 0; y < ny; y++)
					for (int z = 0; z < nz; z++) {
						final int xyz = c * per + (x * ny + y) * nz + z, zyx = c * per + (z * ny + y) * nx + x;
						if (toZyx) out[zyx] = v[xyz];
						else out[xyz] = v[zyx];
					}
		return out;
	}
}
