package org.transvw.perturbation.policy;

import org.transvw.common.RandomStreams;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.Perturbation;

import net.imglib2.Dimensions;

/** One drawn transform of a {@link Plan}: the transform and its parameters. */
public record Step<P>(Perturbation<P> transform, P params) {

	/** Draws {@code transform}'s parameters for extents {@code dims}. */
	public static <P> Step<P> draw(final Perturbation<P> transform, final RandomStreams rng,
		final Dimensions dims)
	{
		return new Step<>(transform, transform.draw(rng, dims));
	}

	/** The transform's name, e.g. "shuffle". */
	public String name() {
		return transform.name();
	}

	/** Applies the recorded parameters (deterministic; {@code in} is not modified). */
	public FloatCube apply(final FloatCube in) {
		return transform.apply(params, in);
	}

	/** {@link #apply}, allowed to overwrite and return {@code in} (which the caller owns). */
	public FloatCube applyOwned(final FloatCube in) {
		return transform.applyOwned(params, in);
	}
}
