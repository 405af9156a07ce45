package org.transvw.perturbation.policy;

import java.util.List;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Perturbation;

import net.imglib2.Dimensions;

/**
 * A policy that always applies one transform to the input and restores the original: the
 * {@code inpainting} (one noise hole, method.md §3.1), {@code context-restoration} (Chen et al. patch
 * swaps) and {@code identity} pretext modes of the add-on experiments. No pretext label.
 */
public final class SingleTransformPolicy implements PerturbationPolicy {

	private final String name;
	private final Perturbation<?> transform;

	public SingleTransformPolicy(final String name, final Perturbation<?> transform) {
		this.name = Checks.notNull(name, "name");
		this.transform = Checks.notNull(transform, "transform");
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public int numPretextClasses() {
		return 0;
	}

	@Override
	public Plan draw(final RandomStreams rng, final Dimensions dims) {
		return Plan.of(List.of(Step.draw(transform, rng, dims)));
	}
}
