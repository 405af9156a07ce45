package org.transvw.inference;

import org.transvw.data.Volume;

/**
 * A segmentation with its test-time-augmentation uncertainty ({@link UncertaintySegmenter}).
 *
 * @param segmentation the probabilities (mean over the passes) and labels
 * @param entropy predictive entropy of the mean probability per voxel, in nats ({@link Uncertainty})
 * @param variance variance across the passes of the foreground probability per voxel, in
 *          [0, 0.25]
 * @param passes forward passes per tile (the cost multiplier against plain prediction)
 * @param meanEntropy mean entropy over all voxels
 * @param meanEntropyForeground mean entropy over the voxels labelled foreground (any class but
 *          0); NaN when nothing is labelled foreground
 * @param foregroundVoxels voxels labelled foreground
 * @param meanVariance mean variance over all voxels
 * @param maxEntropy the largest possible entropy (ln 2 binary, ln C softmax), for scale
 */
public record UncertainSegmentation(SegmentationResult segmentation, Volume entropy,
	Volume variance, int passes, double meanEntropy, double meanEntropyForeground,
	long foregroundVoxels, double meanVariance, double maxEntropy)
{}
