package org.transvw.perturbation;

import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/** The identity mapping (part of the paper's g(.), method.md §9.4): returns a copy of the input. */
public final class Identity implements Perturbation<Identity.Params> {

	/** Nothing is drawn. */
	public record Params() {}

	@Override
	public String name() {
		return "identity";
	}

	@Override
	public Params draw(final RandomStreams rng, final Dimensions dims) {
		FloatCube.dimsOf(dims);
		return new Params();
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		return in.copy();
	}
}
