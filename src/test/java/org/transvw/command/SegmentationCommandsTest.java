package org.transvw.command;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.transvw.EngineTests;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.imagej.ImagePlusBridge;
import org.transvw.network.ModelBundle;

import ai.djl.Device;
import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * "Fine-tune (segmentation)", "Segment volume" and "Evaluate segmentation" run headless the way
 * a macro runs them, and refuse bad input with a reason naming the parameter.
 */
@Category(EngineTests.class)
public class SegmentationCommandsTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void fineTuneWritesABundle() throws Exception {
		// setup
		final Path root = tmp.getRoot().toPath();
		TransferFixtures.writeCases(root, 3);
		final File out = new File(tmp.getRoot(), "bundle");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// process
			final CommandModule m = ctx.service(CommandService.class).run(
				FineTuneSegmentationCommand.class, true, "images", root.resolve("images").toFile(),
				"labels", root.resolve("labels").toFile(), "output", out, "patch", "16,16,16", "classes",
				2, "epochs", 1, "batch", 4, "samples", 4, "lr", 1e-3, "patience", 5, "fraction", 1.0,
				"validation", 0.34, "freeze", false, "crossentropy", 1.0, "width", 8, "seed", 3L,
				"device", "cpu").get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			final double dice = (Double) m.getOutput("dice");
			assertTrue("dice " + dice, dice >= 0 && dice <= 1);
			final String report = (String) m.getOutput("report");
			assertTrue(report, report.contains("from scratch on 2 training volumes"));
			assertTrue(report, report.contains("validation (early stopping) Dice"));
			assertTrue(report, report.contains("on 1 volume; no held-out test set"));
			try (ModelBundle b = ModelBundle.load(out.toPath(), Device.cpu())) {
				assertArrayEquals(new int[] { 16, 16, 16 }, b.description().patch());
				assertEquals(8, b.block().config().baseWidth());
			}
		}
	}

	/**
	 * The orientation round trip through *Segment volume*: an LPS input at 1.6 x 1.8 x 2.5 mm,
	 * segmented by a bundle recorded at 1 x 1 x 2 mm (so the input is reoriented to RAS and
	 * resampled), comes back on the input's own grid: size, spacing, origin and LPS direction;
	 * the sidecar records the plan.
	 */
	@Test
	public void segmentWritesOnTheInputsOwnOrientedGrid() throws Exception {
		// setup
		final Path bundle = tmp.getRoot().toPath().resolve("ras-bundle");
		TransferFixtures.writeSegmentationBundle(bundle, new org.transvw.data.InputConvention(
			org.transvw.data.Modality.MR, org.transvw.data.IntensityRecipe.percentileDefault(),
			new double[] { 1, 1, 2 }, org.transvw.data.InputConvention.RAS));
		final Volume sphere = TransferFixtures.sphere(10, 2)[0];
		final org.transvw.data.geometry.Grid lps = new org.transvw.data.geometry.Grid(sphere
			.dimensions(), new double[] { 1.6, 1.8, 2.5 }, new double[] { 40, 30, -20 }, new double[] {
				-1, 0, 0, 0, -1, 0, 0, 0, 1 });
		final Path in = tmp.getRoot().toPath().resolve("lps.nii.gz");
		VolumeIO.write(lps.on(sphere.pixels(), org.transvw.data.Modality.OTHER, sphere
			.normalization()), in);
		final File outDir = tmp.newFolder("lps-out");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// process
			final CommandModule m = ctx.service(CommandService.class).run(SegmentVolumeCommand.class,
				true, "file", in.toFile(), "bundle", bundle.toFile(), "device", "cpu", "output", outDir)
				.get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			final org.transvw.data.geometry.Grid input = org.transvw.data.geometry.Grid.of(VolumeIO
				.read(in));
			for (final String f : List.of("labels/lps.nii.gz", "probabilities/lps.nii.gz")) {
				final org.transvw.data.geometry.Grid out = org.transvw.data.geometry.Grid.of(VolumeIO
					.read(outDir.toPath().resolve(f)));
				assertTrue(f + ": " + out + " vs " + input, out.matches(input));
				assertEquals("LPS", out.orientationCode());
			}
			final String sidecar = Files.readString(outDir.toPath().resolve("lps.json"));
			assertTrue(sidecar, sidecar.contains("\"code\": \"LPS\""));
			assertTrue(sidecar, sidecar.contains("the bundle's training spacing"));
		}
	}

	@Test
	public void segmentKeepsTheCalibrationAndWritesFiles() throws Exception {
		// setup
		final Path bundle = tmp.getRoot().toPath().resolve("bundle");
		TransferFixtures.writeSegmentationBundle(bundle);
		final Volume[] v = TransferFixtures.sphere(10, 1);
		final Path in = tmp.getRoot().toPath().resolve("in.nii.gz");
		VolumeIO.write(v[0], in);
		final File outDir = tmp.newFolder("out");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// process: from a file
			final CommandModule m = ctx.service(CommandService.class).run(SegmentVolumeCommand.class,
				true, "file", in.toFile(), "bundle", bundle.toFile(), "overlap", 0.5, "flip", false,
				"budget", 3, "device", "cpu", "output", outDir).get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			final ImagePlus p = (ImagePlus) m.getOutput("probability");
			final ImagePlus l = (ImagePlus) m.getOutput("labels");
			for (final ImagePlus imp : List.of(p, l)) {
				assertEquals(24, imp.getWidth());
				assertEquals(16, imp.getNSlices());
				final Calibration cal = imp.getCalibration();
				assertEquals(0.8, cal.pixelWidth, 1e-6);
				assertEquals(0.9, cal.pixelHeight, 1e-6);
				assertEquals(2.5, cal.pixelDepth, 1e-6);
			}
			assertEquals(32, p.getBitDepth());
			assertTrue(Files.exists(outDir.toPath().resolve("probabilities").resolve("in.nii.gz")));
			assertArrayEquals(v[0].dimensions(), VolumeIO.read(outDir.toPath().resolve(
				"labels").resolve("in.nii.gz")).dimensions());
			// process: from an open image
			final ImagePlus imp = ImagePlusBridge.toImagePlus(v[0], "open");
			final CommandModule m2 = ctx.service(CommandService.class).run(SegmentVolumeCommand.class,
				true, "input", imp, "bundle", bundle.toFile(), "overlap", 0.25, "flip", true, "budget",
				2, "device", "cpu").get();
			assertFalse(m2.getCancelReason(), m2.isCanceled());
			assertEquals("open_labels", ((ImagePlus) m2.getOutput("labels")).getTitle());
		}
	}

	@Test
	public void evaluateScoresFoldersAndWritesCsv() throws Exception {
		// setup: predictions = labels for case_0, an empty prediction for case_1
		final Path root = tmp.getRoot().toPath();
		TransferFixtures.writeCases(root, 2);
		Files.createDirectories(root.resolve("pred"));
		Files.copy(root.resolve("labels/case_0.nii.gz"), root.resolve("pred/case_0.nii.gz"));
		VolumeIO.write(TransferFixtures.sphere(100, 0)[1], root.resolve("pred/case_1.nii.gz"));
		final File csv = new File(tmp.getRoot(), "metrics.csv");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// process
			final CommandModule m = ctx.service(CommandService.class).run(
				EvaluateSegmentationCommand.class, true, "predictions", root.resolve("pred").toFile(),
				"labels", root.resolve("labels").toFile(), "csv", csv).get();
			// test: both cases have the same sphere volume V -> pooled Dice 2V / (V + 2V) = 2/3
			assertFalse(m.getCancelReason(), m.isCanceled());
			assertEquals(2.0 / 3, (Double) m.getOutput("dice"), 1e-9);
			assertEquals(0.5, (Double) m.getOutput("iou"), 1e-9);
			final List<String> lines = Files.readAllLines(csv.toPath());
			assertEquals(4, lines.size());
			assertTrue(lines.get(1), lines.get(1).startsWith("case_0,1.000000,1.000000,"));
			assertTrue(lines.get(2), lines.get(2).startsWith("case_1,0.000000,0.000000,"));
		}
	}

	@Test
	public void badInputCancelsWithAReason() throws Exception {
		final Path root = tmp.getRoot().toPath();
		TransferFixtures.writeCases(root, 2);
		Files.createDirectories(root.resolve("other"));
		VolumeIO.write(TransferFixtures.sphere(10, 0)[1], root.resolve("other/unmatched.nii.gz"));
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandService cs = ctx.service(CommandService.class);
			final CommandModule ft = cs.run(FineTuneSegmentationCommand.class, true, "images", root
				.resolve("images").toFile(), "labels", root.resolve("labels").toFile(), "output", new File(
					tmp.getRoot(), "b"), "patch", "20,16,16", "device", "cpu").get();
			assertTrue(ft.isCanceled());
			assertEquals("patch: expected positive multiples of 8 (the U-Net's 3 poolings), got " +
				"[20, 16, 16]", ft.getCancelReason());
			final CommandModule sv = cs.run(SegmentVolumeCommand.class, true, "bundle", tmp.getRoot(),
				"overlap", 1.0, "device", "cpu").get();
			assertTrue(sv.isCanceled());
			assertEquals("overlap: expected a fraction in [0, 1), got 1.0", sv.getCancelReason());
			final CommandModule ev = cs.run(EvaluateSegmentationCommand.class, true, "predictions",
				root.resolve("other").toFile(), "labels", root.resolve("labels").toFile()).get();
			assertTrue(ev.isCanceled());
			assertTrue(ev.getCancelReason(), ev.getCancelReason().contains(
				"no label volume named unmatched"));
		}
	}
}
