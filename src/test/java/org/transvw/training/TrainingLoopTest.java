package org.transvw.training;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;

import ai.djl.Model;

/**
 * The training loop (through {@link TrainingRun}) on a tiny conv network: learning, memory,
 * checkpoints, resume, cancel, stopping.
 */
@Category(EngineTests.class)
public class TrainingLoopTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void lossFallsAndModelManagerStaysFlat() throws Exception {
		// setup
		final List<Integer> managed = new ArrayList<>();
		final Path dir = tmp.newFolder().toPath();
		final TrainingSettings s = TrainingSettings.defaults().withMaxEpochs(6).withLearningRate(
			1e-2);
		final List<String> messages = new ArrayList<>();
		try (Model model = TinyTask.model(1); TrainingRun run = TrainingRun.builder("test", s)
			.optCheckpointDir(dir).optProgress((f, m) -> messages.add(m)).addObserver(
				new TrainingObserver() {

					@Override
					public void onStep(final int epoch, final int step, final Map<String, Double> m) {
						managed.add(model.getNDManager().getManagedArrays().size());
					}
				}).start())
		{
			// process
			final TrainingResult r = run.fit(model, TinyTask.source(16, 4, true), TinyTask.source(8,
				4, false), TinyTask::step);
			// test
			assertEquals(TrainingResult.StopReason.MAX_EPOCHS, r.reason());
			assertEquals(6, r.history().size());
			final double first = r.history().get(0).validation().get("rec");
			final double last = r.last().validation().get("rec");
			assertTrue("validation MSE falls clearly: " + first + " -> " + last, last < 0.5 * first);
			assertEquals("one count per training step", 24, managed.size());
			for (int i = 1; i < managed.size(); i++)
				assertEquals("arrays in the model's manager after step " + (i + 1), managed.get(0),
					managed.get(i));
			assertTrue(messages.stream().anyMatch(m -> m.contains("epoch 2/6 step 3/4") && m
				.contains("rec") && m.contains("ETA")));
			final MetricsCsv.Table t = MetricsCsv.read(dir.resolve(TrainingRun.METRICS));
			assertEquals(6, t.rows().size());
			assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6 }, t.column("epoch"), 0);
			assertEquals(last, t.column("val_rec")[5], 1e-5 * last);
		}
	}

	@Test
	public void resumedRunContinuesFromTheCheckpointEpochWithItsWeights() throws Exception {
		// setup: 2 epochs, then "crash"
		final Path dir = tmp.newFolder().toPath();
		final TrainingSettings s = TrainingSettings.defaults().withMaxEpochs(2).withCheckpointEvery(
			1);
		try (Model model = TinyTask.model(1); TrainingRun run = TrainingRun.builder("test", s)
			.optCheckpointDir(dir).start())
		{
			run.fit(model, TinyTask.source(8, 4, true), null, TinyTask::step);
		}
		assertEquals(2, Checkpoint.readState(dir.resolve(TrainingRun.LAST)).epoch());
		assertTrue(Files.exists(dir.resolve(TrainingRun.periodicName(1))));
		final List<float[]> saved;
		try (Model model = TinyTask.model(5)) {
			Checkpoint.load(dir.resolve(TrainingRun.LAST), model.getBlock(), model.getNDManager());
			saved = TinyTask.weights(model);
		}
		// process: a fresh process with other initial weights resumes to 4 epochs
		final int[] firstEpoch = { -1 };
		final List<List<float[]>> atStart = new ArrayList<>();
		final List<Model> watched = new ArrayList<>();
		try (Model model = TinyTask.model(99); TrainingRun run = TrainingRun.builder("test", s
			.withMaxEpochs(4)).optCheckpointDir(dir).addObserver(new TrainingObserver() {

				@Override
				public void onStart(final int epoch) {
					firstEpoch[0] = epoch;
					atStart.add(TinyTask.weights(watched.get(0)));
				}
			}).start())
		{
			watched.add(model);
			final TrainingResult r = run.fit(model, TinyTask.source(8, 4, true), null,
				TinyTask::step);
			// test
			assertEquals(3, firstEpoch[0]);
			for (int i = 0; i < saved.size(); i++)
				assertArrayEquals("parameter " + i, saved.get(i), atStart.get(0).get(i), 0f);
			assertEquals(2, r.history().size());
			assertEquals(3, r.history().get(0).epoch());
			assertEquals(4, r.lastEpoch());
			assertEquals(2, r.resumedFrom());
		}
		assertArrayEquals(new double[] { 1, 2, 3, 4 }, MetricsCsv.read(dir.resolve(
			TrainingRun.METRICS)).column("epoch"), 0);
	}

	@Test
	public void cancelReturnsPromptlyAndKeepsTheBestCheckpointReadable() throws Exception {
		// setup: cancel during the second step of epoch 2
		final Path dir = tmp.newFolder().toPath();
		final Cancellation cancel = Cancellation.create();
		final long[] cancelledAt = new long[1];
		try (Model model = TinyTask.model(1); TrainingRun run = TrainingRun.builder("test",
			TrainingSettings.defaults().withMaxEpochs(50)).optCheckpointDir(dir).optProgress(
				Progress.NONE).optCancellation(cancel).addObserver(new TrainingObserver() {

					@Override
					public void onStep(final int epoch, final int step, final Map<String, Double> m) {
						if (epoch == 2 && step == 2) {
							cancel.cancel();
							cancelledAt[0] = System.nanoTime();
						}
					}
				}).start())
		{
			// process
			final CancellationException e = assertThrows(CancellationException.class, () -> run.fit(
				model, TinyTask.source(16, 4, true), null, TinyTask::step));
			final double seconds = (System.nanoTime() - cancelledAt[0]) * 1e-9;
			// test
			assertTrue(e.getMessage(), e.getMessage().contains("cancelled after epoch 1") && e
				.getMessage().contains(dir.toString()));
			assertTrue("returned " + seconds + " s after cancel", seconds < 5);
		}
		try (Model other = TinyTask.model(7)) {
			assertEquals(1, Checkpoint.load(dir.resolve(TrainingRun.BEST), other.getBlock(), other
				.getNDManager()).epoch());
			assertEquals(1, Checkpoint.readState(dir.resolve(TrainingRun.LAST)).epoch());
		}
	}

	@Test
	public void stopsEarlyWhenTheValidationLossNeverImproves() throws Exception {
		// setup: a loss that does not depend on the weights' values (gradient zero)
		final Step flat = (block, ps, b, training) -> {
			final ai.djl.ndarray.NDArray y = block.forward(ps, b.inputs(), training).singletonOrThrow();
			return StepResult.of(new LossTerm("rec", 1, y.mean().mul(0).add(0.25f)));
		};
		try (Model model = TinyTask.model(1); TrainingRun run = TrainingRun.builder("test",
			TrainingSettings.defaults().withMaxEpochs(20).withPatience(2)).start())
		{
			// process
			final TrainingResult r = run.fit(model, TinyTask.source(4, 4, true), TinyTask.source(4, 4,
				false), flat);
			// test: epoch 1 sets the best, epochs 2 and 3 are stale -> stop after 3
			assertEquals(TrainingResult.StopReason.EARLY_STOPPED, r.reason());
			assertEquals(3, r.lastEpoch());
			assertEquals(1, r.bestEpoch());
			assertEquals(0.25, r.bestLoss(), 1e-6);
		}
	}
}
