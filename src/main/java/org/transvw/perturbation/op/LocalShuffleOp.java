package org.transvw.perturbation.op;

import org.scijava.plugin.Plugin;
import org.transvw.perturbation.LocalShuffle;
import org.transvw.perturbation.Perturbation;

/** Op "transvw.shuffle": Local pixel shuffling (method.md §3.1; 10 000 blocks = Models Genesis). */
@Plugin(type = PerturbationOp.class, name = "transvw.shuffle")
public final class LocalShuffleOp implements PerturbationOp {

	/** Number of shuffled blocks (TransVW 5, Models Genesis 10 000). */
	public int blocks = LocalShuffle.TRANSVW_BLOCKS;

	@Override
	public Perturbation<?> perturbation() {
		return new LocalShuffle(blocks);
	}
}
