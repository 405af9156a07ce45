package org.transvw.perturbation.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a policy drew for one sample: {@code augmentation} steps applied to input and target
 * alike (Models Genesis' flip), then {@code perturbation} steps applied to the input only, and
 * the pretext label ({@link PerturbedSample#NO_LABEL} if none). Replaying a plan is
 * bit-identical.
 */
public record Plan(List<Step<?>> augmentation, List<Step<?>> perturbation, int pretextLabel) {

	public Plan {
		augmentation = List.copyOf(augmentation);
		perturbation = List.copyOf(perturbation);
	}

	/** A plan of input-only steps without pretext label. */
	public static Plan of(final List<Step<?>> perturbation) {
		return new Plan(List.of(), perturbation, PerturbedSample.NO_LABEL);
	}

	/** Names of the input-only steps in order, e.g. ["elastic", "shuffle"]. */
	public List<String> perturbationNames() {
		final List<String> names = new ArrayList<>();
		for (final Step<?> s : perturbation)
			names.add(s.name());
		return names;
	}

	/** The first step named {@code name} (augmentation first), or null. */
	public Step<?> step(final String name) {
		for (final Step<?> s : augmentation)
			if (s.name().equals(name)) return s;
		for (final Step<?> s : perturbation)
			if (s.name().equals(name)) return s;
		return null;
	}

	/** A short description, e.g. "flip | shuffle, nonlinear". */
	@Override
	public String toString() {
		final List<String> aug = new ArrayList<>();
		for (final Step<?> s : augmentation)
			aug.add(s.name());
		final String p = perturbation.isEmpty() ? "none" : String.join(", ", perturbationNames());
		return (aug.isEmpty() ? "" : String.join(", ", aug) + " | ") + p + (pretextLabel >= 0
			? " (class " + pretextLabel + ")" : "");
	}
}
