package org.transvw.study;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.io.OutputFolder;

/**
 * Cells are independent, resumable units: a rerun skips the finished ones, a killed cell (a
 * left-over temporary folder, or a cell folder without its complete metrics) is redone and never
 * merged, and cells of other settings are refused.
 */
public class AnnotationStudyTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/** A runner that records which cells it ran and scores them by a formula. */
	static final class FakeRunner implements AnnotationStudy.CellRunner {

		final List<Integer> ran = new ArrayList<>();

		@Override
		public CellResult run(final Cell c, final int[] subset, final String key, final Progress p) {
			ran.add(c.index());
			return result(c, key, subset.length);
		}
	}

	/** Dice 0.5 + fraction / 400 + 0.01 seed, + 0.05 + 0.01 seed for a bundle; 3 epochs. */
	static CellResult result(final Cell c, final String key, final int cases) {
		final double dice = 0.5 + c.fraction() / 400 + 0.01 * c.seedIndex() + (c.arm().isScratch()
			? 0 : 0.05 + 0.01 * c.seedIndex());
		final List<CellResult.Epoch> curve = new ArrayList<>();
		for (int e = 1; e <= 3; e++)
			curve.add(new CellResult.Epoch(e, 1.0 / e, 1.2 / e, dice * e / 3));
		return new CellResult(key, c.arm().name(), c.fraction(), c.seedIndex(), c.trainingSeed(),
			cases, dice, dice / (2 - dice), dice, 3, 3, "MAX_EPOCHS", 0.1, curve, List.of(
				"case,dice", "a," + dice));
	}

	private AnnotationStudy study(final Path dir, final Map<String, Object> settings,
		final boolean redo) throws IOException
	{
		final OutputFolder out = OutputFolder.resume(dir, "output", false, StudyReport.FILES);
		return new AnnotationStudy(StudyDesignTest.design(2, 50, 100), new CellStore(out), settings,
			redo);
	}

	private static AnnotationStudy.Outcome run(final AnnotationStudy s, final FakeRunner r,
		final List<Cell> cells) throws IOException
	{
		return s.run(cells, 10, r, Progress.NONE, Cancellation.NEVER, m -> {});
	}

	@Test
	public void aRerunSkipsFinishedCellsAndOneCellRunsAlone() throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("study");
		final AnnotationStudy s = study(dir, Map.of("data", "x"), false);
		final FakeRunner r = new FakeRunner();
		assertEquals(new AnnotationStudy.Outcome(1, 0), run(s, r, List.of(s.design().cell(5))));
		assertEquals(List.of(5), r.ran);
		assertEquals(1, s.merge().finishedCells());
		final FakeRunner again = new FakeRunner();
		final AnnotationStudy.Outcome o = run(study(dir, Map.of("data", "x"), false), again, s
			.design().cells());
		assertEquals(new AnnotationStudy.Outcome(7, 1), o);
		assertFalse(again.ran.contains(5));
		final Path cell = dir.resolve("cells/tvw_f050_s1");
		for (final String f : List.of(CellStore.METRICS, CellStore.CURVE, CellStore.SCORES))
			assertTrue(f, Files.isRegularFile(cell.resolve(f)));
		assertTrue(Files.readString(cell.resolve(CellStore.CURVE)).startsWith(
			"epoch,train_loss,validation_loss,validation_dice,best\n1,"));
		assertEquals(new AnnotationStudy.Outcome(0, 8), run(study(dir, Map.of("data", "x"), false),
			new FakeRunner(), s.design().cells()));
	}

	@Test
	public void aKilledCellIsRedoneAndNeverMerged() throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("study");
		final AnnotationStudy s = study(dir, Map.of("data", "x"), false);
		run(s, new FakeRunner(), s.design().cells());
		final Cell killed = s.design().cell(2), half = s.design().cell(6);
		final Path cells = dir.resolve(CellStore.FOLDER);
		// a run killed while writing cell 2: only its hidden temporary, with a result in it
		final Path tmpFolder = cells.resolve("." + killed.folderName() + ".999999-0.tmp");
		Files.move(cells.resolve(killed.folderName()), tmpFolder);
		// cell 6 copied half: its metrics are gone
		Files.delete(cells.resolve(half.folderName()).resolve(CellStore.METRICS));
		final CellStore store = new CellStore(OutputFolder.at(dir));
		assertEquals(CellStore.State.MISSING, store.state(killed, s.key(killed)));
		assertEquals(CellStore.State.INCOMPLETE, store.state(half, s.key(half)));
		// merged: neither
		final StudySummary partial = s.merge();
		assertEquals(6, partial.finishedCells());
		assertEquals(1, row(partial, Arm.SCRATCH, 100).primary().n());
		assertEquals(1, row(partial, "tvw", 100).primary().n());
		assertEquals(1, row(partial, "tvw", 100).pairs()); // seed 1 only
		// a rerun redoes exactly those two
		final FakeRunner r = new FakeRunner();
		final List<String> log = new ArrayList<>();
		s.run(s.design().cells(), 10, r, Progress.NONE, Cancellation.NEVER, log::add);
		assertEquals(List.of(2, 6), r.ran);
		assertTrue(log.toString(), log.stream().anyMatch(l -> l.startsWith(half + ": ") && l
			.contains("holds no complete result; running it again")));
		assertEquals(8, s.merge().finishedCells());
		assertNotNull(store.finished(half, s.key(half)));
		// the temporary of the killed run is left alone (hidden, never read)
		assertTrue(Files.isDirectory(tmpFolder));
		// a segmentation cell holds no AUC: to a classification study it is no finished cell
		assertEquals(CellStore.State.INCOMPLETE, new CellStore(OutputFolder.at(dir),
			StudyTask.CLASSIFICATION).state(half, s.key(half)));
	}

	@Test
	public void cellsOfOtherSettingsAreRefusedOrWithOverwriteRedone() throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("study");
		final AnnotationStudy s = study(dir, Map.of("data", "x"), false);
		run(s, new FakeRunner(), List.of(s.design().cell(0)));
		final AnnotationStudy other = study(dir, Map.of("data", "y"), false);
		StudyDesignTest.refused(() -> {
			try {
				run(other, new FakeRunner(), other.design().cells());
			}
			catch (final IOException e) {
				throw new AssertionError(e);
			}
		}, "holds the result of cell 0 (scratch, 50% of the training cases, seed 0) with other " +
			"study settings");
		StudyDesignTest.refused(other::merge, "with other study settings");
		final AnnotationStudy redo = study(dir, Map.of("data", "y"), true);
		assertEquals(0, redo.merge().finishedCells());
		final FakeRunner r = new FakeRunner();
		run(redo, r, List.of(redo.design().cell(0)));
		assertEquals(List.of(0), r.ran);
		assertNull(new CellStore(OutputFolder.at(dir)).finished(s.design().cell(0), s.key(s
			.design().cell(0))));
	}

	@Test
	public void theSummaryPairsBySeedAndComputesTheSaving() throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("study");
		final AnnotationStudy s = study(dir, Map.of("data", "x"), false);
		run(s, new FakeRunner(), s.design().cells());
		final StudySummary sum = s.merge();
		final StudySummary.Row tvw50 = row(sum, "tvw", 50);
		assertEquals(2, tvw50.pairs());
		// scratch 100 %: 0.75, 0.76 -> mean 0.755; tvw at 50 %: 0.675, 0.695 -> 0.685; at 100 %
		// 0.81: crosses at 50 + (0.755 - 0.685) / (0.81 - 0.685) * 50 = 78 %
		assertEquals(0.685, tvw50.primary().mean(), 1e-12);
		final StudySummary.Saving saving = sum.savings().get(0);
		assertEquals(0.755, saving.target(), 1e-12);
		assertEquals(78, saving.fraction(), 1e-9);
		assertEquals(22, saving.percent(), 1e-9);
		assertFalse(saving.atSmallest());
		// differences 0.05, 0.06: t = 11 with 1 degree of freedom (Cauchy: p = 1 - 2 atan(11) / pi);
		// Wilcoxon exact: 2 of the 4 sign patterns are as extreme
		assertEquals(1 - 2 * Math.atan(11) / Math.PI, tvw50.primaryT(), 1e-6);
		assertEquals(0.5, tvw50.primaryWilcoxon(), 1e-12);
		final List<String> csv = sum.csvLines();
		assertEquals(StudySummary.HEADER, csv.get(0));
		assertEquals(5, csv.size());
		assertTrue(csv.get(3), csv.get(3).startsWith("tvw,50,2,0.685000,"));
		final StudySummary.Curve c = sum.curves().get(1);
		assertEquals(Arm.SCRATCH, c.arm());
		assertEquals(3, c.epochs().length);
		assertEquals(0.755, c.meanScore()[2], 1e-12);
	}

	static StudySummary.Row row(final StudySummary s, final String arm, final double f) {
		return s.rows().stream().filter(r -> r.arm().equals(arm) && r.fraction() == f).findFirst()
			.orElseThrow();
	}
}
