package org.transvw.perturbation.op;

import org.scijava.plugin.Plugin;
import org.transvw.perturbation.Identity;
import org.transvw.perturbation.Perturbation;

/** Op "transvw.identity": The identity mapping. */
@Plugin(type = PerturbationOp.class, name = "transvw.identity")
public final class IdentityOp implements PerturbationOp {

	@Override
	public Perturbation<?> perturbation() {
		return new Identity();
	}
}
