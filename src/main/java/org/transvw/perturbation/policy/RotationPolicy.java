package org.transvw.perturbation.policy;

import java.util.List;

import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Rotation90;

import net.imglib2.Dimensions;

/**
 * The {@code rotation} pretext mode of the add-on experiments: the input is the cube rotated by
 * one of the 8 shape-keeping rotations of {@link Rotation90} (uniform), the pretext label is the
 * rotation class 0..7, and the restoration target is the unrotated original. Cubes with X != Y
 * draw only the 4 classes with an even number of quarter turns (0, 2, 4, 6).
 */
public final class RotationPolicy implements PerturbationPolicy {

	private final Rotation90 rotation = new Rotation90();

	@Override
	public String name() {
		return "rotation";
	}

	@Override
	public int numPretextClasses() {
		return Rotation90.CLASSES;
	}

	@Override
	public Plan draw(final RandomStreams rng, final Dimensions dims) {
		final Rotation90.Params p = rotation.draw(rng, dims);
		return new Plan(List.of(), List.of(new Step<>(rotation, p)), p.rotationClass());
	}
}
