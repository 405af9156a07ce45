package org.transvw.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;

import org.scijava.app.StatusService;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.io.IoErrors;
import org.transvw.data.prepare.InputPlan;

/**
 * The base of every TransVW command: {@link #run()} calls {@link #execute()} and maps what it
 * throws, in this one place, to the module's cancel reason.
 * <ul>
 * <li>User errors — {@link IllegalArgumentException} (a parameter, named in the message),
 * {@link IOException} (a file, named in the message; NIO's bare paths made readable) and
 * {@link CancellationException} (the user, or a stage that stopped on purpose) — cancel the
 * module with that message, which the IJ1 adapter and Fiji show without a stack trace.</li>
 * <li>Anything else is a bug: it propagates (the module fails with its stack trace) and is never
 * disguised as a user error.</li>
 * </ul>
 * Parameters shared by several commands live in the subclasses {@link EngineCommand} and
 * {@link TrainingCommand}, or in {@link SharedParameters} for the few that cannot be inherited.
 */
public abstract class TransVwCommand extends ContextCommand {

	@Parameter(required = false)
	private StatusService status;

	@Parameter(required = false)
	private LogService log;

	/** Parameters -> one core call -> outputs; throws user errors, never catches bugs. */
	protected abstract void execute() throws IOException;

	/**
	 * What a cancelled run leaves behind, appended to the cancel reason, e.g. "cases written so
	 * far are kept"; null for nothing to say.
	 */
	protected String cancelledNote() {
		return null;
	}

	@Override
	public final void run() {
		try {
			execute();
		}
		catch (final IllegalArgumentException e) {
			cancel(reason(e));
		}
		catch (final IOException e) {
			cancel(IoErrors.describe(e));
		}
		catch (final UncheckedIOException e) {
			cancel(IoErrors.describe(e.getCause()));
		}
		catch (final CancellationException e) {
			cancel(cancelReason(e));
		}
	}

	/**
	 * The cancel reason of a user error: its message, which names the parameter. A subclass may
	 * say it in its own keys' words (see {@link TrainingCommand}).
	 */
	protected String reason(final IllegalArgumentException e) {
		return message(e);
	}

	/** The cancel reason of a {@link CancellationException}: the stage's own words if it has any. */
	private String cancelReason(final CancellationException e) {
		final String generic = "Cancelled by the user";
		String why = e.getMessage();
		if (why == null || why.isBlank() || why.equals(generic)) why = isCanceled() &&
			getCancelReason() != null ? getCancelReason() : generic;
		final String note = cancelledNote();
		return note == null ? why : why + "; " + note;
	}

	private static String message(final RuntimeException e) {
		return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e
			.getMessage();
	}

	/** The core's progress, shown in the status bar (and as log lines when headless). */
	protected final Progress progress() {
		return status == null ? Progress.NONE : StatusProgress.of(status, this::info);
	}

	/** The core's cancellation token, wired to this command's {@link #isCanceled()}. */
	protected final Cancellation cancellation() {
		return Cancellation.of(this::isCanceled);
	}

	/** Shows {@code message} in the status bar (the last line a run leaves). */
	protected final void status(final String message) {
		if (status != null) status.showStatus(message);
	}

	/** Writes {@code message} to the log. */
	protected final void info(final String message) {
		if (log != null) log.info(message);
	}

	/** Writes {@code message} to the log as a warning. */
	protected final void warn(final String message) {
		if (log != null) log.warn(message);
	}

	/** Logs how the inputs were prepared: each decision with its reason, then the warnings. */
	protected final void log(final InputPlan plan) {
		plan.notes().forEach(this::info);
		plan.warnings().forEach(this::warn);
	}
}
