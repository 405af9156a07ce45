package org.transvw.network;

import ai.djl.ndarray.NDArray;

/**
 * Activation after the segmentation output convolution: {@link #SIGMOID} (the reference, one
 * channel per independent target), {@link #SOFTMAX} over the channel axis, or {@link #NONE}
 * (logits, e.g. for a loss that applies its own activation).
 */
public enum OutputActivation {
	SIGMOID, SOFTMAX, NONE;

	/** Applies the activation over channel axis 1; closes {@code logits} unless returned (NONE). */
	public NDArray apply(final NDArray logits) {
		final NDArray out = switch (this) {
			case SIGMOID -> logits.getNDArrayInternal().sigmoid();
			case SOFTMAX -> logits.softmax(1);
			case NONE -> logits;
		};
		if (out != logits) logits.close();
		return out;
	}
}
