package org.transvw.perturbation.op;

import org.scijava.plugin.Plugin;
import org.transvw.perturbation.Fill;
import org.transvw.perturbation.OutPainting;
import org.transvw.perturbation.Perturbation;

/** Op "transvw.outpainting": Out-painting with kept windows (method.md §3.1; 5 windows at 0.95 = Models Genesis). */
@Plugin(type = PerturbationOp.class, name = "transvw.outpainting")
public final class OutPaintingOp implements PerturbationOp {

	/** At most this many kept windows (at least 1). */
	public int windows = 1;

	/** Probability of each further window (Models Genesis 0.95); 1 = always {@code windows}. */
	public double repeatProbability = 1;

	/** Background: U[0, 1) noise or one U[0, 1) constant. */
	public Fill fill = Fill.NOISE;

	@Override
	public Perturbation<?> perturbation() {
		return new OutPainting(windows, repeatProbability, fill);
	}
}
