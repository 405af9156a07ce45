package org.transvw.network;

/**
 * How batch normalisation normalises outside training.
 * <ul>
 * <li>{@link #RUNNING}: running statistics at inference (DJL / Keras behaviour).</li>
 * <li>{@link #BATCH}: always the statistics of the current batch, as the reference PyTorch
 * {@code ContBatchNorm3d} does even in {@code eval()} (method.md §4.1, divergence 9.8). Needed for
 * output parity with the released PyTorch weights. Inference does not touch the stored running
 * statistics in this mode (the reference would update them; they are never read there).</li>
 * </ul>
 * In training both modes use batch statistics and update the running statistics.
 */
public enum BatchNormMode {
	RUNNING, BATCH
}
