package org.transvw.inference;

import org.transvw.common.Checks;

/**
 * Parameters of the sliding window (nnU-Net defaults; method.md §6 has no inference rule of
 * its own).
 *
 * @param tileSize tile extent (x, y, z), or (x, y) for 2D images: the model's patch size, a multiple of the network's
 *          {@code requiredMultiple()}
 * @param stepFraction tile step as a fraction of the tile, (0, 1]; 0.5 = 50 % overlap
 * @param sigmaScale Gaussian blending sigma as a fraction of the tile ({@value
 *          BlendWeights#DEFAULT_SIGMA_SCALE} = 1/8)
 * @param tileBudget tiles per predictor call: the device never holds more than this many tiles
 * @param flip test-time augmentation: average over the 8 flips of (x, y, z) (4 of (x, y) in 2D)
 */
public record SlidingWindowConfig(int[] tileSize, double stepFraction, double sigmaScale,
	int tileBudget, boolean flip)
{

	public static final double DEFAULT_STEP = 0.5;
	public static final int DEFAULT_TILE_BUDGET = 2;

	public SlidingWindowConfig {
		Checks.require(tileSize != null && (tileSize.length == 3 || tileSize.length == 2),
			"tile size", "3 values (x, y, z) for volumes or 2 (x, y) for 2D images");
		for (final int t : tileSize)
			Checks.positive(t, "tile size");
		tileSize = tileSize.clone();
		Checks.require(stepFraction > 0 && stepFraction <= 1, "step", "a fraction in (0, 1], got " +
			stepFraction);
		Checks.require(sigmaScale > 0, "sigma scale", "> 0, got " + sigmaScale);
		Checks.positive(tileBudget, "tile budget");
	}

	/** 50 % overlap, sigma 1/8, 2 tiles per batch, no flips. */
	public static SlidingWindowConfig defaults(final int[] tileSize) {
		return new SlidingWindowConfig(tileSize, DEFAULT_STEP, BlendWeights.DEFAULT_SIGMA_SCALE,
			DEFAULT_TILE_BUDGET, false);
	}

	@Override
	public int[] tileSize() {
		return tileSize.clone();
	}
}
