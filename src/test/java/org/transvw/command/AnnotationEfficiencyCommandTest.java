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
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.study.CellStore;
import org.transvw.study.StudyReport;
import org.transvw.study.StudySummary;

/**
 * "Annotation-efficiency study" end to end on tiny generated data (width 4, one epoch), and
 * its refusals of bad input, each naming the key, before any cell runs.
 */
@Category(EngineTests.class) // the fixture bundle and the cells start the engine
public class AnnotationEfficiencyCommandTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/** n sphere cases into root/images, root/labels, seeded from {@code seed}. */
	private static void cases(final Path root, final int n, final long seed) throws IOException {
		Files.createDirectories(root.resolve("images"));
		Files.createDirectories(root.resolve("labels"));
		for (int i = 0; i < n; i++) {
			final Volume[] v = TransferFixtures.sphere(8 + i % 3 * 4, seed + i);
			VolumeIO.write(v[0], root.resolve("images/case_" + i + ".nii.gz"));
			VolumeIO.write(v[1], root.resolve("labels/case_" + i + ".nii.gz"));
		}
	}

	private CommandModule run(final Context ctx, final Object... extra) throws Exception {
		final Path root = tmp.getRoot().toPath();
		final List<Object> args = new ArrayList<>(List.of("images", root.resolve("train/images")
			.toFile(), "labels", root.resolve("train/labels").toFile(), "testimages", root.resolve(
				"test/images").toFile(), "testlabels", root.resolve("test/labels").toFile(), "output",
			root.resolve("study").toFile(), "patch", "16,16,16", "classes", 2, "epochs", 1, "batch",
			2, "samples", 2, "patience", 5, "validation", 0.25, "width", 4, "seed", 1L, "device",
			"cpu", "fractions", "50,100", "seeds", 2, "bundles", root.resolve("bundle").toString()));
		return ctx.service(CommandService.class).run(AnnotationEfficiencyCommand.class, true,
			TransferFixtures.override(args, extra)).get();
	}

	private void fixtures() throws IOException {
		final Path root = tmp.getRoot().toPath();
		cases(root.resolve("train"), 5, 0);
		cases(root.resolve("test"), 2, 100);
		TransferFixtures.writeSegmentationBundle(root.resolve("bundle"));
	}

	@Test
	public void aTinyStudyRunsResumesAndMerges() throws Exception {
		fixtures();
		final Path study = tmp.getRoot().toPath().resolve("study");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// one cell alone (a job array task): no aggregate yet
			CommandModule m = run(ctx, "cell", 5);
			assertFalse(m.getCancelReason(), m.isCanceled());
			assertTrue(Files.isRegularFile(study.resolve("cells/bundle_f050_s1/" + CellStore.METRICS)));
			assertFalse(Files.exists(study.resolve(StudyReport.CSV)));
			// the whole study: the 7 others run, cell 5 is kept
			m = run(ctx);
			assertFalse(m.getCancelReason(), m.isCanceled());
			final String report = (String) m.getOutput("report");
			assertTrue(report, report.contains("7 cells run, 1 already finished; 8 of 8 cells " +
				"finished"));
			final List<String> csv = Files.readAllLines(study.resolve(StudyReport.CSV));
			assertEquals(StudySummary.HEADER, csv.get(0));
			assertEquals(5, csv.size());
			assertTrue(csv.get(3), csv.get(3).startsWith("bundle,50,2,"));
			for (final String f : StudyReport.FILES)
				if (!f.endsWith("/")) assertEquals(f, !f.startsWith("auc_"), Files.isRegularFile(study
					.resolve(f)));
			final String md = Files.readString(study.resolve(StudyReport.REPORT));
			assertTrue(md, md.contains("![Test Dice vs label fraction"));
			assertTrue(md, md.contains("| bundle | 100 | 2 |"));
			assertTrue((String) m.getOutput("summary"), ((String) m.getOutput("summary")).contains(
				"| scratch | 50 | 2 |"));
			// merge only: nothing runs
			m = run(ctx, "merge", true);
			assertTrue((String) m.getOutput("report"), ((String) m.getOutput("report")).contains(
				"0 cells run, 0 already finished; 8 of 8"));
		}
	}

	@Test
	public void badInputIsRefusedNamingTheKey() throws Exception {
		fixtures();
		final Path root = tmp.getRoot().toPath();
		// a test collection sharing a volume with the training one
		cases(root.resolve("leak"), 1, 3); // the content of train/case_3
		Files.createDirectories(root.resolve("classifier"));
		Files.writeString(root.resolve("classifier/model.json"), Files.readString(root.resolve(
			"bundle/model.json")).replace("\"segmentation\"", "\"classification\""));
		Files.copy(root.resolve("bundle/weights.params"), root.resolve("classifier/weights.params"));
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			refused(run(ctx, "task", "classification"), "table: expected a candidates CSV");
			refused(run(ctx, "fractions", "0,100"), "fractions: expected percentages of the " +
				"training cases in (0, 100], got 0");
			refused(run(ctx, "fractions", "50,101"), "got 101");
			refused(run(ctx, "fractions", "10,100"), "fractions: 10% of 4 training cases is no case; " +
				"the smallest fraction needs at least 10 training cases");
			refused(run(ctx, "bundles", root.resolve("nope").toString()), "bundles: expected model " +
				"bundle folders, got " + root.resolve("nope") + " (no such folder)");
			refused(run(ctx, "bundles", root.resolve("train").toString()), "is not a model bundle");
			refused(run(ctx, "bundles", root.resolve("classifier").toString()), "is a " +
				"'classification' bundle");
			refused(run(ctx, "patch", "12,16,16"), "patch: expected positive multiples of 8");
			refused(run(ctx, "testimages", root.resolve("leak/images").toFile(), "testlabels", root
				.resolve("leak/labels").toFile()), "testimages: the test volume case_0 in " + root
					.resolve("leak/images") + " has the same content");
			refused(run(ctx, "testimages", null, "testlabels", null), "test: expected a held-out " +
				"test set");
			refused(run(ctx, "cell", 8), "cell: expected a cell number in 0..7");
			refused(run(ctx, "fresh", true), "fresh: the study keeps no checkpoints");
		}
		assertFalse("nothing ran", Files.exists(root.resolve("study/cells")));
	}

	private static void refused(final CommandModule m, final String message) {
		assertTrue("expected a refusal: " + message, m.isCanceled());
		assertTrue(m.getCancelReason(), m.getCancelReason().contains(message));
	}
}
