package org.transvw.finetuning;

import org.transvw.common.Checks;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/** One classification sample: a cube (in the model's intensity range) and its class. */
public record LabelledCube(String id, Img<FloatType> cube, int label) {

	public LabelledCube {
		Checks.notNull(id, "id");
		Checks.notNull(cube, "cube of " + id);
		Checks.require(label >= 0, "label of " + id, "a class index >= 0, got " + label);
	}
}
