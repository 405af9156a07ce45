package org.transvw.training;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * One data-parallel training step: the batch is cut along its first axis into one shard per
 * device (sizes differing by at most one, never empty), each shard's step runs on its device,
 * and each shard's total loss enters the backward pass weighted by its share of the batch, so
 * the summed gradient is the gradient of the batch mean as on one device (the learning rate
 * needs no rescaling). Batch normalisation sees per-shard statistics, as in PyTorch's
 * {@code DataParallel}.
 */
final class BatchShards {

	private BatchShards() {}

	/**
	 * Runs {@code step} on the shards of {@code batch} inside {@code gc} and returns the loss
	 * terms as shard-size weighted means (on the first device) with the summed accuracy counts.
	 * One device (or a batch of one) is the plain step.
	 *
	 * @param devices where the shards run, the first one the model's; may repeat a device (tests)
	 * @param manager the batch's manager; the shards live in sub-managers of it
	 */
	static StepResult train(final Block block, final ParameterStore ps, final Step step,
		final TrainingBatch batch, final Device[] devices, final NDManager manager,
		final GradientCollector gc)
	{
		final int k = Math.min(devices.length, batch.size());
		if (k == 1) {
			final StepResult r = step.compute(block, ps, batch, true);
			gc.backward(r.total());
			return r;
		}
		final List<StepResult> results = new ArrayList<>(k);
		final double[] shares = new double[k];
		int from = 0;
		for (int i = 0; i < k; i++) {
			final int size = batch.size() / k + (i < batch.size() % k ? 1 : 0);
			final TrainingBatch shard = shard(batch, from, from + size, devices[i], manager
				.newSubManager(devices[i]));
			from += size;
			shares[i] = (double) size / batch.size();
			final StepResult r = step.compute(block, ps, shard, true);
			gc.backward(r.total().mul((float) shares[i]));
			results.add(r);
		}
		return combine(results, shares, devices[0]);
	}

	/** Rows {@code [from, to)} of every array of {@code batch}, on {@code device}. */
	static TrainingBatch shard(final TrainingBatch batch, final int from, final int to,
		final Device device, final NDManager manager)
	{
		return new TrainingBatch(rows(batch.inputs(), batch.size(), from, to, device, manager), rows(
			batch.labels(), batch.size(), from, to, device, manager), to - from);
	}

	private static NDList rows(final NDList list, final int size, final int from, final int to,
		final Device device, final NDManager manager)
	{
		final NDList out = new NDList(list.size());
		for (final NDArray a : list) {
			Checks.require(a.getShape().dimension() > 0 && a.getShape().get(0) == size,
				"batch array", "the batch size " + size + " as its first dimension to split it " +
					"across devices, got shape " + a.getShape());
			final NDArray s = a.get(new NDIndex("{}:{}", from, to)).toDevice(device, false);
			s.attach(manager);
			out.add(s);
		}
		return out;
	}

	/** Each loss term as the {@code shares}-weighted sum over the shards, on {@code device}. */
	static StepResult combine(final List<StepResult> results, final double[] shares,
		final Device device)
	{
		final StepResult first = results.get(0);
		final List<LossTerm> terms = new ArrayList<>();
		for (int t = 0; t < first.terms().size(); t++) {
			final LossTerm term = first.terms().get(t);
			NDArray sum = null;
			for (int i = 0; i < results.size(); i++) {
				final LossTerm ti = results.get(i).terms().get(t);
				Checks.require(ti.name().equals(term.name()), "loss terms", "the same terms in every " +
					"shard, got " + ti.name() + " for " + term.name());
				final NDArray v = ti.value().toDevice(device, false).mul((float) shares[i]);
				sum = sum == null ? v : sum.add(v);
			}
			terms.add(new LossTerm(term.name(), term.weight(), sum));
		}
		long correct = 0, counted = 0;
		for (final StepResult r : results) {
			correct += r.correct();
			counted += r.counted();
		}
		return new StepResult(terms, correct, counted);
	}
}
