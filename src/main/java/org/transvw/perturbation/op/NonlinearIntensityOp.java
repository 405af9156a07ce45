package org.transvw.perturbation.op;

import org.scijava.plugin.Plugin;
import org.transvw.perturbation.NonlinearIntensity;
import org.transvw.perturbation.Perturbation;

/** Op "transvw.nonlinear": Bezier non-linear intensity map (method.md §3.1, §3.4). */
@Plugin(type = PerturbationOp.class, name = "transvw.nonlinear")
public final class NonlinearIntensityOp implements PerturbationOp {

	@Override
	public Perturbation<?> perturbation() {
		return new NonlinearIntensity();
	}
}
