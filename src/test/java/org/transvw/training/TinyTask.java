package org.transvw.training;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.RandomStreams;
import org.transvw.engine.EngineSession;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;

/**
 * A tiny learnable restoration task for the loop's engine tests: a 2-conv 3D network learns to
 * invert intensities (target = 1 - input) on random 8x8x4 cubes.
 */
final class TinyTask {

	static final Shape CUBE = new Shape(8, 8, 4);
	static final int VOXELS = (int) CUBE.size();

	private TinyTask() {}

	/** A model with an initialised tiny conv block, weights drawn from {@code seed}. */
	static Model model(final long seed) {
		EngineSession.engine();
		Engine.getInstance().setRandomSeed((int) seed);
		final SequentialBlock block = new SequentialBlock().add(Conv3d.builder().setKernelShape(
			new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1)).setFilters(4).build()).add(BatchNorm
				.builder().build()).add(Activation.reluBlock()).add(Conv3d.builder().setKernelShape(
					new Shape(1, 1, 1)).setFilters(1).build());
		final Model model = Model.newInstance("tiny", Device.cpu());
		model.setBlock(block);
		block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(2, 1, 8, 8, 4));
		return model;
	}

	/** {@code n} random cubes, prepared on workers, batches of {@code batch}. */
	static BatchSource source(final int n, final int batch, final boolean shuffle) {
		return new PrefetchingBatchSource<float[]>(n, (i, rng) -> {
			final RandomStreams r = RandomStreams.seeded(1000 + i);
			final float[] v = new float[VOXELS];
			for (int k = 0; k < v.length; k++)
				v[k] = r.nextFloat();
			return v;
		}, TinyTask::collate, batch, shuffle, 2, 2);
	}

	static TrainingBatch collate(final NDManager m, final List<float[]> samples) {
		final float[] all = new float[samples.size() * VOXELS];
		for (int i = 0; i < samples.size(); i++)
			System.arraycopy(samples.get(i), 0, all, i * VOXELS, VOXELS);
		final NDArray x = m.create(all, new Shape(samples.size(), 1, 8, 8, 4));
		return new TrainingBatch(new NDList(x), new NDList(x.neg().add(1)), samples.size());
	}

	/** MSE restoration step. */
	static StepResult step(final ai.djl.nn.Block block, final ai.djl.training.ParameterStore ps,
		final TrainingBatch b, final boolean training)
	{
		final NDArray y = block.forward(ps, b.inputs(), training).singletonOrThrow();
		return StepResult.of(new LossTerm("rec", 1, y.sub(b.labels().head()).square().mean()));
	}

	/** Copies of all parameter values, for comparisons. */
	static List<float[]> weights(final Model model) {
		final List<float[]> w = new ArrayList<>();
		for (final Pair<String, Parameter> p : model.getBlock().getParameters())
			w.add(p.getValue().getArray().toFloatArray());
		return w;
	}
}
