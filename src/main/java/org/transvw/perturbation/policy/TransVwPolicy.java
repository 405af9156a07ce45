package org.transvw.perturbation.policy;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.RandomStreams;
import org.transvw.perturbation.ElasticDeformation;
import org.transvw.perturbation.Fill;
import org.transvw.perturbation.InPainting;
import org.transvw.perturbation.LocalShuffle;
import org.transvw.perturbation.NonlinearIntensity;
import org.transvw.perturbation.OutPainting;

import net.imglib2.Dimensions;

/**
 * The {@code transvw} policy, the released TransVW code (method.md §3.1, the default): elastic
 * deformation (α 991, σ 8) always, then with {@code r = U()} exactly one of local shuffle
 * (5 blocks, r <= 0.25), non-linear intensity (r <= 0.5), in-painting (one noise hole, r <= 0.75)
 * or out-painting (one window, noise background). The target is the original cube, so the
 * network also undoes the warp. No flip, no identity. With {@code elastic = false} (the
 * reference's {@code data_augmentation=False}) the warp is skipped.
 */
public final class TransVwPolicy implements PerturbationPolicy {

	/** Branch boundaries of r = U() (method.md §3.1). */
	public static final double SHUFFLE_UPTO = 0.25, NONLINEAR_UPTO = 0.5, INPAINT_UPTO = 0.75;

	private final boolean elastic;
	private final ElasticDeformation deformation = new ElasticDeformation();
	private final LocalShuffle shuffle = new LocalShuffle(LocalShuffle.TRANSVW_BLOCKS);
	private final NonlinearIntensity nonlinear = new NonlinearIntensity();
	private final InPainting inPainting = new InPainting(1, 1, Fill.NOISE);
	private final OutPainting outPainting = new OutPainting(1, 1, Fill.NOISE);

	/** The released code: elastic on. */
	public TransVwPolicy() {
		this(true);
	}

	public TransVwPolicy(final boolean elastic) {
		this.elastic = elastic;
	}

	@Override
	public String name() {
		return "transvw";
	}

	@Override
	public int numPretextClasses() {
		return 0;
	}

	@Override
	public Plan draw(final RandomStreams rng, final Dimensions dims) {
		final List<Step<?>> steps = new ArrayList<>(2);
		if (elastic) steps.add(Step.draw(deformation, rng, dims));
		final double r = rng.nextDouble();
		if (r <= SHUFFLE_UPTO) steps.add(Step.draw(shuffle, rng, dims));
		else if (r <= NONLINEAR_UPTO) steps.add(Step.draw(nonlinear, rng, dims));
		else if (r <= INPAINT_UPTO) steps.add(Step.draw(inPainting, rng, dims));
		else steps.add(Step.draw(outPainting, rng, dims));
		return Plan.of(steps);
	}
}
