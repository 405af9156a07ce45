package org.transvw.perturbation.op;

import org.scijava.plugin.Plugin;
import org.transvw.perturbation.Fill;
import org.transvw.perturbation.InPainting;
import org.transvw.perturbation.Perturbation;

/** Op "transvw.inpainting": In-painting holes (method.md §3.1; 5 holes at 0.95 = Models Genesis). */
@Plugin(type = PerturbationOp.class, name = "transvw.inpainting")
public final class InPaintingOp implements PerturbationOp {

	/** At most this many holes. */
	public int holes = 1;

	/** Probability of each hole (Models Genesis 0.95); 1 = always {@code holes}. */
	public double repeatProbability = 1;

	/** Hole fill: U[0, 1) noise or one U[0, 1) constant. */
	public Fill fill = Fill.NOISE;

	@Override
	public Perturbation<?> perturbation() {
		return new InPainting(holes, repeatProbability, fill);
	}
}
