package org.transvw.training;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
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
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

/**
 * Data-parallel training on CPU: the shards' weighted gradients are the batch's gradient, and
 * one replica update keeps every replica equal to a single Adam on the summed gradient. (The
 * several-GPU run itself needs a machine with two GPUs; here the shards repeat the CPU.)
 */
@Category(EngineTests.class)
public class DataParallelTest {

	private static final Device CPU = Device.cpu();

	/** A conv net without batch norm (whose per-shard statistics would differ by design). */
	private static Model model() {
		EngineSession.engine();
		Engine.getInstance().setRandomSeed(7);
		final SequentialBlock block = new SequentialBlock().add(Conv3d.builder().setKernelShape(
			new Shape(3, 3, 3)).optPadding(new Shape(1, 1, 1)).setFilters(3).build()).add(Activation
				.reluBlock()).add(Conv3d.builder().setKernelShape(new Shape(1, 1, 1)).setFilters(1)
					.build());
		final Model m = Model.newInstance("dp", CPU);
		m.setBlock(block);
		block.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(2, 1, 8, 8, 4));
		for (final Pair<String, Parameter> p : block.getParameters())
			p.getValue().getArray().setRequiresGradient(true);
		return m;
	}

	private static TrainingBatch batch(final NDManager m, final int n) {
		final List<float[]> samples = new ArrayList<>();
		final RandomStreams r = RandomStreams.seeded(3);
		for (int i = 0; i < n; i++) {
			final float[] v = new float[TinyTask.VOXELS];
			for (int k = 0; k < v.length; k++)
				v[k] = r.nextFloat();
			samples.add(v);
		}
		final TrainingBatch b = TinyTask.collate(m, samples);
		final NDArray correct = m.create(new float[n]); // a second, 1-D array to split
		return new TrainingBatch(b.inputs(), new NDList(b.labels().head(), correct), n);
	}

	/** Gradients of every parameter after {@code run} and their loss, then zeroed. */
	private static List<float[]> gradients(final Model model, final float[] loss,
		final java.util.function.Function<GradientCollector, StepResult> run)
	{
		try (GradientCollector gc = model.getNDManager().getEngine().newGradientCollector()) {
			loss[0] = run.apply(gc).terms().get(0).value().getFloat();
		}
		final List<float[]> g = new ArrayList<>();
		for (final Pair<String, Parameter> p : model.getBlock().getParameters()) {
			final NDArray a = p.getValue().getArray().getGradient();
			g.add(a.toFloatArray());
			a.subi(a);
		}
		return g;
	}

	@Test
	public void shardsWeightedByTheirShareGiveTheBatchGradient() {
		try (Model model = model(); NDManager bm = model.getNDManager().newSubManager()) {
			for (final int n : new int[] { 6, 7 }) {
				final TrainingBatch b = batch(bm, n);
				final ParameterStore ps = new ParameterStore(model.getNDManager(), false);
				final float[] whole = new float[1], sharded = new float[1];
				final List<float[]> g1 = gradients(model, whole, gc -> {
					final StepResult r = TinyTask.step(model.getBlock(), ps, b, true);
					gc.backward(r.total());
					return r;
				});
				final List<float[]> g3 = gradients(model, sharded, gc -> BatchShards.train(model
					.getBlock(), ps, TinyTask::step, b, new Device[] { CPU, CPU, CPU }, bm, gc));
				assertEquals("batch " + n + ": the shards' weighted mean loss is the batch mean",
					whole[0], sharded[0], 1e-6);
				for (int i = 0; i < g1.size(); i++) {
					double norm = 0;
					for (final float v : g1.get(i))
						norm = Math.max(norm, Math.abs(v));
					assertTrue("gradient " + i + " is not all zero", norm > 0);
					assertArrayEquals("batch " + n + ", gradient " + i, g1.get(i), g3.get(i), (float) (1e-5 *
						norm));
				}
			}
		}
	}

	@Test
	public void shardsAreContiguousRowsOfEveryArray() {
		try (NDManager m = NDManager.newBaseManager(CPU)) {
			final NDArray x = m.arange(7f * 2).reshape(7, 2);
			final NDArray y = m.arange(7f);
			final TrainingBatch b = new TrainingBatch(new NDList(x), new NDList(y), 7);
			final TrainingBatch s = BatchShards.shard(b, 3, 5, CPU, m.newSubManager());
			assertEquals(2, s.size());
			assertArrayEquals(new float[] { 6, 7, 8, 9 }, s.inputs().head().toFloatArray(), 0);
			assertArrayEquals(new float[] { 3, 4 }, s.labels().head().toFloatArray(), 0);
			final TrainingBatch bad = new TrainingBatch(new NDList(x), new NDList(m.arange(3f)), 7);
			try {
				BatchShards.shard(bad, 0, 3, CPU, m.newSubManager());
				fail("an array of another first dimension cannot be split");
			}
			catch (final IllegalArgumentException e) {
				assertTrue(e.getMessage(), e.getMessage().contains("the batch size 7 as its first " +
					"dimension") && e.getMessage().contains("(3)"));
			}
		}
	}

	@Test
	public void oneReplicaUpdateKeepsReplicasEqualToOneAdamOnTheSummedGradient() {
		try (NDManager m = NDManager.newBaseManager(CPU)) {
			final Adam dp = Optimizer.adam().optLearningRateTracker(ai.djl.training.tracker.Tracker
				.fixed(0.1f)).build();
			final Adam single = Optimizer.adam().optLearningRateTracker(ai.djl.training.tracker.Tracker
				.fixed(0.1f)).build();
			final ReplicaParameterServer server = new ReplicaParameterServer(dp);
			final NDArray w0 = m.create(new float[] { 1, -2, 3 });
			final NDArray w1 = w0.duplicate();
			final NDArray reference = w0.duplicate();
			w0.setRequiresGradient(true);
			w1.setRequiresGradient(true);
			for (int step = 1; step <= 4; step++) {
				final NDArray c0 = m.create(new float[] { step, 1, -1 });
				final NDArray c1 = m.create(new float[] { 0.5f, -step, 2 });
				try (GradientCollector gc = m.getEngine().newGradientCollector()) {
					gc.backward(w0.mul(c0).sum());
					gc.backward(w1.mul(c1).sum());
				}
				single.update("w", reference, c0.add(c1));
				server.update("w", new NDArray[] { w0.getGradient(), w1.getGradient() },
					new NDArray[] { w0, w1 });
				assertArrayEquals("step " + step + ": one Adam step on the summed gradient", reference
					.toFloatArray(), w0.toFloatArray(), 1e-6f);
				assertArrayEquals("step " + step + ": the replica is a copy", w0.toFloatArray(), w1
					.toFloatArray(), 0);
				assertArrayEquals("gradients zeroed", new float[3], w0.getGradient().toFloatArray(), 0);
				assertArrayEquals("gradients zeroed", new float[3], w1.getGradient().toFloatArray(), 0);
			}
		}
	}

	@Test
	public void theModelsDeviceComesFirstAndMustBeAmongTheDevices() {
		assertArrayEquals(new Device[] { CPU }, TrainingLoop.devices(List.of(), CPU));
		assertArrayEquals(new Device[] { Device.gpu(1), Device.gpu(0) }, TrainingLoop.devices(List
			.of(Device.gpu(0), Device.gpu(1)), Device.gpu(1)));
		try {
			TrainingLoop.devices(List.of(Device.gpu(0), Device.gpu(1)), CPU);
			fail("the network's device must be one of the devices");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("devices: expected a list holding " +
				"the network's device cpu()"));
		}
	}
}
