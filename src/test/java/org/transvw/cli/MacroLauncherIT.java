package org.transvw.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * bin/transvw-macro in a real ImageJ 1.x, truly headless and under Xvfb: log to stdout, every
 * error once on stderr as a message without stack trace, the same exit status in both modes,
 * never a hang.
 */
@RunWith(Parameterized.class)
public class MacroLauncherIT {

	@Parameters(name = "{0}")
	public static List<Object[]> modes() {
		return List.of(new Object[] { ImageJApp.Mode.HEADLESS }, new Object[] {
			ImageJApp.Mode.XVFB });
	}

	private static ImageJApp app;

	private final ImageJApp.Mode mode;

	public MacroLauncherIT(final ImageJApp.Mode mode) {
		this.mode = mode;
	}

	@BeforeClass
	public static void assemble() throws Exception {
		app = ImageJApp.assemble();
	}

	@Before
	public void available() {
		mode.assumeAvailable();
	}

	private static Path macro(final String text) throws Exception {
		final Path p = Files.createTempFile("it", ".ijm");
		Files.writeString(p, text);
		return p;
	}

	private ImageJApp.Run run(final String text, final String argument) throws Exception {
		return app.macro(macro(text), argument, 180, mode.env);
	}

	/** The run failed with {@code status} and said {@code message} once, on stderr, no trace. */
	private static void failedOnce(final ImageJApp.Run r, final int status, final String message) {
		assertEquals(r.toString(), status, r.exitCode());
		assertEquals(r.toString(), 1, (r.stdout() + r.stderr()).split(java.util.regex.Pattern.quote(
			message), -1).length - 1);
		assertTrue(r.toString(), r.stderr().contains("ERROR: ") && r.stderr().contains(message));
		assertFalse(r.toString(), (r.stdout() + r.stderr()).contains("\tat "));
		assertFalse(r.toString(), (r.stdout() + r.stderr()).contains("Exception"));
	}

	@Test
	public void printsTheLogAndPassesTheArgument() throws Exception {
		final ImageJApp.Run r = run("print(\"hello \" + getArgument());", "world");
		assertEquals(r.toString(), MacroRunner.OK, r.exitCode());
		assertTrue(r.toString(), r.stdout().contains("hello world"));
	}

	@Test
	public void unknownCommandFails() throws Exception {
		failedOnce(run("run(\"No Such TransVW Command\", \"a=1\"); print(\"not reached\");", null),
			MacroRunner.FAILED, "Unrecognized command: \"No Such TransVW Command\"");
	}

	@Test
	public void macroSyntaxErrorFails() throws Exception {
		failedOnce(run("x = undefinedFunction(3);", null), MacroRunner.FAILED,
			"Undefined identifier");
	}

	@Test
	public void runsOurCommandThroughPluginsConfig() throws Exception {
		final ImageJApp.Run r = run("run(\"Engine info\", \"format=json\"); print(\"after\");", null);
		assertEquals(r.toString(), MacroRunner.OK, r.exitCode());
		assertTrue(r.toString(), r.stdout().contains("\"offline\": true"));
		assertTrue(r.toString(), r.stdout().contains("\"passed\": true"));
		assertTrue(r.toString(), r.stdout().contains("after"));
	}

	@Test
	public void badParameterFailsWithItsMessage() throws Exception {
		final ImageJApp.Run r = run("run(\"Engine info\", \"format=xml\"); print(\"not reached\");",
			null);
		failedOnce(r, MacroRunner.FAILED, "Engine info failed: format: expected text or json, got 'xml'");
		assertFalse(r.toString(), r.stdout().contains("not reached"));
	}

	@Test
	public void commandWithoutOptionsWouldWaitForInput() throws Exception {
		failedOnce(run("run(\"Engine info\");", null), MacroRunner.NEEDS_INPUT,
			"a dialog would wait for input: Engine info was run without macro options");
	}

	@Test
	public void macroDialogWouldWaitForInput() throws Exception {
		final ImageJApp.Run r = run("n = getNumber(\"How many?\", 3); print(n);", null);
		assertEquals(r.toString(), MacroRunner.NEEDS_INPUT, r.exitCode());
		assertTrue(r.toString(), r.stderr().contains("a dialog would wait for input"));
	}

	@Test
	public void unreadableMacroIsAUsageError() throws Exception {
		final ImageJApp.Run r = app.macro(Paths.get("/nonexistent/x.ijm"), null, 60, mode.env);
		assertEquals(r.toString(), MacroRunner.USAGE, r.exitCode());
	}

	@Test
	public void phantomMacroWritesTheCollection() throws Exception {
		final Path out = Files.createTempDirectory("phantom-it");
		final ImageJApp.Run r = app.macro(Paths.get("macros/generate_phantom.ijm"), out.toString(),
			300, mode.env);
		assertEquals(r.toString(), MacroRunner.OK, r.exitCode());
		assertTrue(r.toString(), r.stdout().contains("phantom: 8 cases written to " + out));
		for (int i = 0; i < 8; i++) {
			final String name = String.format("case_%03d.nii.gz", i);
			assertTrue(name, Files.size(out.resolve("images").resolve(name)) > 0);
			assertTrue(name, Files.size(out.resolve("labels").resolve(name)) > 0);
		}
		assertTrue(Files.readAllLines(out.resolve("phantom.csv")).size() >= 9);
	}
}
