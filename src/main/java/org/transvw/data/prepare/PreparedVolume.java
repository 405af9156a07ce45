package org.transvw.data.prepare;

import org.transvw.common.Checks;
import org.transvw.data.Volume;
import org.transvw.data.geometry.GeometryPlan;
import org.transvw.data.normalize.ModalityDecision;

/**
 * One volume as a model sees it, and how it got there.
 *
 * @param name the file name without ending
 * @param resampled the raw intensities on the processed grid (RAS, cropped, target spacing),
 *          modality set to the decision; the raw volume itself when the plan changes nothing
 * @param image {@code resampled} normalised with the plan's recipe (a lazy view); its
 *          {@link Volume#normalization()} is the map applied, with the numbers measured on it
 * @param plan the geometry step, invertible ({@link GeometryPlan#invertLabels},
 *          {@link GeometryPlan#invertProbabilities}) back to the input's own grid
 * @param modality the decision for this volume
 */
public record PreparedVolume(String name, Volume resampled, Volume image, GeometryPlan plan,
	ModalityDecision modality)
{

	public PreparedVolume {
		Checks.notNull(name, "name");
		Checks.notNull(resampled, "resampled volume");
		Checks.notNull(image, "image");
		Checks.notNull(plan, "geometry plan");
		Checks.notNull(modality, "modality");
	}
}
