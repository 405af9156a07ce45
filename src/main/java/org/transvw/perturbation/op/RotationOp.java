package org.transvw.perturbation.op;

import org.scijava.plugin.Plugin;
import org.transvw.perturbation.Perturbation;
import org.transvw.perturbation.Rotation90;

/** Op "transvw.rotation": Rotation by multiples of 90 degrees (Rotation pretext, 8 classes). */
@Plugin(type = PerturbationOp.class, name = "transvw.rotation")
public final class RotationOp implements PerturbationOp {

	@Override
	public Perturbation<?> perturbation() {
		return new Rotation90();
	}
}
