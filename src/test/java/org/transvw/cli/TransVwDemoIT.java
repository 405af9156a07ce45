package org.transvw.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The whole method in real ImageJ 1.x through bin/transvw-macro, truly headless (what a fresh
 * machine with only a JDK and Maven runs) and under Xvfb: a short version of
 * macros/transvw_demo.ijm (tiny phantoms and networks), checked by its printed Dice values and
 * the files each stage writes.
 */
public class TransVwDemoIT extends DisplayModes {

	private static final Pattern RESULT = Pattern.compile(
		"RESULT Dice TransVW = ([0-9.]+), Dice from scratch = ([0-9.]+)");

	public TransVwDemoIT(final ImageJApp.Mode mode) {
		super(mode);
	}

	@Test
	public void shortDemoRunsTheWholeChain() throws Exception {
		// setup
		final Path dir = Files.createTempDirectory("transvw-demo-it");
		final String args = "dir=" + dir + " size=64 depth=32 unlabeled=8 labeled=4 test=2" +
			" patch=16,16,8 grid=16,16,8 width=8 classes=3 k=3 aeepochs=2 pretrain=2 finetune=2" +
			" samples=8 device=cpu seed=3";
		// process
		final ImageJApp.Run r = app.macro(Paths.get("macros/transvw_demo.ijm"), args, 900, mode.env);
		// test
		assertEquals(r.toString(), MacroRunner.OK, r.exitCode());
		assertFalse("no error, no stack trace:\n" + r, (r.stdout() + r.stderr()).contains("\tat "));
		final Matcher m = RESULT.matcher(r.stdout());
		assertTrue(r.toString(), m.find());
		for (int g = 1; g <= 2; g++) {
			final double dice = Double.parseDouble(m.group(g));
			assertTrue("Dice " + dice, dice >= 0 && dice <= 1);
		}
		assertTrue(Files.exists(dir.resolve("visual_words/manifest.json")));
		for (final String bundle : new String[] { "transvw_bundle", "seg_transvw", "seg_scratch" })
			assertTrue(bundle, Files.exists(dir.resolve(bundle).resolve("model.json")));
		assertTrue("loss plot", Files.size(dir.resolve("transvw_bundle/loss-curve.png")) > 0);
		for (final String arm : new String[] { "transvw", "scratch" }) {
			try (Stream<Path> labels = Files.list(dir.resolve("pred_" + arm).resolve("labels"))) {
				assertEquals(arm, 2, labels.count());
			}
			assertEquals(arm, 4, Files.readAllLines(dir.resolve("dice_" + arm + ".csv")).size());
		}
	}

	/**
	 * The 2D chain (macros/transvw_xray_demo.ijm) in a short form: radiograph phantoms, 2D
	 * self-discovery, pre-training and both fine-tuning arms of the ResNet-18 U-Net, segmentation
	 * and evaluation, then the same again into the same folder. Headless only: the display mode is
	 * what the 3D demo already covers.
	 */
	@Test
	public void shortXrayDemoRunsTheWholeTwoDimensionalChain() throws Exception {
		org.junit.Assume.assumeTrue(mode == ImageJApp.Mode.HEADLESS);
		final Path dir = Files.createTempDirectory("transvw-xray-demo-it");
		final String args = "dir=" + dir + " size=64 unlabeled=8 labeled=4 test=2 patch=32,32" +
			" grid=32,32 width=4 classes=3 k=3 aeepochs=2 pretrain=2 finetune=2 samples=8" +
			" device=cpu seed=3";
		final ImageJApp.Run r = app.macro(Paths.get("macros/transvw_xray_demo.ijm"), args, 900,
			mode.env);
		assertEquals(r.toString(), MacroRunner.OK, r.exitCode());
		assertFalse("no error, no stack trace:\n" + r, (r.stdout() + r.stderr()).contains("\tat "));
		assertTrue(r.toString(), r.stdout().contains("criterion: any (auto: 2D images)"));
		assertTrue(r.toString(), r.stdout().contains("network: resnet18-unet"));
		final Matcher m = RESULT.matcher(r.stdout());
		assertTrue(r.toString(), m.find());
		for (int g = 1; g <= 2; g++) {
			final double dice = Double.parseDouble(m.group(g));
			assertTrue("Dice " + dice, dice >= 0 && dice <= 1);
		}
		final String manifest = Files.readString(dir.resolve("visual_words/manifest.json"));
		assertTrue(manifest, manifest.replaceAll("\\s", "").contains("\"cubeSize\":[32,32]"));
		for (final String bundle : new String[] { "transvw_bundle", "seg_transvw", "seg_scratch" }) {
			final String model = Files.readString(dir.resolve(bundle).resolve("model.json"));
			assertTrue(bundle + ": " + model, model.contains("resnet18-unet2d"));
		}
		for (final String arm : new String[] { "transvw", "scratch" })
			try (Stream<Path> labels = Files.list(dir.resolve("pred_" + arm).resolve("labels"))) {
				assertEquals(arm, 2, labels.count());
			}
		// a rerun into the same folder writes the phantoms anew (other file times, so another
		// collection fingerprint) and recomputes every stage: the same seeds, the same result
		final ImageJApp.Run again = app.macro(Paths.get("macros/transvw_xray_demo.ijm"), args, 900,
			mode.env);
		assertEquals(again.toString(), MacroRunner.OK, again.exitCode());
		final Matcher m2 = RESULT.matcher(again.stdout());
		assertTrue(again.toString(), m2.find());
		assertEquals(m.group(0), m2.group(0));
	}

	@Test
	public void aBadParameterFailsClearlyWithoutHanging() throws Exception {
		final Path macro = Files.createTempFile("bad", ".ijm");
		Files.writeString(macro,
			"run(\"Pre-train TransVW\", \"dataset=[/nonexistent/visual_words] output=[/tmp/x] epochs=1\");");
		final ImageJApp.Run r = app.macro(macro, null, 300, mode.env);
		assertEquals(r.toString(), MacroRunner.FAILED, r.exitCode());
		assertTrue(r.toString(), r.stderr().contains("ERROR: ") && r.stderr().contains("dataset"));
		assertFalse(r.toString(), (r.stdout() + r.stderr()).contains("\tat "));
	}
}
