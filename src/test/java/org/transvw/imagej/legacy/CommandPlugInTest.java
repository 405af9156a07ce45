package org.transvw.imagej.legacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.PluginService;

import ij.IJ;
import ij.WindowManager;
import ij.macro.Interpreter;

/**
 * The IJ1 adapter in a truly headless JVM, driven by real ImageJ macros: inputs, output
 * publishing, cancel reasons and the error path (one message, no dialog, no stack trace).
 */
public class CommandPlugInTest {

	private static final String LABEL = "TransVW adapter test echo";

	private static String title;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private PrintStream before;

	@BeforeClass
	public static void register() throws Exception {
		assertTrue("the suite runs with java.awt.headless=true", GraphicsEnvironment.isHeadless());
		final CommandInfo info = new CommandInfo(EchoCommand.class);
		LegacyContext.get().service(PluginService.class).addPlugin(info);
		title = info.getTitle();
		HeadlessMenus.register(LABEL, CommandPlugIn.class.getName() + "(\"" + EchoCommand.class
			.getName() + "\")");
	}

	@Before
	public void captureLog() {
		// NB: without an ImageJ window, IJ.log prints to System.out.
		before = System.out;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
	}

	@After
	public void restore() {
		System.setOut(before);
		Interpreter.batchMode = false;
	}

	private String log() {
		return out.toString(StandardCharsets.UTF_8);
	}

	/** Runs {@code text} as a batch-mode macro, as bin/transvw-macro does; returns its error. */
	private static String macro(final String text) {
		final Interpreter interpreter = new Interpreter();
		Interpreter.batchMode = true;
		interpreter.run(text, "");
		return interpreter.getErrorMessage();
	}

	private static String run(final String options) {
		return "run(\"" + LABEL + "\", \"" + options + "\"); print(\"after the command\");";
	}

	@Test
	public void optionalFileLeftOutRunsAndPublishesEveryOutput() {
		// setup: Self-discovery's bug: an optional File input not in the options made SciJava's
		// file chooser cancel the command with an empty reason where no display exists
		final int images = WindowManager.getImageCount();
		// process
		final String error = macro(run("text=hi"));
		// test
		assertNull(log(), error);
		assertTrue(log(), log().contains("reply = echo hi\n"));
		assertTrue(log(), log().contains("table = table of 2 rows"));
		assertTrue(log(), log().contains("after the command"));
		assertEquals("the image is a batch-mode image", images + 1, WindowManager.getImageCount());
		assertNotNull(WindowManager.getImage("echo-hi"));
		WindowManager.getImage("echo-hi").close();
	}

	@Test
	public void givenFileIsPassed() {
		final String error = macro(run("text=hi extra=[/tmp/some folder]"));
		assertNull(log(), error);
		assertTrue(log(), log().contains("reply = echo hi some folder"));
	}

	@Test
	public void userErrorAbortsTheMacroWithItsMessageOnceAndNoDialog() {
		System.setProperty(ErrorReport.RUNNER_PROPERTY, "true"); // as bin/transvw-macro
		final String error;
		try {
			error = macro(run("text=x mode=fail"));
		}
		finally {
			System.clearProperty(ErrorReport.RUNNER_PROPERTY);
		}
		assertEquals(title + " failed: text: expected anything but 'x'", error);
		assertFalse("the macro stops", log().contains("after the command"));
		assertFalse("nothing printed: the runner prints the message", log().contains(
			"expected anything"));
		assertFalse(log().contains("Exception"));
	}

	@Test
	public void otherMacroRunnersGetTheMessageInTheLogOnce() {
		final String error = macro(run("text=z mode=fail"));
		assertEquals(title + " failed: text: expected anything but 'z'", error);
		assertEquals(log(), 1, log().split("expected anything but 'z'", -1).length - 1);
	}

	@Test
	public void emptyCancelReasonIsNamed() {
		assertEquals(title + " failed: cancelled (no reason given)", macro(run("text=x mode=empty")));
	}

	@Test
	public void bugIsReportedByClassAndMessageWithoutTrace() {
		final String error = macro(run("text=x mode=bug"));
		assertTrue(error, error.startsWith(title + " failed: IllegalStateException: boom in x"));
		assertTrue(error, error.contains("TRANSVW_DEBUG=1"));
		assertFalse(log(), log().contains("\tat "));
	}

	@Test
	public void missingMacroOptionsMeanADialogNobodyAnswers() {
		final String error = macro("run(\"" + LABEL + "\");");
		assertTrue(error, error.startsWith(ErrorReport.NEEDS_INPUT + ": " + title));
	}

	@Test
	public void missingRequiredKeyNamesIt() {
		final String error = macro(run("mode=ok"));
		assertEquals(title + " failed: text: expected a value in the macro options (Text to echo)",
			error);
	}

	@Test
	public void outsideAMacroTheMessageIsLoggedOnceAndKept() {
		// process: a plain Java caller, no interpreter
		IJ.run(LABEL, "text=y mode=fail");
		// test
		assertEquals("text: expected anything but 'y'", IJ.getErrorMessage());
		assertEquals(log(), 1, log().split("expected anything but", -1).length - 1);
	}

	@Test
	public void preprocessorsNeverAskTheUser() {
		final Context ctx = LegacyContext.get();
		final List<PreprocessorPlugin> pre = CommandPlugIn.preprocessors(ctx);
		final List<String> names = pre.stream().map(p -> p.getClass().getName()).toList();
		assertTrue(names.toString(), names.contains(
			"org.scijava.module.process.ServicePreprocessor"));
		assertTrue(names.toString(), names.contains(
			"org.scijava.module.process.CheckInputsPreprocessor"));
		for (final String n : names)
			assertFalse(n, n.startsWith("org.scijava.ui.") || n.startsWith("org.scijava.display."));
		assertFalse(names.toString(), names.contains("org.scijava.ui.FilePreprocessor"));
	}

	@Test
	public void headlessSessionIsNotInteractive() {
		assertFalse(LegacyContext.interactive());
	}
}
