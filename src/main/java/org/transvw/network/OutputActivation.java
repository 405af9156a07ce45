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

	/** The activation stored as {@code value} under {@code key} (lower-case name). */
	public static OutputActivation parse(final String key, final Object value) {
		try {
			return valueOf(String.valueOf(value).toUpperCase(java.util.Locale.ROOT));
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(key + ": expected one of sigmoid, softmax, none, got " +
				value, e);
		}
	}
}
