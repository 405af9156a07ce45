package org.transvw.finetuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;

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
 * @param provenance the preparation's decisions and reasons ({@code InputPlan.toMap()}),
 *          JSON-ready, stored in the bundle
 */
public record FineTuneData(List<LabelledCase> train, List<LabelledCase> validation,
	List<LabelledCase> test, InputConvention input, Map<String, Object> provenance)
{

	public FineTuneData {
		Checks.require(train != null && !train.isEmpty(), "images", "at least one training case");
		Checks.require(validation != null && !validation.isEmpty(), "validation",
			"at least one validation case");
		Checks.notNull(input, "input");
		train = List.copyOf(train);
		validation = List.copyOf(validation);
		test = test == null ? List.of() : List.copyOf(test);
		provenance = provenance == null ? Map.of() : new LinkedHashMap<>(provenance);
	}

	/** Cases already on the model's grid and in its intensity range, no test set. */
	public static FineTuneData of(final List<LabelledCase> train,
		final List<LabelledCase> validation, final IntensityRecipe normalization)
	{
		return new FineTuneData(train, validation, List.of(), InputConvention.of(Checks.notNull(
			normalization, "normalization")), Map.of());
	}
}
