package org.transvw.perturbation.policy;

import java.util.List;

import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Fill;
import org.transvw.perturbation.Identity;
import org.transvw.perturbation.InPainting;
import org.transvw.perturbation.LocalShuffle;
import org.transvw.perturbation.NonlinearIntensity;
import org.transvw.perturbation.OutPainting;
import org.transvw.perturbation.Perturbation;

import net.imglib2.Dimensions;

/**
 * The {@code paper} policy, g(.) as the paper's text describes it (method.md §9.4, [INFERRED]): the
 * Models Genesis transforms plus the identity, exactly one of local shuffle, non-linear
 * intensity, in-painting, out-painting and identity at 1/5 each, with the TransVW per-call
 * constants (5 shuffle blocks, one hole, one window, noise fill) and no elastic warp. The target
 * is the original cube.
 */
public final class PaperPolicy implements PerturbationPolicy {

	private final List<Perturbation<?>> branches = List.of(new LocalShuffle(
		LocalShuffle.TRANSVW_BLOCKS), new NonlinearIntensity(), new InPainting(1, 1, Fill.NOISE),
		new OutPainting(1, 1, Fill.NOISE), new Identity());

	@Override
	public String name() {
		return "paper";
	}

	@Override
	public int numPretextClasses() {
		return 0;
	}

	@Override
	public Plan draw(final RandomStreams rng, final Dimensions dims) {
		final Perturbation<?> t = branches.get(rng.nextInt(branches.size()));
		return Plan.of(List.of(Step.draw(t, rng, dims)));
	}
}
