package org.transvw.finetuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.prepare.InputPlan;

/**
 * The cases of a segmentation fine-tuning, split by volume (the patient; no volume contributes
 * patches to two sets): training cases, validation cases (early stopping, learning-rate
 * schedule and best checkpoint: their Dice is never the reported test figure) and held-out test
 * cases (scored once, after training, with the best weights), plus how their images were
 * prepared.
 *
 * @param train training cases (at least one)
 * @param validation the early-stopping cases (at least one)
 * @param test held-out test cases (may be empty: then there is no test figure)
 * @param input what the prepared images are (modality, recipe, spacing, orientation): recorded
 *          in the fine-tuned bundle
 * @param plan the preparation's decisions with their reasons (logged, stored in the bundle), or
 *          null for cases prepared elsewhere
 */
public record FineTuneData(List<LabelledCase> train, List<LabelledCase> validation,
	List<LabelledCase> test, InputConvention input, InputPlan plan)
{

	public FineTuneData {
		Checks.require(train != null && !train.isEmpty(), "images", "at least one training case");
		Checks.require(validation != null && !validation.isEmpty(), "validation",
			"at least one validation case");
		Checks.notNull(input, "input");
		train = List.copyOf(train);
		validation = List.copyOf(validation);
		test = test == null ? List.of() : List.copyOf(test);
	}

	/** Cases already on the model's grid and in its intensity range, no test set. */
	public static FineTuneData of(final List<LabelledCase> train,
		final List<LabelledCase> validation, final IntensityRecipe normalization)
	{
		return new FineTuneData(train, validation, List.of(), InputConvention.of(Checks.notNull(
			normalization, "normalization")), null);
	}

	/** The preparation's decisions and reasons, JSON-ready (empty without a plan). */
	public Map<String, Object> provenance() {
		return plan == null ? Map.of() : plan.toMap();
	}

	/** Training, validation, then test cases. */
	public List<LabelledCase> all() {
		final List<LabelledCase> all = new ArrayList<>(train);
		all.addAll(validation);
		all.addAll(test);
		return all;
	}

	/**
	 * The cases smaller than {@code patch} along some axis, e.g. "case_0 [24, 24, 16]": their
	 * patches are mirror-padded ({@link PatchSampler}).
	 */
	public List<String> smallerThan(final int[] patch) {
		final List<String> small = new ArrayList<>();
		for (final LabelledCase c : all()) {
			final long[] d = c.image().dimensionsAsLongArray();
			for (int k = 0; k < Math.min(d.length, patch.length); k++)
				if (d[k] < patch[k]) {
					small.add(c.name() + " " + Arrays.toString(d));
					break;
				}
		}
		return small;
	}

	/**
	 * Checks every case's labels against {@code classes} (counting background), see
	 * {@link SparseLabels#requireValues}.
	 */
	public void requireClasses(final int classes) {
		for (final LabelledCase c : all())
			SparseLabels.requireValues(c, classes);
	}
}
