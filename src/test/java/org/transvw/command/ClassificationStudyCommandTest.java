package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.transvw.data.io.VolumeIO;
import org.transvw.study.CellStore;
import org.transvw.study.StudyReport;
import org.transvw.study.StudySummary;
import org.transvw.study.StudyTask;

/**
 * "Annotation-efficiency study" with {@code task=classification} end to end on candidates of
 * tiny sphere volumes (width 4, one epoch): the cells score test AUC and accuracy, the table,
 * plot and report speak of AUC; and its refusals, each naming the key, before any cell runs.
 */
@Category(EngineTests.class)
public class ClassificationStudyCommandTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/**
	 * Volumes {@code prefix0..n-1} (spheres seeded from {@code seed}) and their candidates table:
	 * the sphere centre (1) and two background corners (0) per volume.
	 */
	private static Path table(final Path root, final String prefix, final int n, final long seed)
		throws IOException
	{
		final List<String> rows = new ArrayList<>(List.of("image,x,y,z,label"));
		for (int i = 0; i < n; i++) {
			final String name = prefix + i + ".nii.gz";
			VolumeIO.write(TransferFixtures.sphere(12, seed + i)[0], root.resolve(name));
			rows.add(name + ",12,12,8,1");
			rows.add(name + ",2,2,3,0");
			rows.add(name + ",21,21,12,0");
		}
		final Path csv = root.resolve(prefix + ".csv");
		Files.write(csv, rows);
		return csv;
	}

	private CommandModule run(final Context ctx, final Object... extra) throws Exception {
		final Path root = tmp.getRoot().toPath();
		final List<Object> args = new ArrayList<>(List.of("task", "classification", "table", root
			.resolve("train.csv").toFile(), "testtable", root.resolve("test.csv").toFile(), "output",
			root.resolve("study").toFile(), "patch", "16,16,16", "classes", 2, "epochs", 1, "batch", 4,
			"patience", 5, "validation", 0.25, "width", 4, "seed", 1L, "device", "cpu", "fractions",
			"50,100", "seeds", 2, "bundles", root.resolve("bundle").toString()));
		return ctx.service(CommandService.class).run(AnnotationEfficiencyCommand.class, true,
			TransferFixtures.override(args, extra)).get();
	}

	private void fixtures() throws IOException {
		final Path root = tmp.getRoot().toPath();
		table(root, "train", 5, 0);
		table(root, "test", 2, 100);
		TransferFixtures.writeSegmentationBundle(root.resolve("bundle"));
	}

	@Test
	public void aClassificationStudyScoresAucAndResumes() throws Exception {
		fixtures();
		final Path study = tmp.getRoot().toPath().resolve("study");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			CommandModule m = run(ctx);
			assertFalse(m.getCancelReason(), m.isCanceled());
			final String report = (String) m.getOutput("report");
			assertTrue(report, report.contains("8 cells run, 0 already finished; 8 of 8 cells " +
				"finished"));
			final List<String> csv = Files.readAllLines(study.resolve(StudyReport.CSV));
			assertEquals(StudySummary.header(StudyTask.CLASSIFICATION), csv.get(0));
			assertTrue(csv.get(0), csv.get(0).startsWith("initialisation,fraction,n,auc_mean,auc_sd"));
			assertEquals(5, csv.size());
			for (int i = 1; i < csv.size(); i++) {
				final double auc = Double.parseDouble(csv.get(i).split(",")[3]);
				assertTrue(csv.get(i), auc >= 0 && auc <= 1);
			}
			assertTrue(Files.isRegularFile(study.resolve(StudyReport.AUC_PLOT)));
			assertTrue(Files.isRegularFile(study.resolve(StudyReport.AUC_PLOT_CSV)));
			assertTrue(Files.isRegularFile(study.resolve(StudyReport.CONVERGENCE_PLOT)));
			assertFalse(Files.exists(study.resolve(StudyReport.DICE_PLOT)));
			final String md = Files.readString(study.resolve(StudyReport.REPORT));
			assertTrue(md, md.contains("![Test AUC vs label fraction"));
			assertTrue(md, md.contains("| test AUC mean ± sd [95 % CI] | test accuracy mean"));
			final Path cell = study.resolve(CellStore.FOLDER).resolve("bundle_f050_s1");
			final String metrics = Files.readString(cell.resolve(CellStore.METRICS));
			assertTrue(metrics, metrics.contains("\"testAuc\"") && metrics.contains(
				"\"testAccuracy\"") && metrics.contains("\"task\": \"classification\""));
			// 2 test volumes x 3 candidates, one line each after the header
			final List<String> scores = Files.readAllLines(cell.resolve(CellStore.SCORES));
			assertEquals("cube,source,label,predicted,p1", scores.get(0));
			assertEquals(7, scores.size());
			assertTrue(Files.readAllLines(cell.resolve(CellStore.CURVE)).get(0).contains(
				"validation_accuracy"));
			// the same call again runs nothing
			m = run(ctx);
			assertTrue((String) m.getOutput("report"), ((String) m.getOutput("report")).contains(
				"0 cells run, 8 already finished"));
		}
	}

	@Test
	public void badInputIsRefusedNamingTheKey() throws Exception {
		fixtures();
		final Path root = tmp.getRoot().toPath();
		// a test table naming a copy of a training volume
		Files.copy(root.resolve("train3.nii.gz"), root.resolve("leak0.nii.gz"));
		Files.write(root.resolve("leak.csv"), List.of("image,x,y,z,label", "leak0.nii.gz,12,12,8,1",
			"leak0.nii.gz,2,2,3,0"));
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			refused(run(ctx, "table", null), "table: expected a candidates CSV (image,x,y,z,label) " +
				"for task=classification");
			refused(run(ctx, "table", root.resolve("nope.csv").toFile()), "table: expected a " +
				"candidates CSV file, got " + root.resolve("nope.csv"));
			refused(run(ctx, "testtable", root.resolve("leak.csv").toFile()), "testtable: the test " +
				"volume leak0.nii.gz in " + root.resolve("leak.csv") + " has the same content");
			refused(run(ctx, "testtable", null), "test: expected a held-out test set");
			refused(run(ctx, "slices", 2), "slices: expected 0 in a classification study");
			refused(run(ctx, "fractions", "0,100"), "fractions: expected percentages of the " +
				"training cases in (0, 100], got 0");
			refused(run(ctx, "bundles", root.resolve("nope").toString()), "bundles: expected model " +
				"bundle folders");
			refused(run(ctx, "patch", "12,16,16"), "patch: expected positive multiples of 8");
			refused(run(ctx, "task", "detection"), "task:");
			refused(run(ctx, "cell", 8), "cell: expected a cell number in 0..7");
			// 1 % of 12 training cubes is none: the smallest fraction needs 100 cubes
			refused(run(ctx, "fractions", "1,100"), "fractions: 1% of");
		}
		assertFalse("nothing ran", Files.exists(root.resolve("study/cells")));
	}

	private static void refused(final CommandModule m, final String message) {
		assertTrue("expected a refusal: " + message, m.isCanceled());
		assertTrue(m.getCancelReason(), m.getCancelReason().contains(message));
	}
}
