package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.transvw.EngineTests;
import org.transvw.network.ModelBundle;
import org.transvw.pretraining.Pretrainer;
import org.transvw.pretraining.SyntheticVisualWords;
import org.transvw.training.MetricsCsv;

import ai.djl.Device;

/** "Pre-train TransVW" run headless the way a macro would, on a tiny generated dataset. */
@Category(EngineTests.class)
public class PretrainCommandTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void pretrainsABundleWithMetricsAndALossPlot() throws Exception {
		// setup
		final Path ds = SyntheticVisualWords.write(tmp.newFolder("vw").toPath(), new int[] { 16, 16,
			8 }, 3, 1, 4);
		final File out = new File(tmp.getRoot(), "bundle");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// process
			final CommandModule m = ctx.service(CommandService.class).run(PretrainCommand.class, true,
				"dataset", ds.toFile(), "output", out, "width", 8, "batch", 4, "epochs", 2, "device",
				"cpu", "workers", 1, "seed", 3L).get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			final String report = (String) m.getOutput("report");
			assertTrue(report, report.contains("2 epochs") && report.contains("transvw"));
		}
		final MetricsCsv.Table t = MetricsCsv.read(out.toPath().resolve(Pretrainer.METRICS));
		assertEquals(2, t.rows().size());
		final BufferedImage png = ImageIO.read(out.toPath().resolve(PretrainCommand.PLOT).toFile());
		assertTrue(png.getWidth() > 100 && png.getHeight() > 100);
		try (ModelBundle b = ModelBundle.load(out.toPath(), Device.cpu())) {
			assertEquals(8, b.block().config().baseWidth());
			assertEquals(3.0, ((Number) b.description().provenance().get("seed")).doubleValue(), 0);
		}
		assertTrue(Files.exists(Pretrainer.trainingDir(out.toPath()).resolve("best.ckpt")));
	}

	@Test
	public void badInputCancelsWithAReasonNamingTheParameter() throws Exception {
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandService cs = ctx.service(CommandService.class);
			// a folder that is not a dataset
			final File empty = tmp.newFolder("empty");
			CommandModule m = cs.run(PretrainCommand.class, true, "dataset", empty, "output", new File(
				tmp.getRoot(), "b1"), "device", "cpu").get();
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason(), m.getCancelReason().startsWith("dataset:"));
			// an unknown mode
			m = cs.run(PretrainCommand.class, true, "dataset", empty, "output", new File(tmp
				.getRoot(), "b2"), "mode", "jigsaw", "device", "cpu").get();
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason(), m.getCancelReason().startsWith("mode: expected one of"));
			// a malformed schedule
			m = cs.run(PretrainCommand.class, true, "dataset", empty, "output", new File(tmp
				.getRoot(), "b3"), "schedule", "cosine", "device", "cpu").get();
			assertTrue(m.getCancelReason(), m.getCancelReason().startsWith("schedule:"));
		}
	}
}
