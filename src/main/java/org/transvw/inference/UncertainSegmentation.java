package org.transvw.inference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.transvw.data.Volume;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.io.VolumeIO;

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
{

	/** Sub-folders of an output folder: the entropy and the variance map per case. */
	public static final String ENTROPY = "uncertainty", VARIANCE = "variance";

	/**
	 * The files {@link #write} writes for case {@code name}: those of
	 * {@link SegmentationResult#files} and {@code uncertainty/<name>.nii.gz},
	 * {@code variance/<name>.nii.gz}.
	 */
	public static List<String> files(final String name) {
		final List<String> f = new ArrayList<>(SegmentationResult.files(name));
		f.add(ENTROPY + "/" + name + ".nii.gz");
		f.add(VARIANCE + "/" + name + ".nii.gz");
		return List.copyOf(f);
	}

	/** Writes the segmentation ({@link SegmentationResult#write}), the entropy and the variance. */
	public void write(final OutputFolder out, final String name) throws IOException {
		segmentation.write(out, name);
		final List<String> f = files(name);
		VolumeIO.write(entropy, out.claim(f.get(f.size() - 2)));
		VolumeIO.write(variance, out.claim(f.get(f.size() - 1)));
	}
}
