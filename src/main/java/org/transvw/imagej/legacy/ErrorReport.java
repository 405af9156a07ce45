package org.transvw.imagej.legacy;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.scijava.Cancelable;
import org.scijava.module.Module;

import ij.IJ;
import ij.macro.Interpreter;

/**
 * The one error path of the IJ1 adapter. A failure becomes one message (the parameter and what
 * was expected, never a stack trace unless {@link #debug()} asks for one) and reaches the user
 * once:
 * <ul>
 * <li>interactive (a display and an ImageJ window): a log line and ImageJ's error dialog, which
 * also aborts a running macro;</li>
 * <li>otherwise (headless, Xvfb batch runs, {@code ImageJ -batch}): no dialog; a running macro is
 * aborted with the message as its error message, which {@code bin/transvw-macro} prints once
 * (other runners: it is logged, see {@link #RUNNER_PROPERTY}); without a macro the message is
 * logged once and kept as {@link IJ#getErrorMessage()}.</li>
 * </ul>
 */
public final class ErrorReport {

	/** The system property that asks for stack traces ({@code TRANSVW_DEBUG=1} does too). */
	public static final String DEBUG_PROPERTY = "transvw.debug";

	/**
	 * How every message starts that means "a dialog would wait for a person": a command run from a
	 * macro without its macro options where no one can answer. Runners map it to their own exit
	 * status (3 in {@code bin/transvw-macro}).
	 */
	public static final String NEEDS_INPUT = "a dialog would wait for input";

	/**
	 * Set to {@code true} by a macro runner that prints a failed macro's error message itself
	 * ({@code bin/transvw-macro}); elsewhere (e.g. {@code ImageJ -batch}) the message is also
	 * logged, so that it is seen once.
	 */
	public static final String RUNNER_PROPERTY = "transvw.macro.runner";

	private ErrorReport() {}

	/** Whether stack traces are wanted: {@code -Dtransvw.debug=true} or {@code TRANSVW_DEBUG=1}. */
	public static boolean debug() {
		return Boolean.getBoolean(DEBUG_PROPERTY) || "1".equals(System.getenv("TRANSVW_DEBUG"));
	}

	/**
	 * A readable message without stack trace: the deepest non-empty message of the cause chain
	 * (stopping at the first user error, whose message is meant for the user); other exceptions
	 * (bugs) are prefixed with their class name.
	 */
	public static String describe(final Throwable t) {
		Throwable source = t;
		for (Throwable c = t; c != null; c = c.getCause()) {
			if (c.getMessage() != null && !c.getMessage().isBlank() && !wraps(c)) source = c;
			if (isUserError(c)) break;
		}
		final String message = source.getMessage();
		if (message == null || message.isBlank()) return source.getClass().getSimpleName();
		return isUserError(source) ? message : source.getClass().getSimpleName() + ": " + message;
	}

	/** A wrapper whose message is only its cause's {@code toString()} (as SciJava's). */
	private static boolean wraps(final Throwable c) {
		return c.getCause() != null && c.getMessage().equals(c.getCause().toString());
	}

	/** A user error (bad input, unreadable file) as opposed to a bug. */
	static boolean isUserError(final Throwable t) {
		return t instanceof IllegalArgumentException || t instanceof IOException;
	}

	/** The stack trace of {@code t} and its causes, as text. */
	public static String trace(final Throwable t) {
		final StringBuilder sb = new StringBuilder();
		final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		String prefix = "";
		for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
			sb.append(prefix).append(c).append('\n');
			for (final StackTraceElement e : c.getStackTrace())
				sb.append("\tat ").append(e).append('\n');
			prefix = "Caused by: ";
		}
		return sb.toString();
	}

	/**
	 * Why a finished module did not succeed: the cancel reason of the command (or of the module,
	 * e.g. set by a preprocessor), never blank; null when it was not cancelled.
	 */
	static String cancelReason(final Module module) {
		final Object command = module.getDelegateObject();
		if (command instanceof Cancelable && ((Cancelable) command).isCanceled()) return reason(
			(Cancelable) command);
		if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) return reason(
			(Cancelable) module);
		return null;
	}

	private static String reason(final Cancelable c) {
		final String r = c.getCancelReason();
		return r == null || r.isBlank() ? "cancelled (no reason given)" : r;
	}

	/** Reports that command {@code title} failed; {@code bug} (or null) gives the debug trace. */
	static void commandFailed(final String title, final String message, final Throwable bug) {
		final String hint = bug != null && !debug()
			? " (a bug: run with TRANSVW_DEBUG=1 for the stack trace)" : "";
		if (bug != null && debug()) debugTrace(bug);
		deliver(title, message + hint, title + " failed: " + message + hint);
	}

	/** Reports that command {@code title} would need a dialog where no one can answer it. */
	static void needsInput(final String title) {
		final String message = NEEDS_INPUT + ": " + title + " was run without macro options; " +
			"give them as run(\"" + title + "\", \"key=value ...\") (keys: the parameter names)";
		deliver(title, message, message);
	}

	private static void debugTrace(final Throwable bug) {
		if (LegacyContext.interactive()) IJ.log(trace(bug));
		else System.err.print(trace(bug));
	}

	private static void deliver(final String title, final String message, final String line) {
		if (LegacyContext.interactive()) {
			IJ.log(line);
			IJ.error(title, message);
			return;
		}
		final Interpreter macro = Interpreter.getInstance();
		if (macro != null) {
			if (!Boolean.getBoolean(RUNNER_PROPERTY)) IJ.log(line);
			// NB: with errors ignored, abort() records the message and ends the macro without
			// building ImageJ's error dialog (a HeadlessException without X, a wait under Xvfb).
			macro.setIgnoreErrors(true);
			macro.abort(line);
			return;
		}
		IJ.redirectErrorMessages();
		IJ.error(title, message);
	}
}
