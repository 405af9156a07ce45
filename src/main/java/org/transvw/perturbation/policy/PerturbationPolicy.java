package org.transvw.perturbation.policy;

import org.transvw.common.RandomStreams;
import org.transvw.perturbation.FloatCube;

import net.imglib2.Dimensions;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A named perturbation policy (method.md §3): maps a cube x (values in [0, 1], 3D (x, y, z) or 2D)
 * and a random stream to a {@link PerturbedSample} (g(x), target, pretext label).
 * <p>
 * Contract: never modifies {@code cube}; thread-safe given a separate {@link RandomStreams} per
 * thread; deterministic for a given stream state. {@link #draw} then {@link #apply(Plan,
 * RandomAccessibleInterval)} is the same as {@link #apply(RandomAccessibleInterval,
 * RandomStreams)}.
 * <pre>{@code
 * PerturbationPolicy g = PerturbationPolicies.byName("transvw");
 * PerturbedSample s = g.apply(cube, RandomStreams.seeded(42).fork(sampleIndex));
 * }</pre>
 */
public interface PerturbationPolicy {

	/** The policy's name, as accepted by {@link PerturbationPolicies#byName}. */
	String name();

	/** Number of pretext classes the labels range over; 0 when the policy has no labels. */
	int numPretextClasses();

	/** Draws what happens to a cube of extents {@code dims}. */
	Plan draw(RandomStreams rng, Dimensions dims);

	/** Applies a drawn plan; {@code cube} is not modified. */
	default PerturbedSample apply(final Plan plan, final RandomAccessibleInterval<FloatType> cube) {
		FloatCube target = FloatCube.copyOf(cube);
		for (final Step<?> s : plan.augmentation())
			target = s.apply(target);
		FloatCube input = target;
		// NB: after the first step the input is this method's own cube: later steps may overwrite it
		for (final Step<?> s : plan.perturbation())
			input = input == target ? s.apply(input) : s.applyOwned(input);
		if (input == target) input = target.copy();
		return new PerturbedSample(input.toImg(), target.toImg(), plan.pretextLabel());
	}

	/** Draws and applies. */
	default PerturbedSample apply(final RandomAccessibleInterval<FloatType> cube,
		final RandomStreams rng)
	{
		return apply(draw(rng, cube), cube);
	}
}
