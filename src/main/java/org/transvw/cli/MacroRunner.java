package org.transvw.cli;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.GraphicsEnvironment;
import java.awt.Label;
import java.awt.TextComponent;
import java.awt.Window;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.transvw.engine.EngineSession;

import ij.IJ;
import ij.Macro;
import ij.Menus;
import ij.gui.MultiLineLabel;
import ij.macro.Interpreter;

/**
 * Runs an ImageJ macro without user interaction and turns every failure into a non-zero exit
 * status with a message on stderr, never a hang:
 * <ul>
 * <li>a macro error or a failed command (reported through {@code IJ.error}) exits with 1;</li>
 * <li>any dialog that would wait for a user (an unknown command, a missing macro option, a macro
 * syntax error) is read, printed and ends the run with exit status 3.</li>
 * </ul>
 * The macro's log ({@code print}, {@code IJ.log}) goes to stdout since no ImageJ window exists.
 * Usage: {@code MacroRunner MACRO.ijm [argument]}; {@code bin/transvw-macro} sets up the
 * ImageJ application folder, the display (Xvfb) and the time limit.
 */
public final class MacroRunner {

	/** A plugins.config line: {@code Menu>Path, "Label", class("argument")}. */
	private static final Pattern ENTRY = Pattern.compile("^[^,]+,\\s*\"([^\"]+)\",\\s*(.+)$");

	/** How often the watchdog looks for dialogs. */
	private static final long WATCH_MS = 200;

	private MacroRunner() {}

	public static void main(final String[] args) throws IOException {
		if (args.length < 1 || args.length > 2) {
			System.err.println("usage: MacroRunner MACRO.ijm [argument]");
			System.exit(2);
		}
		final Path macro = Paths.get(args[0]);
		if (!Files.isReadable(macro)) {
			System.err.println("ERROR: macro file not readable: " + macro.toAbsolutePath());
			System.exit(2);
		}
		if (System.getProperty(EngineSession.OFFLINE_PROPERTY) == null) EngineSession.configure(
			false);
		if (GraphicsEnvironment.isHeadless()) installHeadlessMenus();
		else startWatchdog();
		final String text = Files.readString(macro, StandardCharsets.UTF_8);
		Interpreter.batchMode = true;
		final Interpreter interpreter = new Interpreter();
		String result;
		try {
			result = interpreter.run(text, args.length > 1 ? args[1] : "");
		}
		catch (final RuntimeException e) {
			result = "[aborted]";
			// NB: headless, the interpreter's error dialog itself fails; report its message
			final String why = interpreter.getErrorMessage();
			if (why != null) System.err.println("ERROR: " + why);
			else if (!Macro.MACRO_CANCELED.equals(e.getMessage())) System.err.println("ERROR: " + e);
		}
		final String ijError = IJ.getErrorMessage();
		final String error = ijError != null ? ijError : interpreter.getErrorMessage();
		if (interpreter.wasError() || "[aborted]".equals(result) || ijError != null) {
			System.err.println("ERROR: macro " + macro.getFileName() + " failed" + (error == null
				? "" : ": " + error));
			System.exit(1);
		}
		System.exit(0);
	}

	/**
	 * Without a display ImageJ cannot build its menu bar, which is where {@code run("...")} looks
	 * commands up. Our commands are then registered from our {@code plugins.config} directly, so
	 * macros that call TransVW commands (and macro functions) run on a machine without X;
	 * ImageJ's own menu commands are not available in this mode.
	 */
	static void installHeadlessMenus() throws IOException {
		final Hashtable<String, String> table = new Hashtable<>();
		try (InputStream in = MacroRunner.class.getResourceAsStream("/plugins.config")) {
			if (in == null) throw new IOException("plugins.config is missing from the TransVW jar");
			for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(
				"\n"))
			{
				final Matcher m = ENTRY.matcher(line.trim());
				if (m.matches()) table.put(m.group(1), m.group(2));
			}
		}
		try {
			final Field f = Menus.class.getDeclaredField("pluginsTable");
			f.setAccessible(true);
			f.set(null, table);
		}
		catch (final ReflectiveOperationException e) {
			throw new IOException("cannot register TransVW commands in ImageJ's command table: " + e);
		}
	}

	private static void startWatchdog() {
		final Thread t = new Thread(() -> {
			while (true) {
				for (final Window w : Window.getWindows()) {
					if (w instanceof Dialog && w.isShowing()) {
						sleep(300); // let the dialog lay out its message
						System.err.println("ERROR: a dialog asked for user input: " + describe(
							(Dialog) w));
						System.err.flush();
						System.exit(3);
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
		return "[" + d.getClass().getSimpleName() + ": " + d.getTitle() + "] " + String.join(" | ", texts);
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
