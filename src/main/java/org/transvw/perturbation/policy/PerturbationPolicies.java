package org.transvw.perturbation.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.transvw.perturbation.Transforms;

/**
 * The named policies: {@code transvw} (default, released code), {@code genesis} (Models
 * Genesis), {@code paper} (paper text), and the add-on pretext modes {@code rotation},
 * {@code inpainting}, {@code context-restoration}, {@code identity}. See the package javadoc and
 * docs/perturbation.md for what each does. A transform's op name ({@code transvw.shuffle}, see
 * {@link Transforms}) is accepted too and gives a policy of that one transform with its
 * defaults, so this is the one lookup for "what can be applied to a cube".
 */
public final class PerturbationPolicies {

	/** The default policy's name. */
	public static final String DEFAULT = "transvw";

	private static final List<String> NAMES = List.of("transvw", "genesis", "paper", "rotation",
		"inpainting", "context-restoration", "identity");

	private PerturbationPolicies() {}

	/** Every policy name, the default first ({@link #choices()} adds the transforms). */
	public static List<String> names() {
		return NAMES;
	}

	/** Every accepted name: the policies (default first), then the transforms' op names. */
	public static List<String> choices() {
		final List<String> all = new ArrayList<>(NAMES);
		all.addAll(Transforms.opNames());
		return all;
	}

	/**
	 * The policy called {@code name} (case-insensitive), or for a transform's op name
	 * ({@code transvw.<transform>}) a policy of that one transform.
	 *
	 * @throws IllegalArgumentException naming the accepted names
	 */
	public static PerturbationPolicy byName(final String name) {
		final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		if (n.startsWith(Transforms.OP_PREFIX) && Transforms.isTransform(n))
			return new SingleTransformPolicy(n, Transforms.byName(n));
		switch (n) {
			case "transvw":
				return new TransVwPolicy();
			case "genesis":
				return new GenesisPolicy();
			case "paper":
				return new PaperPolicy();
			case "rotation":
				return new RotationPolicy();
			case "inpainting":
				return new SingleTransformPolicy("inpainting", Transforms.byName("inpainting"));
			case "context-restoration":
				return new SingleTransformPolicy("context-restoration", Transforms.byName(
					"contextswap"));
			case "identity":
				return new SingleTransformPolicy("identity", Transforms.byName("identity"));
			default:
				throw new IllegalArgumentException("policy: expected one of " + choices() + ", got '" +
					name + "'");
		}
	}
}
