package org.transvw.imagej;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.io.OutputFolder;
import org.transvw.study.Arm;
import org.transvw.study.Cell;
import org.transvw.study.CellResult;
import org.transvw.study.StudyDesign;
import org.transvw.study.StudyReport;
import org.transvw.study.StudySummary;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.Opener;
import ij.measure.ResultsTable;

/**
 * The study's plots hold one series per initialisation with the table's numbers, and are
 * written as PNG files in a headless JVM (the surefire JVM is headless).
 */
public class StudyPlotsTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/** Three initialisations, two fractions, two seeds; Dice = 0.4 + f / 200 + 0.1 arm. */
	static StudySummary summary() {
		final List<Arm> arms = List.of(Arm.scratch(), new Arm("tvw", Path.of("/b/tvw"), "a"),
			new Arm("genesis", Path.of("/b/g"), "b"));
		final StudyDesign d = new StudyDesign(arms, new double[] { 50, 100 }, 2, 1);
		final Map<Cell, CellResult> done = new LinkedHashMap<>();
		for (final Cell c : d.cells()) {
			final int a = arms.indexOf(c.arm());
			final double dice = 0.4 + c.fraction() / 200 + 0.1 * a + 0.02 * c.seedIndex();
			final List<CellResult.Epoch> curve = new ArrayList<>();
			for (int e = 1; e <= 4 + c.seedIndex(); e++)
				curve.add(new CellResult.Epoch(e, 1, 1, dice * e / 5));
			done.put(c, new CellResult("k", c.arm().name(), c.fraction(), c.seedIndex(), c
				.trainingSeed(), 3, dice, dice / 2, dice, curve.size(), curve.size(), "MAX_EPOCHS", 1,
				curve, List.of("case,dice")));
		}
		return StudySummary.of(d, done);
	}

	@Test
	public void theDicePlotHasOneSeriesPerInitialisationWithTheTablesMeans() {
		final StudySummary s = summary();
		final Plot p = StudyPlots.diceVsFraction(s);
		assertEquals(3, p.getDataObjectDesignations().length);
		// the first series: scratch's means at 50 % and 100 % (0.65 + 0.01, 0.9 + 0.01)
		final float[] x = p.getDataObjectArrays(0)[0], y = p.getDataObjectArrays(0)[1];
		assertArrayEquals(new float[] { 50, 100 }, x, 0);
		assertArrayEquals(new float[] { 0.66f, 0.91f }, y, 1e-6f);
		final List<String> csv = StudyReport.dicePlotLines(s);
		assertEquals(1 + 6, csv.size());
		assertTrue(csv.get(1), csv.get(1).startsWith("scratch,50,0.660000,0.014142"));
	}

	@Test
	public void theConvergencePlotAveragesTheSeedsAtTheLargestFraction() {
		final StudySummary s = summary();
		final Plot p = StudyPlots.convergence(s);
		assertEquals(3, p.getDataObjectDesignations().length);
		// 5 epochs: seed 1 ran one more; epoch 5 is seed 1's alone
		final float[] y = p.getDataObjectArrays(0)[1];
		assertEquals(5, y.length);
		assertEquals((0.9 + 0.92) / 2 * 4 / 5, y[3], 1e-6);
		assertEquals(0.92, y[4], 1e-6);
		assertTrue(StudyReport.convergenceLines(s).contains("scratch,100,5,0.920000"));
	}

	@Test
	public void plotsAreWrittenAsPngHeadlessAndTheTableHasEveryRow() throws Exception {
		final Path dir = tmp.getRoot().toPath().resolve("study");
		final OutputFolder out = OutputFolder.prepare(dir, "output", false, StudyReport.FILES);
		StudyPlots.save(summary(), out);
		for (final String png : List.of(StudyReport.DICE_PLOT, StudyReport.CONVERGENCE_PLOT)) {
			final ImagePlus imp = new Opener().openImage(dir.resolve(png).toString());
			assertTrue(png, imp != null && imp.getWidth() > 200 && imp.getHeight() > 100);
		}
		assertTrue(out.owns(StudyReport.DICE_PLOT));
		assertTrue(Files.readString(dir.resolve(OutputFolder.MARKER)).contains(
			StudyReport.CONVERGENCE_PLOT));
		final ResultsTable t = StudyPlots.table(summary());
		assertEquals(6, t.size());
		assertEquals("tvw", t.getStringValue("initialisation", 2));
		assertEquals(0.76, t.getValue("dice_mean", 2), 1e-9);
	}
}
