package org.transvw.perturbation.policy;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Fill;
import org.transvw.perturbation.Flip;
import org.transvw.perturbation.InPainting;
import org.transvw.perturbation.LocalShuffle;
import org.transvw.perturbation.NonlinearIntensity;
import org.transvw.perturbation.OutPainting;

import net.imglib2.Dimensions;

/**
 * The {@code genesis} policy, Models Genesis' {@code generate_pair} (method.md §3.2): flip of input
 * and target (rate 0.4, at most 3, depth never flipped), then local shuffle with 10 000 blocks if
 * U() < 0.5, non-linear intensity if U() < 0.9, painting if U() < 0.9: in-painting (up to 5
 * holes, each while U() < 0.95) if U() < 0.2, else out-painting (up to 5 windows). No elastic.
 * The input equals the target with probability 0.5 · 0.1 · 0.1 = 0.005.
 */
public final class GenesisPolicy implements PerturbationPolicy {

	/** Models Genesis' rates (method.md §3.2). */
	public static final double LOCAL_RATE = 0.5, NONLINEAR_RATE = 0.9, PAINT_RATE = 0.9,
			INPAINT_RATE = 0.2, REPEAT_RATE = 0.95;
	/** At most this many holes or windows. */
	public static final int MAX_BOXES = 5;

	private final Flip flip = new Flip();
	private final LocalShuffle shuffle = new LocalShuffle(LocalShuffle.GENESIS_BLOCKS);
	private final NonlinearIntensity nonlinear = new NonlinearIntensity();
	private final InPainting inPainting = new InPainting(MAX_BOXES, REPEAT_RATE, Fill.NOISE);
	private final OutPainting outPainting = new OutPainting(MAX_BOXES, REPEAT_RATE, Fill.NOISE);

	@Override
	public String name() {
		return "genesis";
	}

	@Override
	public int numPretextClasses() {
		return 0;
	}

	@Override
	public Plan draw(final RandomStreams rng, final Dimensions dims) {
		final Step<?> flipped = Step.draw(flip, rng, dims);
		final List<Step<?>> steps = new ArrayList<>(3);
		if (rng.nextDouble() < LOCAL_RATE) steps.add(Step.draw(shuffle, rng, dims));
		if (rng.nextDouble() < NONLINEAR_RATE) steps.add(Step.draw(nonlinear, rng, dims));
		if (rng.nextDouble() < PAINT_RATE) {
			if (rng.nextDouble() < INPAINT_RATE) steps.add(Step.draw(inPainting, rng, dims));
			else steps.add(Step.draw(outPainting, rng, dims));
		}
		return new Plan(List.of(flipped), steps, PerturbedSample.NO_LABEL);
	}
}
