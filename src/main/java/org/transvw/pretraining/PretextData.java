package org.transvw.pretraining;

import java.util.ArrayList;
import java.util.List;

import org.transvw.discovery.dataset.Split;
import org.transvw.engine.Tensors;
import org.transvw.perturbation.policy.PerturbationPolicy;
import org.transvw.perturbation.policy.PerturbedSample;
import org.transvw.perturbation.policy.Plan;
import org.transvw.training.BatchSource;
import org.transvw.training.PrefetchingBatchSource;
import org.transvw.training.TrainingBatch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The pre-training data pipeline: cubes streamed from a {@link CubeSource} and perturbed by the
 * mode's policy on worker threads, ahead of the trainer (a bounded {@link PrefetchingBatchSource};
 * deterministic per sample via {@code rng.fork(index)}). As in the reference, validation cubes
 * are perturbed at random too (method.md §3.1) but visited in a fixed order.
 * <p>
 * Batch layout (see {@link JointLoss}): inputs {@code (g(x) (N,1,X,Y,Z))}; labels
 * {@code (x (N,1,X,Y,Z), visualWord (N), pretextClass (N))}.
 * <p>
 * Copies: a cube arrives as a view of its record in tensor order; the perturbation copies it
 * once into its own (x-fastest) working order and the perturbed input is copied back into the
 * batch tensor (one bulk transposing copy, {@code Tensors.stack}). When the plan has no
 * augmentation (e.g. {@code transvw}: the target is the original cube) the restoration target is
 * the record itself, which reaches the tensor by a plain memory copy.
 */
public final class PretextData {

	/** Batches prepared ahead of the trainer. */
	public static final int PREFETCH_BATCHES = 2;

	/** One prepared sample: perturbed input, restoration target and both labels. */
	record Prepared(RandomAccessibleInterval<FloatType> input,
		RandomAccessibleInterval<FloatType> target, int visualWord, int pretext)
	{}

	private PretextData() {}

	/** The batches of {@code split} (training: shuffled every epoch). */
	public static BatchSource batches(final CubeSource data, final Split split,
		final PerturbationPolicy policy, final int batch, final int workers)
	{
		return new PrefetchingBatchSource<Prepared>(data.size(split), (i, rng) -> {
			final RandomAccessibleInterval<FloatType> cube = data.cube(split, i);
			final Plan plan = policy.draw(rng, cube);
			final PerturbedSample s = policy.apply(plan, cube);
			// NB: without augmentation the target equals the cube (never modified by apply)
			return new Prepared(s.input(), plan.augmentation().isEmpty() ? cube : s.target(), data
				.numClasses() > 0 ? data.label(split, i) : 0, Math.max(0, s.pretextLabel()));
		}, PretextData::collate, batch, split == Split.TRAIN, workers, PREFETCH_BATCHES);
	}

	static TrainingBatch collate(final NDManager m, final List<Prepared> samples) {
		final List<RandomAccessibleInterval<FloatType>> in = new ArrayList<>(), target =
			new ArrayList<>();
		final int[] words = new int[samples.size()], pretext = new int[samples.size()];
		for (int i = 0; i < samples.size(); i++) {
			final Prepared p = samples.get(i);
			in.add(p.input());
			target.add(p.target());
			words[i] = p.visualWord();
			pretext[i] = p.pretext();
		}
		final NDArray x = Tensors.stack(m, in);
		return new TrainingBatch(new NDList(x), new NDList(Tensors.stack(m, target), m.create(
			words), m.create(pretext)), samples.size());
	}
}
