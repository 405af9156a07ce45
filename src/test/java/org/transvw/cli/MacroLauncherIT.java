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
		assertEquals(r.toString(), 3, r.exitCode());
		assertTrue(r.toString(), r.stderr().contains("Unrecognized command"));
	}

	@Test
	public void macroSyntaxErrorFails() throws Exception {
		final ImageJApp.Run r = app.macro(macro("x = undefinedFunction(3);"), null, 120);
		assertEquals(r.toString(), 3, r.exitCode());
		assertTrue(r.toString(), r.stderr().contains("Undefined identifier"));
	}
}
