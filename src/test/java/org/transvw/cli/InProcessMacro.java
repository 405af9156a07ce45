package org.transvw.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.transvw.imagej.legacy.HeadlessMenus;

import ij.IJ;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;

/**
 * Runs an ImageJ 1.x macro in this JVM, headless, the way {@code bin/transvw-macro} does in its
 * no-display mode: our plugins.config entries are registered in ImageJ's command table
 * ({@link HeadlessMenus#install}, as {@link MacroRunner} does), {@code run("...")} reaches the real IJ1 adapter and
 * the real commands. Captures the log (stdout and stderr of a window-less ImageJ) and ImageJ's
 * error message; a macro completed when its last statement ran. One macro at a time.
 */
public final class InProcessMacro {

	/** What a macro run left: whether it completed, its log and ImageJ's error message. */
	public record Result(boolean completed, String log, String error) {

		/** The failure message: the adapter's "... failed: " log line, else ImageJ's error. */
		public String message() {
			for (final String l : log.split("\n"))
				if (l.contains(" failed: ")) return l.substring(l.indexOf(" failed: ") + 9);
			return error;
		}

		@Override
		public String toString() {
			return (completed ? "completed" : "aborted") + ", error: " + error + "\nlog:\n" + log;
		}
	}

	/** The line the harness appends to every macro: its presence means the macro completed. */
	private static final String DONE = "<<in-process macro completed>>";

	private static boolean installed;

	private InProcessMacro() {}

	/** Runs {@code macro}; never throws for a failing macro. */
	public static synchronized Result run(final String macro) {
		install();
		final PrintStream out = System.out, err = System.err;
		final boolean batch = Interpreter.batchMode;
		final ByteArrayOutputStream buf = new ByteArrayOutputStream();
		try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
			System.setOut(capture);
			System.setErr(capture);
			Interpreter.batchMode = true;
			resetError();
			IJ.redirectErrorMessages(true);
			try {
				IJ.runMacro(macro + "\nprint(\"" + DONE + "\");\n");
			}
			catch (final RuntimeException e) {
				if (!Macro.MACRO_CANCELED.equals(e.getMessage())) capture.println("[aborted] " + e);
			}
			finally {
				System.setOut(out);
				System.setErr(err);
				IJ.redirectErrorMessages(false);
				closeImages();
				Interpreter.batchMode = batch;
			}
		}
		final String log = buf.toString(StandardCharsets.UTF_8);
		return new Result(log.contains(DONE), log.replace(DONE + "\n", ""), IJ.getErrorMessage());
	}

	private static void install() {
		if (installed) return;
		try {
			HeadlessMenus.install(MacroRunner.class.getResourceAsStream("/plugins.config"));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		installed = true;
	}

	private static void resetError() {
		try {
			final java.lang.reflect.Field f = IJ.class.getDeclaredField("lastErrorMessage");
			f.setAccessible(true);
			f.set(null, null);
		}
		catch (final ReflectiveOperationException e) {
			throw new IllegalStateException("ImageJ's error message cannot be reset", e);
		}
	}

	private static void closeImages() {
		for (final int id : WindowManager.getIDList() == null ? new int[0] : WindowManager
			.getIDList())
		{
			final ij.ImagePlus imp = WindowManager.getImage(id);
			if (imp != null) {
				imp.changes = false;
				imp.close();
			}
		}
	}
}
