package org.transvw.data.normalize;

import java.util.Locale;

import org.transvw.common.Checks;
import org.transvw.data.IntensityMap;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

/**
 * The one place that decides and replays the intensity normalisation a model is fed
 * (method.md §2.1): self-discovery, pre-training, fine-tuning, classification and inference all
 * call {@link #forModel} with the model's recorded recipe (or null for a new model), so that
 * training and inference cannot drift apart.
 * <pre>{@code
 * Volume in = Normalizations.forModel(raw, bundle.description().normalization());
 * Volume fresh = Normalizations.forModel(raw, null); // the modality's default
 * }</pre>
 */
public final class Normalizations {

	private Normalizations() {}

	/**
	 * The default recipe of a modality: CT the window [-1000, 1000] HU; MR and X-ray the
	 * percentiles 0.5 / 99.5 measured per volume; other modalities none (the user normalises).
	 */
	public static IntensityRecipe defaultFor(final Modality modality) {
		switch (Checks.notNull(modality, "modality")) {
			case CT:
				return IntensityRecipe.ctDefault();
			case MR:
			case XRAY:
				return IntensityRecipe.percentileDefault();
			default:
				return IntensityRecipe.none();
		}
	}

	/**
	 * The recipe of a user's choice: {@code ct} / {@code ct-window} (the window [-1000, 1000] HU),
	 * {@code percentile} / {@code mr-percentile} (0.5 / 99.5 % per volume), {@code zscore} (clip
	 * 5 sd) or {@code none}; case and surrounding blanks are ignored. {@link NormalizationChoice}
	 * adds {@code auto} and {@code bundle}.
	 *
	 * @throws IllegalArgumentException naming the accepted choices
	 */
	public static IntensityRecipe parse(final String name) {
		switch (Checks.notNull(name, "normalization").trim().toLowerCase(Locale.ROOT)) {
			case "ct": case "ct-window":
				return IntensityRecipe.ctDefault();
			case "percentile": case "mr-percentile":
				return IntensityRecipe.percentileDefault();
			case "zscore": case "mr-zscore":
				return IntensityRecipe.zScoreDefault();
			case "none":
				return IntensityRecipe.none();
			default:
				throw new IllegalArgumentException(
					"normalization: expected ct-window, mr-percentile, zscore or none, got '" + name + "'");
		}
	}

	/**
	 * The recipe {@link #forModel} applies: the model's, or for a new model (null) the default of
	 * the volume's modality.
	 */
	public static IntensityRecipe recipeFor(final Volume volume, final IntensityRecipe model) {
		return model != null ? model : defaultFor(Checks.notNull(volume, "volume").modality());
	}

	/**
	 * The volume as a model with recipe {@code model} must see it (null: a new model, which gets
	 * the modality's default):
	 * <ul>
	 * <li>unchanged when it already carries that recipe (its map was resolved on this volume);</li>
	 * <li>unchanged when the recipe is {@code none} (the model takes the data as they are);</li>
	 * <li>otherwise, for raw input, the recipe replayed on it ({@link IntensityRecipe#replayOn}:
	 * a CT window as stored, percentiles measured on this volume with the stored levels).</li>
	 * </ul>
	 * The result's {@link Volume#normalization()} says what was applied.
	 *
	 * @throws IllegalArgumentException if the volume was normalised with another recipe
	 */
	public static Volume forModel(final Volume volume, final IntensityRecipe model) {
		final IntensityRecipe recipe = recipeFor(volume, model);
		final IntensityMap have = volume.normalization();
		if (have.recipe().equals(recipe) || recipe instanceof IntensityRecipe.None) return volume;
		Checks.require(have.isRaw(), "input", "raw intensities or the model's " + recipe + ", got " +
			have);
		return recipe.replayOn(volume);
	}
}
