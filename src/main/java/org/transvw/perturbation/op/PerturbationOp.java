package org.transvw.perturbation.op;

import org.scijava.plugin.SciJavaPlugin;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Perturbation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Plugin type of the perturbation ops: a transform of g(.) with typed, public parameters (set
 * them, then call {@link #apply}). Names are "transvw." + the transform's name, e.g.
 * "transvw.nonlinear". Instances are not thread-safe while parameters change; the
 * {@link #perturbation()} they build is immutable.
 */
public interface PerturbationOp extends SciJavaPlugin {

	/** The core transform with the op's current parameters. */
	Perturbation<?> perturbation();

	/** Draws and applies the transform; {@code in} (values in [0, 1]) is not modified. */
	default Img<FloatType> apply(final RandomAccessibleInterval<FloatType> in,
		final RandomStreams rng)
	{
		return perturbation().apply(in, rng);
	}
}
