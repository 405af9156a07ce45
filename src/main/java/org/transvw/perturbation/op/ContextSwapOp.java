package org.transvw.perturbation.op;

import org.scijava.plugin.Plugin;
import org.transvw.perturbation.ContextSwap;
import org.transvw.perturbation.Perturbation;

/** Op "transvw.contextswap": Context-restoration patch swaps (Chen et al. 2019). */
@Plugin(type = PerturbationOp.class, name = "transvw.contextswap")
public final class ContextSwapOp implements PerturbationOp {

	/** Number of swapped patch pairs. */
	public int swaps = ContextSwap.SWAPS;

	@Override
	public Perturbation<?> perturbation() {
		return new ContextSwap(swaps);
	}
}
