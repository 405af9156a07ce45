package org.transvw.finetuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.common.SeededSplit;
import org.transvw.data.InputConvention;
import org.transvw.data.prepare.InputPlan;

/**
 * The cubes of a classification fine-tuning, split by source volume (no volume gives cubes to
 * two sets): training, validation (early stopping; its AUC is never the reported test figure)
 * and held-out test cubes, plus how their images were prepared.
 *
 * @param train training cubes
 * @param validation early-stopping cubes
 * @param test held-out test cubes (may be empty)
 * @param input what the cubes are (modality, recipe, spacing, orientation), recorded in the bundle
 * @param plan the preparation's decisions with their reasons (logged, stored in the bundle), or
 *          null for cubes prepared elsewhere
 */
public record ClassificationData(List<LabelledCube> train, List<LabelledCube> validation,
	List<LabelledCube> test, InputConvention input, InputPlan plan)
{

	public ClassificationData {
		Checks.require(train != null && !train.isEmpty(), "cubes", "at least one training cube");
		Checks.require(validation != null && !validation.isEmpty(), "validation",
			"at least one validation cube");
		Checks.notNull(input, "input");
		train = List.copyOf(train);
		validation = List.copyOf(validation);
		test = test == null ? List.of() : List.copyOf(test);
	}

	/** The preparation's decisions and reasons, JSON-ready (empty without a plan). */
	public Map<String, Object> provenance() {
		return plan == null ? Map.of() : plan.toMap();
	}

	/**
	 * Splits cubes by their source volume: {@code test} of the sources (stream {@code seed ->
	 * fork("test split")}; none for 0) held out first, then {@code validation} of the remaining
	 * sources (at least one; stream {@code seed -> fork("validation split")}).
	 *
	 * @param test fraction of the source volumes held out for testing, in [0, 1)
	 * @param validation fraction of the other source volumes that validate, in (0, 1)
	 * @throws IllegalArgumentException when there are too few source volumes to split
	 */
	public static ClassificationData split(final List<LabelledCube> cubes,
		final double validation, final double test, final long seed, final InputPlan plan)
	{
		Checks.require(validation > 0 && validation < 1, "validation", "a fraction in (0, 1), got " +
			validation);
		Checks.require(test >= 0 && test < 1, "test", "a fraction in [0, 1), got " + test);
		final int volumes = new java.util.HashSet<>(sources(cubes)).size(), needed = test > 0 ? 3 : 2;
		Checks.require(volumes >= needed, "validation", "cubes from at least " + needed +
			" source volumes (training, validation" + (test > 0 ? " and test hold" : " hold") +
			" out whole volumes, so that no patient is in two sets), got " + volumes);
		List<LabelledCube> rest = cubes;
		List<LabelledCube> held = List.of();
		if (test > 0) {
			final SeededSplit t = SeededSplit.holdOutGroups(sources(rest), test, 1, RandomStreams
				.seeded(seed).fork("test split"));
			held = t.chosen(rest);
			rest = t.rest(rest);
		}
		final SeededSplit v = SeededSplit.holdOutGroups(sources(rest), validation, 1, RandomStreams
			.seeded(seed).fork("validation split"));
		return new ClassificationData(v.rest(rest), v.chosen(rest), held, plan.convention(), plan);
	}

	private static List<String> sources(final List<LabelledCube> cubes) {
		final List<String> s = new ArrayList<>(cubes.size());
		for (final LabelledCube c : cubes)
			s.add(c.source());
		return s;
	}
}
