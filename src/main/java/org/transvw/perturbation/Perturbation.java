package org.transvw.perturbation;

import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One transform of g(.) (method.md §3), split into drawing its random parameters and applying them.
 * <p>
 * Contract: {@link #draw} consumes randomness only from the given stream and depends only on the
 * extents; {@link #apply(Object, FloatCube)} is deterministic, never modifies its input and
 * returns a new cube of the same extents, so replaying a Params record is bit-identical.
 * Implementations are immutable and thread-safe; give each thread its own {@link RandomStreams}.
 *
 * @param <P> the drawn parameters, a record
 */
public interface Perturbation<P> {

	/**
	 * Short name, e.g. "nonlinear", as in {@link Transforms}; the op plugin is named
	 * {@link Transforms#OP_PREFIX} + name.
	 */
	String name();

	/** Draws the random parameters for a cube of extents {@code dims} (2D or 3D). */
	P draw(RandomStreams rng, Dimensions dims);

	/** Applies {@code params} to {@code in}; returns a new cube. */
	FloatCube apply(P params, FloatCube in);

	/**
	 * {@link #apply(Object, FloatCube)} for a caller that owns {@code in} and never reads it
	 * again: the result is the same, but {@code in} may be overwritten and returned (saving a
	 * copy). The default returns a new cube.
	 */
	default FloatCube applyOwned(final P params, final FloatCube in) {
		return apply(params, in);
	}

	/** Applies {@code params} to an image; returns a new image. */
	default Img<FloatType> apply(final P params, final RandomAccessibleInterval<FloatType> in) {
		return apply(params, FloatCube.copyOf(in)).toImg();
	}

	/** Draws and applies in one call. */
	default FloatCube apply(final FloatCube in, final RandomStreams rng) {
		return apply(draw(rng, in.toImg()), in);
	}

	/** Draws and applies in one call; returns a new image. */
	default Img<FloatType> apply(final RandomAccessibleInterval<FloatType> in,
		final RandomStreams rng)
	{
		final FloatCube cube = FloatCube.copyOf(in);
		return apply(draw(rng, cube.toImg()), cube).toImg();
	}
}
