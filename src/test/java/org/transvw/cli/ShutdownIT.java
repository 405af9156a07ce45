package org.transvw.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.Test;
import org.transvw.pretraining.SyntheticVisualWords;

/**
 * Stopping a run from outside: SIGTERM mid-epoch and the launcher's time limit end a pre-training
 * cleanly (the command stops at its next step, no native crash, no {@code hs_err_pid*.log}), with
 * the documented exit status, checkpoints of completed epochs only, and a rerun that resumes.
 * Widths and batches are large enough that a step takes a while, so the signal arrives while
 * libtorch computes (before the fix it crashed the JVM then).
 */
public class ShutdownIT extends DisplayModes {

	private static final String TERMINATED = "143", TIME_LIMIT = "124";

	public ShutdownIT(final ImageJApp.Mode mode) {
		super(mode);
	}

	private static Path pretrain(final Path work, final int epochs) throws IOException {
		final Path macro = work.resolve("pretrain-" + epochs + ".ijm");
		Files.writeString(macro, "run(\"Pre-train TransVW\", \"dataset=[" + work.resolve("words") +
			"] output=[" + work.resolve("bundle") + "] mode=transvw flavour=pytorch width=32 " +
			"batch=16 rate=0.001 schedule=constant epochs=" + epochs + " patience=1000 rec=1 " +
			"cls=0.01 pretext=1 workers=1 every=0 device=cpu threads=1 seed=5\");");
		return macro;
	}

	private Map<String, String> env() {
		final Map<String, String> env = new HashMap<>(mode.env);
		env.put("TRANSVW_GRACE", "120");
		return env;
	}

	private static Path setUp() throws IOException {
		final Path work = Files.createTempDirectory("shutdown-it");
		SyntheticVisualWords.write(work.resolve("words"), new int[] { 16, 16, 8 }, 8, 2, 11);
		return work;
	}

	private static void stoppedCleanly(final ImageJApp.Run r, final Path work) throws IOException {
		assertTrue(r.toString(), r.stdout().contains("Pre-train TransVW: stopped cleanly after"));
		try (Stream<Path> files = Files.list(work)) {
			assertFalse("a native crash left a JVM error log:\n" + r, files.anyMatch(p -> p
				.getFileName().toString().startsWith("hs_err")));
		}
		assertFalse(r.toString(), r.stdout().contains("SIGSEGV") || r.stderr().contains("SIGSEGV"));
	}

	/** The epochs of metrics.csv, checked to be 1..n in order. */
	private static int completedEpochs(final Path work) throws IOException {
		final List<String> rows = Files.readAllLines(work.resolve("bundle.training/metrics.csv"));
		for (int i = 1; i < rows.size(); i++)
			assertEquals(rows.toString(), i, (int) Double.parseDouble(rows.get(i).split(",")[0]));
		return rows.size() - 1;
	}

	@Test
	public void termMidEpochStopsCleanlyAndARerunResumes() throws Exception {
		// setup
		final Path work = setUp();
		final ImageJApp.Launch run = app.start(pretrain(work, 500), null, 900, env(), work);
		final long deadline = System.currentTimeMillis() + 600_000;
		while (!run.output().contains("epoch 1: train") && run.process().isAlive() && System
			.currentTimeMillis() < deadline)
			Thread.sleep(200);
		assertTrue(run.output(), run.process().isAlive());
		Thread.sleep(1500); // into epoch 2
		// process
		run.process().destroy(); // SIGTERM to bin/transvw-macro
		final ImageJApp.Run r = run.await();
		// test
		assertEquals(r.toString(), TERMINATED, Integer.toString(r.exitCode()));
		stoppedCleanly(r, work);
		assertTrue(Files.exists(work.resolve("bundle.training/last.ckpt")));
		final int done = completedEpochs(work);
		assertTrue("at least the first epoch completed: " + done, done >= 1);
		// a rerun with one epoch more resumes: it trains that epoch only
		final ImageJApp.Run again = app.macro(pretrain(work, done + 1), null, 900, env());
		assertEquals(again.toString(), 0, again.exitCode());
		assertTrue(again.toString(), again.stdout().contains("epoch " + (done + 1) + ": train"));
		assertFalse(again.toString(), again.stdout().contains("epoch 1: train"));
		assertEquals(done + 1, completedEpochs(work));
		assertTrue(Files.exists(work.resolve("bundle/model.json")));
	}

	@Test
	public void timeLimitStopsCleanly() throws Exception {
		final Path work = setUp();
		final ImageJApp.Run r = app.start(pretrain(work, 500), null, 30, env(), work).await();
		assertEquals(r.toString(), TIME_LIMIT, Integer.toString(r.exitCode()));
		stoppedCleanly(r, work);
	}
}
