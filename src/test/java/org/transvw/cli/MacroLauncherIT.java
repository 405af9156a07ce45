package org.transvw.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.Test;

/**
 * bin/transvw-macro in a real ImageJ 1.x, truly headless and under Xvfb: log to stdout, every
 * error once on stderr as a message without stack trace, the same exit status in both modes,
 * never a hang.
 */
public class MacroLauncherIT extends DisplayModes {

	public MacroLauncherIT(final ImageJApp.Mode mode) {
		super(mode);
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

	/** The commands the short demo does not call, with their outputs (images, tables, text). */
	@Test
	public void theOtherCommandsRun() throws Exception {
		// setup
		final Path d = Files.createTempDirectory("commands-it");
		org.transvw.pretraining.SyntheticVisualWords.write(d.resolve("words"), new int[] { 16, 16,
			8 }, 3, 1, 2);
		final Path weights = Paths.get("src/test/resources/org/transvw/network/weights/" +
			"ynet_keras_b2.h5").toAbsolutePath();
		final String macro = String.join("\n", "d = getArgument();",
			"run(\"Visual word browser\", \"dataset=[\" + d + \"/words] columns=3 words=0 projection=slice split=train\");",
			"print(\"montage \" + nImages);",
			"newImage(\"cube\", \"32-bit ramp\", 16, 16, 8);",
			"run(\"Perturbation preview\", \"input=cube transform=transvw count=2 seed=1 rescale\");",
			"print(\"preview \" + getTitle());",
			"run(\"Generate phantom collection\", \"folder=[\" + d + \"/ph] count=2 size=48 depth=24 groups=1 lesions noise=20 seed=4\");",
			"csv = \"image,x,y,z,label\\n\";",
			"for (i = 0; i < 8; i++) csv = csv + \"ph/images/case_00\" + (i % 2) + \".nii.gz,\" + (16 + 2 * i) + \",24,12,\" + (i % 2) + \"\\n\";",
			"File.saveString(csv, d + \"/candidates.csv\");",
			"run(\"Fine-tune (classification)\", \"table=[\" + d + \"/candidates.csv] bundle=[] output=[\" + d + \"/ncc] cube=[16,16,8] classes=2 epochs=1 batch=4 lr=0.001 patience=10 validation=0.25 width=8 seed=1 device=cpu\");",
			"run(\"Classify candidates\", \"table=[\" + d + \"/candidates.csv] bundle=[\" + d + \"/ncc] csv=[\" + d + \"/probabilities.csv] batch=4 device=cpu\");",
			"run(\"Import pre-trained weights\", \"input=[" + weights + "] output=[\" + d + \"/imported] flavour=auto batchnorm=auto\");",
			"print(\"all done\");");
		// process
		final ImageJApp.Run r = app.macro(macro(macro), d.toString(), 600, mode.env);
		// test
		assertEquals(r.toString(), MacroRunner.OK, r.exitCode());
		assertTrue(r.toString(), r.stdout().contains("montage 1"));
		assertTrue(r.toString(), r.stdout().contains("preview Perturbation preview"));
		assertTrue(r.toString(), r.stdout().contains("probabilities = table of 8 rows"));
		assertTrue(r.toString(), r.stdout().contains("all done"));
		assertEquals(9, Files.readAllLines(d.resolve("probabilities.csv")).size());
		assertTrue(Files.exists(d.resolve("imported/model.json")));
		assertFalse(r.toString(), (r.stdout() + r.stderr()).contains("\tat "));
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
