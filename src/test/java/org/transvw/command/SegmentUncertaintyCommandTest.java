package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

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

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ImageStatistics;

/** "Segment volume" with uncertainty=tta outputs and writes the entropy map; mc is refused. */
@Category(EngineTests.class)
public class SegmentUncertaintyCommandTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void ttaGivesEntropyMapTableAndFiles() throws Exception {
		// setup
		final Path bundle = tmp.getRoot().toPath().resolve("bundle");
		TransferFixtures.writeSegmentationBundle(bundle);
		final Path in = tmp.getRoot().toPath().resolve("in.nii.gz");
		VolumeIO.write(TransferFixtures.sphere(10, 1)[0], in);
		final File out = tmp.newFolder("out");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// process
			final CommandModule m = ctx.service(CommandService.class).run(SegmentVolumeCommand.class,
				true, "file", in.toFile(), "bundle", bundle.toFile(), "overlap", 0.5, "flip", false,
				"budget", 4, "device", "cpu", "output", out, "uncertainty", "tta").get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			assertEquals("16x16x16 tiles: 8 flips x 2 transpositions", 16, m.getOutput("passes"));
			final ImagePlus h = (ImagePlus) m.getOutput("entropy");
			assertEquals(24, h.getWidth());
			assertEquals(16, h.getNSlices());
			assertEquals(0.8, h.getCalibration().pixelWidth, 1e-6);
			final ImageStatistics s = new ij.process.StackStatistics(h);
			assertTrue("entropy in [0, ln 2]: " + s.min + ".." + s.max, s.min >= 0 && s.max <= Math
				.log(2) + 1e-6);
			final ResultsTable t = (ResultsTable) m.getOutput("table");
			assertEquals(1, t.size());
			assertEquals("in", t.getStringValue("case", 0));
			assertEquals(s.mean, t.getValue("mean_entropy", 0), 1e-4);
			assertEquals(s.mean, (Double) m.getOutput("meanentropy"), 1e-4);
			final Path file = out.toPath().resolve("uncertainty/in.nii.gz");
			assertTrue(Files.exists(file));
			final Volume v = VolumeIO.read(file);
			assertEquals(2.5, v.spacing()[2], 1e-6);
			assertTrue(Files.exists(out.toPath().resolve("variance/in.nii.gz")));
		}
	}

	@Test
	public void monteCarloIsRefusedWithTheReason() throws Exception {
		final Path bundle = tmp.getRoot().toPath().resolve("bundle");
		TransferFixtures.writeSegmentationBundle(bundle);
		final Path in = tmp.getRoot().toPath().resolve("in.nii.gz");
		VolumeIO.write(TransferFixtures.sphere(10, 1)[0], in);
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandModule m = ctx.service(CommandService.class).run(SegmentVolumeCommand.class,
				true, "file", in.toFile(), "bundle", bundle.toFile(), "device", "cpu", "uncertainty", "mc")
				.get();
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason(), m.getCancelReason().contains("no dropout"));
		}
	}
}
