package org.transvw.perturbation.policy;

import java.util.List;

import org.transvw.perturbation.ContextSwap;
import org.transvw.perturbation.Fill;
import org.transvw.perturbation.Identity;
import org.transvw.perturbation.InPainting;

/**
 * The named policies: {@code transvw} (default, released code), {@code genesis} (Models
 * Genesis), {@code paper} (paper text), and the add-on pretext modes {@code rotation},
 * {@code inpainting}, {@code context-restoration}, {@code identity}. See the package javadoc and
 * docs/perturbation.md for what each does.
 */
public final class PerturbationPolicies {

	/** The default policy's name. */
	public static final String DEFAULT = "transvw";

	private static final List<String> NAMES = List.of("transvw", "genesis", "paper", "rotation",
		"inpainting", "context-restoration", "identity");

	private PerturbationPolicies() {}

	/** Every accepted name, the default first. */
	public static List<String> names() {
		return NAMES;
	}

	/**
	 * The policy called {@code name} (case-insensitive).
	 *
	 * @throws IllegalArgumentException naming the accepted names
	 */
	public static PerturbationPolicy byName(final String name) {
		switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "transvw":
				return new TransVwPolicy();
			case "genesis":
				return new GenesisPolicy();
			case "paper":
				return new PaperPolicy();
			case "rotation":
				return new RotationPolicy();
			case "inpainting":
				return new SingleTransformPolicy("inpainting", new InPainting(1, 1, Fill.NOISE));
			case "context-restoration":
				return new SingleTransformPolicy("context-restoration", new ContextSwap());
			case "identity":
				return new SingleTransformPolicy("identity", new Identity());
			default:
				throw new IllegalArgumentException("policy: expected one of " + NAMES + ", got '" +
					name + "'");
		}
	}
}
