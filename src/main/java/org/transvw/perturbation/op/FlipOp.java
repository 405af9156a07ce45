package org.transvw.perturbation.op;

import org.scijava.plugin.Plugin;
import org.transvw.perturbation.Flip;
import org.transvw.perturbation.Perturbation;

/** Op "transvw.flip": Models Genesis' random flip (method.md §3.2). */
@Plugin(type = PerturbationOp.class, name = "transvw.flip")
public final class FlipOp implements PerturbationOp {

	/** Probability of each further flip. */
	public double rate = 0.4;

	/** At most this many flips. */
	public int maxFlips = 3;

	@Override
	public Perturbation<?> perturbation() {
		return new Flip(rate, maxFlips);
	}
}
