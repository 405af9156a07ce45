package org.transvw.training;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;

import ai.djl.Model;

/**
 * What a {@link TrainingRun} owns besides the loop: the resume check of the full configuration,
 * fresh starts, stale temporaries, the "resumed" report, the temporary folder and provenance.
 */
@Category(EngineTests.class)
public class TrainingRunTest {

	static {
		// NB: one intra-op thread (see PretrainerTest).
		EngineSession.threads(1);
	}

	private static final Map<String, Object> CONFIG = Map.of("mode", "transvw", "lambdaCls",
		0.01, "network", Map.of("baseWidth", 8, "flavour", "pytorch"));
	private static final TrainingSettings ONE_EPOCH = TrainingSettings.defaults().withMaxEpochs(
		1);

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static TrainingRun.Builder run(final Path dir, final TrainingSettings s,
		final Map<String, ?> config, final String data, final List<String> messages)
	{
		return TrainingRun.builder("test", s).optCheckpointDir(dir).optConfiguration(config)
			.optDataFingerprint(data).optProgress((f, m) -> messages.add(m));
	}

	private static TrainingResult train(final TrainingRun.Builder b) throws IOException {
		try (Model model = TinyTask.model(1); TrainingRun run = b.start()) {
			return run.fit(model, TinyTask.source(8, 4, true), null, TinyTask::step);
		}
	}

	@Test
	public void aRerunWithAnotherConfigurationIsRefusedNamingEveryKeyThatDiffers()
		throws Exception
	{
		// setup: one epoch checkpointed
		final Path dir = tmp.newFolder().toPath();
		final List<String> log = new ArrayList<>();
		train(run(dir, ONE_EPOCH, CONFIG, "data-a", log));
		// process: another rate, batch, mode, network and data
		final Map<String, Object> other = Map.of("mode", "genesis", "lambdaCls", 0.01, "network",
			Map.of("baseWidth", 16, "flavour", "pytorch"));
		final ResumeMismatchException e = assertThrows(ResumeMismatchException.class, () -> run(
			dir, ONE_EPOCH.withLearningRate(3e-3).withBatch(4), other, "data-b", log).start());
		// test
		final String m = e.getMessage();
		assertEquals(dir.toString(), e.checkpointDir());
		assertEquals(new ResumeMismatchException.Difference("training.learningRate", "0.001",
			"0.003"), e.differences().stream().filter(d -> d.key().equals("training.learningRate"))
				.findFirst().orElseThrow());
		assertTrue(m, m.startsWith("resume: expected the configuration of the run checkpointed in " +
			dir));
		for (final String d : List.of("training.learningRate was 0.001, now 0.003",
			"training.batch was 8, now 4", "mode was transvw, now genesis",
			"network.baseWidth was 8, now 16", "data was data-a, now data-b"))
			assertTrue(m + "\nlacks: " + d, m.contains(d));
		assertFalse(m, m.contains("lambdaCls") || m.contains("flavour"));
		assertEquals("the checkpoint is untouched", 1, Checkpoint.readState(dir.resolve(
			TrainingRun.LAST)).epoch());
		// a longer run with another patience and the same configuration is no other run
		final TrainingResult longer = train(run(dir, ONE_EPOCH.withMaxEpochs(2).withPatience(7)
			.withCheckpointEvery(1), CONFIG, "data-a", log));
		assertEquals(1, longer.resumedFrom());
		assertEquals(2, longer.lastEpoch());
	}

	@Test
	public void aResumedRunSaysFromWhichEpoch() throws Exception {
		final Path dir = tmp.newFolder().toPath();
		final List<String> first = new ArrayList<>(), second = new ArrayList<>();
		train(run(dir, ONE_EPOCH, CONFIG, "d", first));
		final TrainingResult r;
		try (Model model = TinyTask.model(1); TrainingRun run = run(dir, ONE_EPOCH.withMaxEpochs(2),
			CONFIG, "d", second).start())
		{
			assertEquals(1, run.resumesFrom());
			r = run.fit(model, TinyTask.source(8, 4, true), null, TinyTask::step);
		}
		assertTrue(first.toString(), first.stream().noneMatch(m -> m.contains("resumed")));
		assertTrue(second.toString(), second.contains("test: resumed from epoch 1 (checkpoints in " +
			dir + ")"));
		assertEquals(1, r.resumedFrom());
		assertEquals(List.of(2), r.history().stream().map(EpochMetrics::epoch).toList());
	}

	@Test
	public void freshRestartsAndRemovesOnlyTheRunsOwnFiles() throws Exception {
		// setup: two epochs with periodic checkpoints, and files that are not the run's
		final Path dir = tmp.newFolder().toPath();
		final List<String> log = new ArrayList<>();
		train(run(dir, ONE_EPOCH.withMaxEpochs(2).withCheckpointEvery(1), CONFIG, "d", log));
		final List<String> own = List.of(TrainingRun.LAST, TrainingRun.BEST, TrainingRun.METRICS,
			"epoch-0001.ckpt", "epoch-0002.ckpt");
		final List<String> foreign = List.of("notes.txt", "last.ckpt.bak", "epoch-12.ckpt",
			"metrics.csv.old");
		for (final String f : own)
			assertTrue(f, Files.exists(dir.resolve(f)));
		for (final String f : foreign)
			Files.writeString(dir.resolve(f), "not the run's");
		Files.createDirectory(dir.resolve("last.ckpt7.tmp"));
		// process: another configuration, started fresh
		final TrainingResult r;
		try (Model model = TinyTask.model(1); TrainingRun run = run(dir, ONE_EPOCH.withFresh(true)
			.withLearningRate(1e-2), Map.of("mode", "genesis"), "other", log).start())
		{
			assertEquals(0, run.resumesFrom());
			for (final String f : own)
				assertFalse(f + " removed", Files.exists(dir.resolve(f)));
			r = run.fit(model, TinyTask.source(8, 4, true), null, TinyTask::step);
		}
		// test
		assertEquals(0, r.resumedFrom());
		assertEquals(List.of(1), r.history().stream().map(EpochMetrics::epoch).toList());
		assertEquals(1, MetricsCsv.read(dir.resolve(TrainingRun.METRICS)).rows().size());
		for (final String f : foreign)
			assertEquals(f, "not the run's", Files.readString(dir.resolve(f)));
		assertTrue("a folder is never a temporary", Files.isDirectory(dir.resolve("last.ckpt7.tmp")));
		assertTrue(log.toString(), log.stream().anyMatch(m -> m.startsWith(
			"test: starting fresh, removed the previous run's")));
	}

	@Test
	public void staleTemporariesOfAKilledRunAreRemovedAndNothingElse() throws Exception {
		// setup
		final Path dir = tmp.newFolder().toPath();
		final List<String> stale = List.of("last.ckpt4711.tmp", "best.ckpt-a1b2.tmp",
			"metrics.csv.tmp", ".epoch-0040.ckpt.tmp");
		final List<String> kept = List.of("other.tmp", "last.ckpt.tmp.keep", "mylast.ckpt1.tmp",
			"notes.txt");
		for (final String f : stale)
			Files.writeString(dir.resolve(f), "half written");
		for (final String f : kept)
			Files.writeString(dir.resolve(f), "keep");
		final List<String> log = new ArrayList<>();
		// process
		try (TrainingRun run = run(dir, ONE_EPOCH, CONFIG, "d", log).start()) {
			// test
			for (final String f : stale)
				assertFalse(f, Files.exists(dir.resolve(f)));
			for (final String f : kept)
				assertTrue(f, Files.exists(dir.resolve(f)));
			assertEquals(0, run.resumesFrom());
		}
		assertTrue(log.toString(), log.stream().anyMatch(m -> m.startsWith(
			"test: removed 4 temporary file(s) of an interrupted run")));
	}

	@Test
	public void aCheckpointWithoutConfigurationIsRefusedUnlessFresh() throws Exception {
		// setup: a checkpoint as earlier versions wrote it
		final Path dir = tmp.newFolder().toPath();
		try (Model model = TinyTask.model(1)) {
			Checkpoint.write(dir.resolve(TrainingRun.LAST), model.getBlock(), new TrainingState(3,
				1e-3, new LrSchedule.Constant().initial(1e-3), EarlyStopping.State.initial(), 6, null));
		}
		final List<String> log = new ArrayList<>();
		// process, test
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(
			dir, ONE_EPOCH, CONFIG, "d", log).start());
		assertTrue(e.getMessage(), e.getMessage().contains("written by an earlier version"));
		final TrainingResult r = train(run(dir, ONE_EPOCH.withFresh(true), CONFIG, "d", log));
		assertEquals(0, r.resumedFrom());
		assertEquals(1, r.lastEpoch());
	}

	@Test
	public void withoutAFolderCheckpointsGoToATemporaryOneAndProvenanceDescribesTheRun()
		throws Exception
	{
		final Path dir;
		final Map<String, Object> p;
		try (Model model = TinyTask.model(1); TrainingRun run = TrainingRun.builder("test",
			ONE_EPOCH.withSeed(11)).optConfiguration(CONFIG).optDataFingerprint("d").start())
		{
			dir = run.checkpointDir();
			assertThrows(IllegalStateException.class, run::provenance);
			run.fit(model, TinyTask.source(8, 4, true), TinyTask.source(4, 4, false), TinyTask::step);
			assertTrue(Files.exists(dir.resolve(TrainingRun.BEST)));
			p = run.provenance();
		}
		assertFalse("removed on close", Files.exists(dir));
		assertEquals("test", p.get("stage"));
		assertEquals(11L, p.get("seed"));
		assertEquals("d", p.get("dataFingerprint"));
		assertEquals(1, p.get("epochs"));
		assertEquals("max_epochs", p.get("stopReason"));
		@SuppressWarnings("unchecked")
		final Map<String, Object> config = (Map<String, Object>) p.get("configuration");
		assertEquals("transvw", config.get("mode"));
		assertEquals(ONE_EPOCH.withSeed(11).toMap(), config.get("training"));
		assertTrue(((Map<?, ?>) p.get("finalValidationLosses")).containsKey("rec"));
		assertTrue(((Map<?, ?>) p.get("versions")).containsKey("djl"));
	}
}
