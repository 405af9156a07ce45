package org.transvw.pretraining;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the network learns during pre-training: which perturbation policy makes the inputs, and
 * which loss terms are on. One {@link JointLoss} serves every mode; a mode only switches weights
 * (STYLE.md example 13), never a subclass.
 * <ul>
 * <li>{@code transvw}: lambda_rec * MSE(restored, original) + lambda_cls * CE(visual word)
 * (paper section III-B, method.md §5).</li>
 * <li>{@code vw-restoration}, {@code vw-classification}: the two ablations (one term each).</li>
 * <li>{@code genesis}: Models Genesis, restoration of sub-volumes perturbed by the genesis policy,
 * visual-word labels ignored (method.md §3.2).</li>
 * <li>{@code rotation+vw}, {@code inpainting+vw}, {@code context-restoration+vw},
 * {@code genesis+vw}: the add-on modes of the paper's Fig. 3, each existing self-supervised task
 * plus visual-word classification. Rotation is a classification pretext (the rotation class), the
 * others are restorations.</li>
 * </ul>
 */
public enum PretextMode {

	TRANSVW("transvw", "transvw", true, true, false),
	VW_RESTORATION("vw-restoration", "transvw", true, false, false),
	VW_CLASSIFICATION("vw-classification", "transvw", false, true, false),
	GENESIS("genesis", "genesis", true, false, false),
	ROTATION_VW("rotation+vw", "rotation", false, true, true),
	INPAINTING_VW("inpainting+vw", "inpainting", true, true, false),
	CONTEXT_RESTORATION_VW("context-restoration+vw", "context-restoration", true, true, false),
	GENESIS_VW("genesis+vw", "genesis", true, true, false);

	private final String key;
	private final String policy;
	private final boolean restoration;
	private final boolean visualWords;
	private final boolean pretextClasses;

	PretextMode(final String key, final String policy, final boolean restoration,
		final boolean visualWords, final boolean pretextClasses)
	{
		this.key = key;
		this.policy = policy;
		this.restoration = restoration;
		this.visualWords = visualWords;
		this.pretextClasses = pretextClasses;
	}

	/** The name used in parameters, macros and bundles, e.g. {@code transvw}. */
	public String key() {
		return key;
	}

	/** The perturbation policy name ({@code PerturbationPolicies.byName}). */
	public String policy() {
		return policy;
	}

	/** True when the decoder restores the original cube (MSE term "rec"). */
	public boolean restores() {
		return restoration;
	}

	/** True when the head classifies visual words (CE term "cls"; needs the dataset's labels). */
	public boolean classifiesVisualWords() {
		return visualWords;
	}

	/** True when the head also predicts the policy's pretext class (CE term "pretext"). */
	public boolean classifiesPretext() {
		return pretextClasses;
	}

	/** Parses a {@link #key()}, case-insensitive. */
	public static PretextMode of(final String key) {
		final String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
		for (final PretextMode m : values())
			if (m.key.equals(k)) return m;
		throw new IllegalArgumentException("mode: expected one of " + keys() + ", got '" + key +
			"'");
	}

	/** All keys, in declaration order. */
	public static List<String> keys() {
		return Arrays.stream(values()).map(PretextMode::key).collect(Collectors.toList());
	}

	@Override
	public String toString() {
		return key;
	}
}
