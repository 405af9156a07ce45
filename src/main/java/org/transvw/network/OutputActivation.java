package org.transvw.network;

/**
 * Activation after the segmentation output convolution: {@link #SIGMOID} (the reference, one
 * channel per independent target), {@link #SOFTMAX} over the channel axis, or {@link #NONE}
 * (logits, e.g. for a loss that applies its own activation).
 */
public enum OutputActivation {
	SIGMOID, SOFTMAX, NONE
}
