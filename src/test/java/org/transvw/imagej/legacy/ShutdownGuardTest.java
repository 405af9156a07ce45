package org.transvw.imagej.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.scijava.command.ContextCommand;

/**
 * The shutdown hook's work, run directly (a real JVM shutdown is the launcher IT's part): cancel
 * the command, wait for it to return, bounded, and say what happened.
 */
public class ShutdownGuardTest {

	/** A command that stops at its next step once cancelled, as the training loop does. */
	private static final class Stepper extends ContextCommand {

		volatile int steps;
		volatile boolean returned;

		@Override
		public void run() {
			try {
				loop();
			}
			finally {
				returned = true;
			}
		}

		private void loop() {
			while (!isCanceled() && steps < 600) {
				steps++;
				try {
					Thread.sleep(50);
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Test
	public void cancelsAndWaitsUntilTheCommandHasReturned() throws Exception {
		// setup
		final Stepper command = new Stepper();
		final List<String> log = new CopyOnWriteArrayList<>();
		final ShutdownGuard guard = new ShutdownGuard("Stepper", command, 30, log::add, false);
		final Thread worker = new Thread(() -> {
			command.run();
			guard.finished();
		});
		worker.start();
		while (command.steps < 3)
			Thread.sleep(10);
		// process
		guard.stop();
		// test
		// NB: the worker thread itself may still be alive right after finished(): test the command
		assertTrue("stop() returns only after the command", command.returned);
		assertTrue(guard.triggered());
		assertEquals(ShutdownGuard.REASON, command.getCancelReason());
		assertTrue("stopped long before 600 steps: " + command.steps, command.steps < 100);
		assertEquals(log.toString(), 2, log.size());
		assertTrue(log.get(0), log.get(0).startsWith("Stepper: stopping (the JVM is shutting down)"));
		assertTrue(log.get(1), log.get(1).startsWith("Stepper: stopped cleanly after "));
	}

	@Test
	public void givesUpAfterTheGrace() {
		final Stepper command = new Stepper(); // never runs, so never returns
		final List<String> log = new CopyOnWriteArrayList<>();
		final ShutdownGuard guard = new ShutdownGuard("Stuck", command, 0, log::add, false);
		guard.stop();
		assertTrue(command.isCanceled());
		assertEquals("Stuck: did not stop within 0 s; exiting anyway", log.get(1));
	}

	@Test
	public void finishedCommandIsLeftAlone() {
		final Stepper command = new Stepper();
		final List<String> log = new CopyOnWriteArrayList<>();
		final ShutdownGuard guard = new ShutdownGuard("Done", command, 30, log::add, false);
		guard.finished();
		guard.stop();
		assertTrue(guard.triggered());
		assertFalse(command.isCanceled());
		assertTrue(log.isEmpty());
	}

	@Test
	public void hookIsRegisteredAndRemoved() {
		final ShutdownGuard guard = ShutdownGuard.install("Hook", new Stepper(), s -> {});
		assertFalse("not shutting down", guard.triggered());
		guard.close();
		assertFalse(guard.triggered());
	}
}
