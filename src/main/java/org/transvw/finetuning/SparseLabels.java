package org.transvw.finetuning;

/**
 * The sparse-label convention of fine-tuning: a label voxel whose value is {@value #UNLABELLED}
 * or negative (e.g. -1 in a signed or float image) is <em>unlabelled</em> and ignored by the loss
 * and by validation; every other value is a class index (binary: 0 background, any other value
 * foreground). So a user may annotate only a few slices and leave the rest at 255.
 */
public final class SparseLabels {

	/** The unlabelled value of 8-bit label images. */
	public static final int UNLABELLED = 255;

	private SparseLabels() {}

	/** True for a voxel that carries a class. */
	public static boolean isLabelled(final double value) {
		return value >= 0 && value != UNLABELLED;
	}
}
