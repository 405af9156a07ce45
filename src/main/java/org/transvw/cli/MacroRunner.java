package org.transvw.cli;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Label;
import java.awt.TextComponent;
import java.awt.Window;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.transvw.engine.EngineSession;
import org.transvw.imagej.legacy.ErrorReport;
import org.transvw.imagej.legacy.HeadlessMenus;

import ij.Executer;
import ij.IJ;
import ij.Macro;
import ij.Menus;
import ij.gui.MultiLineLabel;
import ij.macro.Interpreter;

/**
 * Runs an ImageJ macro without user interaction and turns every failure into one message on
 * stderr and an exit status that is the same in every display mode (X, Xvfb, truly headless),
 * never a hang:
 * <ul>
 * <li>{@value #OK}: the macro ran to its end;</li>
 * <li>{@value #FAILED}: the macro or a command failed (a command's error, a macro error such as a
 * syntax error or an unknown command, an exception);</li>
 * <li>{@value #USAGE}: wrong arguments or an unreadable macro file;</li>
 * <li>{@value #NEEDS_INPUT}: a dialog would wait for a person (a command without its macro
 * options, {@code getNumber}, {@code waitForUser}, a file chooser); its text is printed.</li>
 * </ul>
 * SIGTERM and SIGINT end the JVM with 143 and 130 once the running command has stopped at its
 * next step (see the IJ1 adapter's shutdown guard); {@code bin/transvw-macro} adds 124 for its
 * time limit. The macro's log ({@code print}, {@code IJ.log}) goes to stdout since no ImageJ
 * window exists. Stack traces are printed only with {@code TRANSVW_DEBUG=1} or
 * {@code -Dtransvw.debug=true}. Usage: {@code MacroRunner MACRO.ijm [argument]};
 * {@code bin/transvw-macro} sets up the ImageJ application folder, the display and the time limit.
 */
public final class MacroRunner {

	/** Exit statuses (documented in bin/transvw-macro and the README). */
	public static final int OK = 0, FAILED = 1, USAGE = 2, NEEDS_INPUT = 3;

	/** How often the watchdog looks for dialogs. */
	private static final long WATCH_MS = 200;

	private final Interpreter interpreter = new Interpreter();
	private final String macroName;

	private MacroRunner(final String macroName) {
		this.macroName = macroName;
	}

	public static void main(final String[] args) throws IOException {
		if (args.length < 1 || args.length > 2) {
			System.err.println("usage: MacroRunner MACRO.ijm [argument]");
			System.exit(USAGE);
		}
		final Path macro = Paths.get(args[0]);
		if (!Files.isReadable(macro)) {
			System.err.println("ERROR: macro file not readable: " + macro.toAbsolutePath());
			System.exit(USAGE);
		}
		if (System.getProperty(EngineSession.OFFLINE_PROPERTY) == null) EngineSession.configure(
			false);
		System.setProperty(ErrorReport.RUNNER_PROPERTY, "true"); // we print a failure's message
		final MacroRunner runner = new MacroRunner(macro.getFileName().toString());
		IJ.setExceptionHandler(runner::exception);
		if (GraphicsEnvironment.isHeadless()) {
			HeadlessMenus.install(MacroRunner.class.getResourceAsStream("/plugins.config"));
			Executer.addCommandListener(runner::knownCommand);
		}
		else runner.startWatchdog();
		final String text = Files.readString(macro, StandardCharsets.UTF_8);
		Interpreter.batchMode = true;
		try {
			runner.interpreter.run(text, args.length > 1 ? args[1] : "");
		}
		catch (final RuntimeException e) {
			runner.exception(e);
		}
		final String error = runner.error();
		if (error == null && runner.interpreter.wasError()) runner.exit(FAILED, "the macro failed");
		runner.exit(error == null ? OK : error.startsWith(ErrorReport.NEEDS_INPUT) ? NEEDS_INPUT
			: FAILED, error);
	}

	/** The message the run failed with: the macro's (commands report there), else ImageJ's. */
	private String error() {
		final String e = interpreter.getErrorMessage();
		return e != null ? e : IJ.getErrorMessage();
	}

	private void exit(final int status, final String message) {
		if (message != null) {
			System.err.println("ERROR: " + macroName + ": " + message);
			System.err.flush();
		}
		System.exit(status);
	}

	/**
	 * Headless, a command missing from ImageJ's command table ends the macro with a message of
	 * its own before ImageJ reports it (its report would try to build an error dialog).
	 */
	private String knownCommand(final String command) {
		final java.util.Hashtable<?, ?> table = Menus.getCommands();
		if (table == null || table.containsKey(command)) return command;
		abort("Unrecognized command: \"" + command + "\" (without a display only the TransVW " +
			"commands and the macro functions are available)");
		return null;
	}

	private void abort(final String message) {
		// NB: with errors ignored, abort() records the message and ends the macro without
		// ImageJ's error dialog.
		interpreter.setIgnoreErrors(true);
		interpreter.abort(message);
	}

	/**
	 * An exception that ImageJ caught (in a plugin or the interpreter) or that ended the macro:
	 * it aborts the macro with its message, unless the macro already failed with one (then it is
	 * the HeadlessException of ImageJ's error dialog, which cannot be built without a display).
	 */
	private void exception(final Throwable e) {
		if (Macro.MACRO_CANCELED.equals(e.getMessage())) return;
		if (ErrorReport.debug()) System.err.print(ErrorReport.trace(e));
		if (error() != null) return;
		final String message = isHeadless(e) ? ErrorReport.NEEDS_INPUT +
			": the macro opened a dialog, and there is no display (" + ErrorReport.describe(e) + ")"
			: ErrorReport.describe(e) + (ErrorReport.debug() ? ""
				: " (run with TRANSVW_DEBUG=1 for the stack trace)");
		abort(message);
	}

	private static boolean isHeadless(final Throwable e) {
		for (Throwable c = e; c != null; c = c.getCause())
			if (c instanceof HeadlessException) return true;
		return false;
	}

	/**
	 * With a display, a dialog that appears means the run cannot go on by itself: ImageJ's error
	 * dialog of a failed macro (exit {@value #FAILED} with the macro's message), or any other
	 * dialog waiting for a person (exit {@value #NEEDS_INPUT} with the dialog's text).
	 */
	private void startWatchdog() {
		final Thread t = new Thread(() -> {
			while (true) {
				for (final Window w : Window.getWindows()) {
					if (w instanceof Dialog && w.isShowing()) {
						sleep(300); // let the dialog lay out its message
						final String error = error();
						if (error != null) exit(error.startsWith(ErrorReport.NEEDS_INPUT) ? NEEDS_INPUT
							: FAILED, error);
						exit(NEEDS_INPUT, ErrorReport.NEEDS_INPUT + ": " + describe((Dialog) w));
					}
				}
				try {
					Thread.sleep(WATCH_MS);
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		}, "transvw-dialog-watchdog");
		t.setDaemon(true);
		t.start();
	}

	private static void sleep(final long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static String describe(final Dialog d) {
		final List<String> texts = new ArrayList<>();
		collect(d, texts);
		return "[" + d.getClass().getSimpleName() + ": " + d.getTitle() + "] " + String.join(" | ",
			texts);
	}

	private static void collect(final Component c, final List<String> texts) {
		if (c instanceof Label && !((Label) c).getText().isBlank()) texts.add(((Label) c).getText());
		if (c instanceof TextComponent && !((TextComponent) c).getText().isBlank()) texts.add(
			((TextComponent) c).getText().trim());
		if (c instanceof javax.swing.JLabel) texts.add(((javax.swing.JLabel) c).getText());
		if (c instanceof Container) for (final Component child : ((Container) c).getComponents())
			collect(child, texts);
		if (c instanceof MultiLineLabel) {
			try {
				// NB: MultiLineLabel keeps its text in a package-private field only.
				final java.lang.reflect.Field f = MultiLineLabel.class.getDeclaredField("lines");
				f.setAccessible(true);
				texts.add(String.join(" ", (String[]) f.get(c)));
			}
			catch (final ReflectiveOperationException | RuntimeException e) {
				texts.add("(message not readable: " + e + ")");
			}
		}
	}
}
