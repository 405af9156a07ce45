package org.transvw.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.BeforeClass;
import org.junit.Test;

/** bin/transvw-macro in a real ImageJ 1.x under Xvfb: log to stdout, exit codes, never a hang. */
public class MacroLauncherIT {

	private static ImageJApp app;

	@BeforeClass
	public static void assemble() throws Exception {
		app = ImageJApp.assemble();
	}

	private static Path macro(final String text) throws Exception {
		final Path p = Files.createTempFile("it", ".ijm");
		Files.writeString(p, text);
		return p;
	}

	@Test
	public void printsTheLogAndPassesTheArgument() throws Exception {
		final ImageJApp.Run r = app.macro(macro("print(\"hello \" + getArgument());"), "world", 120);
		assertEquals(r.toString(), 0, r.exitCode());
		assertTrue(r.toString(), r.stdout().contains("hello world"));
	}

	@Test
	public void unknownCommandFailsWithoutHanging() throws Exception {
		final ImageJApp.Run r = app.macro(macro("run(\"No Such TransVW Command\", \"a=1\");"), null,
			120);
		assertTrue(r.toString(), r.exitCode() != 0);
		assertTrue(r.toString(), r.stderr().contains("Unrecognized command"));
	}

	@Test
	public void macroSyntaxErrorFails() throws Exception {
		final ImageJApp.Run r = app.macro(macro("x = undefinedFunction(3);"), null, 120);
		assertTrue(r.toString(), r.exitCode() != 0);
		assertTrue(r.toString(), r.stderr().contains("Undefined identifier"));
	}

	@Test
	public void runsOurCommandThroughPluginsConfig() throws Exception {
		final ImageJApp.Run r = app.macro(macro(
			"run(\"Engine info\", \"format=json\"); print(\"after\");"), null, 180);
		assertEquals(r.toString(), 0, r.exitCode());
		assertTrue(r.toString(), r.stdout().contains("\"offline\": true"));
		assertTrue(r.toString(), r.stdout().contains("\"passed\": true"));
		assertTrue(r.toString(), r.stdout().contains("after"));
	}

	@Test
	public void badParameterFailsWithItsMessage() throws Exception {
		final ImageJApp.Run r = app.macro(macro("run(\"Engine info\", \"format=xml\");"), null,
			180);
		assertTrue(r.toString(), r.exitCode() != 0);
		assertTrue(r.toString(), r.stderr().contains("format: expected text or json, got 'xml'"));
	}

	@Test
	public void phantomMacroWritesTheCollection() throws Exception {
		final Path out = Files.createTempDirectory("phantom-it");
		final ImageJApp.Run r = app.macro(java.nio.file.Paths.get("macros/generate_phantom.ijm"), out
			.toString(), 300);
		assertEquals(r.toString(), 0, r.exitCode());
		assertTrue(r.toString(), r.stdout().contains("phantom: 8 cases written to " + out));
		for (int i = 0; i < 8; i++) {
			final String name = String.format("case_%03d.nii.gz", i);
			assertTrue(name, Files.size(out.resolve("images").resolve(name)) > 0);
			assertTrue(name, Files.size(out.resolve("labels").resolve(name)) > 0);
		}
		assertTrue(Files.readAllLines(out.resolve("phantom.csv")).size() >= 9);
	}

	@Test
	public void headlessModeWithoutXRunsOurCommands() throws Exception {
		final java.util.Map<String, String> headless = java.util.Map.of("TRANSVW_HEADLESS", "1");
		final ImageJApp.Run ok = app.macro(macro(
			"run(\"Engine info\", \"format=json\"); print(\"after\");"), null, 180, headless);
		assertEquals(ok.toString(), 0, ok.exitCode());
		assertTrue(ok.toString(), ok.stdout().contains("\"offline\": true"));
		final ImageJApp.Run bad = app.macro(macro("run(\"Engine info\", \"format=xml\");"), null,
			180, headless);
		assertTrue(bad.toString(), bad.exitCode() != 0);
		assertTrue(bad.toString(), bad.stdout().contains("format: expected text or json, got 'xml'"));
		final ImageJApp.Run unknown = app.macro(macro("run(\"No Such TransVW Command\");"), null,
			180, headless);
		assertTrue(unknown.toString(), unknown.exitCode() != 0);
		assertTrue(unknown.toString(), unknown.stderr().contains("Unrecognized command"));
	}
}
