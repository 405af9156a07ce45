package org.transvw.inference;

import java.util.List;

/**
 * The output of {@link SlidingWindowSegmenter#segment}: one float probability volume per output
 * channel (binary: the foreground probability; softmax: one per class, background first) and the
 * label volume (unsigned byte: {@code p > 0.5} for binary, the arg-max class otherwise), all with
 * the input's size, spacing, origin and direction.
 */
public record SegmentationResult(List<org.transvw.data.Volume> probabilities,
	org.transvw.data.Volume labels)
{

	public SegmentationResult {
		probabilities = List.copyOf(probabilities);
	}
}
