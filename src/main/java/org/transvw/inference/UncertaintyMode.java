package org.transvw.inference;

import java.util.Locale;

/**
 * Which uncertainty a segmentation reports (the {@code uncertainty} option of <em>Segment
 * volume</em>).
 * <ul>
 * <li>{@link #NONE}: none (one forward pass per tile, or 8 with flip averaging).</li>
 * <li>{@link #TTA}: test-time augmentation ({@link TestTimeAugmentation#dihedral}): predictive
 * entropy of the mean probability and the variance across the passes
 * ({@link UncertaintySegmenter}).</li>
 * <li>{@link #MC}: Monte-Carlo dropout. <b>Not implemented</b>: our U-Nets have no dropout layer
 * (method.md §4.1), so there is nothing to sample; batch normalisation in training mode is no
 * substitute (its output depends on the other tiles of the batch, not on the model's
 * uncertainty). {@link #parse} refuses it with that explanation instead of silently running
 * something else.</li>
 * </ul>
 */
public enum UncertaintyMode {
	NONE, TTA, MC;

	/** Why {@link #MC} is refused; shown to the user. */
	public static final String MC_REFUSAL = "uncertainty: 'mc' (Monte-Carlo dropout) is not " +
		"implemented: the TransVW U-Net has no dropout layers, so Monte-Carlo sampling has nothing " +
		"to sample (and batch statistics would measure the batch, not the model). Use " +
		"uncertainty=tta (test-time augmentation over flips and in-plane transpositions) instead";

	/**
	 * {@code none}, {@code tta} (case-insensitive).
	 *
	 * @throws IllegalArgumentException for {@code mc} (see {@link #MC_REFUSAL}) or an unknown value
	 */
	public static UncertaintyMode parse(final String value) {
		final String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
		switch (v) {
			case "none": case "": return NONE;
			case "tta": return TTA;
			case "mc": throw new IllegalArgumentException(MC_REFUSAL);
			default: throw new IllegalArgumentException("uncertainty: expected none or tta, got '" +
				value + "'");
		}
	}
}
