package org.transvw.imagej.legacy;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.scijava.Cancelable;

/**
 * Stops a running command cleanly when the JVM shuts down (SIGTERM, SIGINT, the launcher's time
 * limit, {@code System.exit}, quitting ImageJ): a shutdown hook cancels the command through its
 * {@link Cancelable} and waits, at most {@link #GRACE_PROPERTY} seconds (default 60), until it
 * has stopped at its next step boundary, so that the JVM exits with the engine idle and every
 * NDManager closed.
 * <p>
 * NB: why this matters. At exit the JVM runs the C++ static destructors of libtorch (e.g. oneDNN's
 * primitive cache) while threads that are inside native code keep running: a training step still
 * computing a convolution then reads freed memory, and the JVM dies with SIGSEGV and an
 * {@code hs_err_pid*.log}. Completed epochs and checkpoints are kept (they are written
 * atomically), so a rerun resumes.
 * <p>
 * One guard per command run: {@link #install} before the command starts, {@link #finished} when
 * it has returned, {@link #close} to remove the hook.
 */
final class ShutdownGuard implements AutoCloseable {

	/** Seconds a stopping command may take before the JVM exits anyway. */
	static final String GRACE_PROPERTY = "transvw.shutdown.grace";

	/** The cancel reason a command sees. */
	static final String REASON = "stopped: the JVM is shutting down (SIGTERM, SIGINT, time " +
		"limit or exit)";

	private static final long DEFAULT_GRACE_SECONDS = 60;

	private final String title;
	private final Cancelable command;
	private final long graceSeconds;
	private final Consumer<String> log;
	private final CountDownLatch finished = new CountDownLatch(1);
	private final Thread hook;
	private volatile boolean triggered;
	private final boolean installed;

	ShutdownGuard(final String title, final Cancelable command, final long graceSeconds,
		final Consumer<String> log, final boolean register)
	{
		this.title = title;
		this.command = command;
		this.graceSeconds = graceSeconds;
		this.log = log;
		this.hook = new Thread(this::stop, "transvw-shutdown-" + title);
		boolean ok = false;
		if (register) {
			try {
				Runtime.getRuntime().addShutdownHook(hook);
				ok = true;
			}
			catch (final IllegalStateException e) {
				// NB: the JVM is already shutting down: the command must not start.
				triggered = true;
			}
		}
		this.installed = ok;
	}

	/** A guard for {@code command} (may be null: not cancelable) with a registered hook. */
	static ShutdownGuard install(final String title, final Cancelable command,
		final Consumer<String> log)
	{
		return new ShutdownGuard(title, command, Math.max(0, Long.getLong(GRACE_PROPERTY,
			DEFAULT_GRACE_SECONDS)), log, true);
	}

	/** Whether the JVM is shutting down (the hook ran, or was refused because it had begun). */
	boolean triggered() {
		return triggered;
	}

	/** Tells the hook that the command has returned. */
	void finished() {
		finished.countDown();
	}

	/** The hook's work: cancel, then wait (bounded) until the command has returned. */
	void stop() {
		triggered = true;
		if (finished.getCount() == 0) return;
		log.accept(title + ": stopping (the JVM is shutting down); waiting at most " +
			graceSeconds + " s for the current step to finish");
		final long start = System.nanoTime();
		if (command != null) command.cancel(REASON);
		boolean stopped;
		try {
			stopped = finished.await(graceSeconds, TimeUnit.SECONDS);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			stopped = false;
		}
		final double s = (System.nanoTime() - start) * 1e-9;
		log.accept(stopped ? String.format(Locale.ROOT, "%s: stopped cleanly after %.1f s; what " +
			"it completed is kept (training and self-discovery resume when run again)", title, s)
			: title + ": did not stop within " + graceSeconds + " s; exiting anyway");
	}

	/**
	 * Blocks the calling thread for good: the JVM is exiting, and returning would let a macro run
	 * its next statement meanwhile.
	 */
	void awaitExit() {
		while (true) {
			try {
				Thread.sleep(1000);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void close() {
		if (!installed) return;
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (final IllegalStateException e) {
			// NB: shutdown has begun and the hooks are running, ours among them.
			triggered = true;
		}
	}
}
