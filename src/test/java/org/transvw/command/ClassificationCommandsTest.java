package org.transvw.command;

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

import ij.measure.ResultsTable;

/**
 * "Fine-tune (classification)" then "Classify candidates" headless on a candidates table of
 * sphere volumes; bad input cancels with a reason naming the parameter.
 */
@Category(EngineTests.class)
public class ClassificationCommandsTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void fineTuneThenClassifyCandidates() throws Exception {
		// setup: positives at the sphere centre, negatives in the background corner
		final Path root = tmp.getRoot().toPath();
		TransferFixtures.writeSphereCandidates(root);
		final File bundle = new File(tmp.getRoot(), "cls");
		final File csv = new File(tmp.getRoot(), "p.csv");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// process
			final CommandModule ft = ctx.service(CommandService.class).run(
				FineTuneClassificationCommand.class, true, "table", root.resolve("cand.csv").toFile(),
				"output", bundle, "patch", "16,16,16", "classes", 2, "epochs", 2, "batch", 4, "lr", 1e-3,
				"patience", 5, "validation", 0.34, "linear", false, "width", 8, "seed", 2L, "device",
				"cpu").get();
			assertFalse(ft.getCancelReason(), ft.isCanceled());
			final double auc = (Double) ft.getOutput("auc");
			assertTrue("auc " + auc, auc >= 0 && auc <= 1);
			final CommandModule cl = ctx.service(CommandService.class).run(
				ClassifyCandidatesCommand.class, true, "table", root.resolve("cand.csv").toFile(),
				"bundle", bundle, "csv", csv, "budget", 4, "device", "cpu").get();
			// test
			assertFalse(cl.getCancelReason(), cl.isCanceled());
			final ResultsTable t = (ResultsTable) cl.getOutput("probabilities");
			assertEquals(6, t.size());
			final List<String> lines = Files.readAllLines(csv.toPath());
			assertEquals("image,x,y,z,probability", lines.get(0));
			assertEquals(7, lines.size());
			for (int i = 0; i < 6; i++) {
				final double p = t.getValue("probability", i);
				assertTrue("probability " + p, p >= 0 && p <= 1);
			}
			assertTrue(lines.get(1), lines.get(1).startsWith("v0.nii.gz,12,12,8,"));
		}
	}

	@Test
	public void badInputCancelsWithAReason() throws Exception {
		final Path root = tmp.getRoot().toPath();
		Files.write(root.resolve("bad.csv"), List.of("file,x,y,z", "a.nii,1,2,3"));
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandService cs = ctx.service(CommandService.class);
			final CommandModule ft = cs.run(FineTuneClassificationCommand.class, true, "output",
				new File(tmp.getRoot(), "x"), "device", "cpu").get();
			assertTrue(ft.isCanceled());
			assertTrue(ft.getCancelReason(), ft.getCancelReason().startsWith(
				"table: expected a candidates CSV (or folder: a folder of class sub-folders)"));
			final CommandModule cl = cs.run(ClassifyCandidatesCommand.class, true, "table", root
				.resolve("bad.csv").toFile(), "bundle", tmp.getRoot(), "device", "cpu").get();
			assertTrue(cl.isCanceled());
			assertTrue(cl.getCancelReason(), cl.getCancelReason().contains(
				"expected the header image,x,y,z[,label]"));
		}
	}
}
