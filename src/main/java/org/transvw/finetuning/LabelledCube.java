package org.transvw.finetuning;

import org.transvw.common.Checks;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One classification sample: a cube (in the model's intensity range), its class, and the volume
 * it was cut from: the unit of every split, so that no volume (patient) gives cubes to both
 * training and validation.
 *
 * @param id e.g. "case_3.nii.gz@40,52,17"
 * @param source the source volume (patient), e.g. "case_3.nii.gz"
 */
public record LabelledCube(String id, Img<FloatType> cube, int label, String source) {

	public LabelledCube {
		Checks.notNull(id, "id");
		Checks.notNull(cube, "cube of " + id);
		Checks.require(label >= 0, "label of " + id, "a class index >= 0, got " + label);
		Checks.notNull(source, "source of " + id);
	}

	/** A cube that is its own source (a volume per cube). */
	public LabelledCube(final String id, final Img<FloatType> cube, final int label) {
		this(id, cube, label, id);
	}
}
