package org.transvw.inference;

import org.transvw.common.Checks;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The Gaussian importance map that weights each tile's prediction when overlapping tiles are
 * blended (nnU-Net's {@code compute_gaussian}): centred at {@code tileSize / 2} (integer
 * division), sigma {@code tileSize * sigmaScale} per axis, scaled to a maximum of 1, and clamped
 * below at {@link #MIN_WEIGHT} so that no voxel has weight 0 (its prediction would be lost, and a
 * voxel covered by corner tiles only would divide 0 by 0). Pure.
 */
public final class BlendWeights {

	/** nnU-Net's default sigma: 1/8 of the tile. */
	public static final double DEFAULT_SIGMA_SCALE = 1.0 / 8;

	/**
	 * Smallest weight relative to the centre. NB: nnU-Net clamps zeros to the smallest non-zero
	 * value; an analytic Gaussian in float32 can underflow towards 0 at the corners of large
	 * tiles, so we clamp to a fixed floor that keeps corner voxels well inside float range.
	 */
	public static final float MIN_WEIGHT = 1e-6f;

	private BlendWeights() {}

	/**
	 * @param tileSize tile extent per axis
	 * @param sigmaScale sigma as a fraction of the tile extent, > 0; {@code Double.POSITIVE_INFINITY}
	 *          gives uniform weights
	 */
	public static Img<FloatType> gaussian(final int[] tileSize, final double sigmaScale) {
		Checks.require(sigmaScale > 0, "sigma scale", "a positive fraction of the tile, got " +
			sigmaScale);
		final long[] dims = new long[tileSize.length];
		for (int d = 0; d < dims.length; d++)
			dims[d] = Checks.positive(tileSize[d], "tile size");
		final Img<FloatType> w = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = w.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			double e = 0;
			for (int d = 0; d < dims.length; d++) {
				final double sigma = tileSize[d] * sigmaScale;
				final double x = c.getLongPosition(d) - tileSize[d] / 2;
				e += x * x / (2 * sigma * sigma);
			}
			// the centre voxel has e = 0, so the maximum is exactly 1
			c.get().set(Math.max((float) Math.exp(-e), MIN_WEIGHT));
		}
		return w;
	}
}
