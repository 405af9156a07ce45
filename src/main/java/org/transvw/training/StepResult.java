package org.transvw.training;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.transvw.common.Checks;

import ai.djl.ndarray.NDArray;

/**
 * What one {@link Step} produced: the loss terms and, where the task classifies, how many of
 * {@code counted} predictions were {@code correct} ({@code counted == 0}: no accuracy).
 */
public record StepResult(List<LossTerm> terms, long correct, long counted) {

	public StepResult {
		Checks.require(terms != null && !terms.isEmpty(), "loss terms", "at least one term");
		terms = List.copyOf(terms);
		final Set<String> names = new HashSet<>();
		for (final LossTerm t : terms)
			Checks.require(names.add(t.name()), "loss terms", "unique names, '" + t.name() +
				"' repeats");
		Checks.require(correct >= 0 && correct <= counted, "accuracy counts",
			"0 <= correct <= counted, got " + correct + "/" + counted);
	}

	/** Loss terms without accuracy. */
	public static StepResult of(final LossTerm... terms) {
		return new StepResult(List.of(terms), 0, 0);
	}

	/** The weighted total {@code sum(weight * value)} over terms with a non-zero weight. */
	public NDArray total() {
		NDArray sum = null;
		for (final LossTerm t : terms) {
			if (t.weight() == 0) continue;
			final NDArray w = t.weight() == 1 ? t.value() : t.value().mul((float) t.weight());
			sum = sum == null ? w : sum.add(w);
		}
		Checks.require(sum != null, "loss weights", "at least one term with a non-zero weight");
		return sum;
	}
}
