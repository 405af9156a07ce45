package org.transvw.study;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.Test;

/** Cells, and the nested, paired label subsets of a study. */
public class StudyDesignTest {

	static StudyDesign design(final int seeds, final double... fractions) {
		return new StudyDesign(List.of(Arm.scratch(), new Arm("tvw", Path.of("/b/tvw"), "abc")),
			fractions, seeds, 7);
	}

	@Test
	public void subsetsAreNestedAcrossFractionsAndPairedAcrossInitialisations() {
		final StudyDesign d = design(3, 10, 25, 50, 100);
		final int n = 40;
		for (int s = 0; s < 3; s++) {
			Set<Integer> previous = Set.of();
			for (final double f : d.fractions()) {
				final Cell scratch = find(d, Arm.SCRATCH, f, s), tvw = find(d, "tvw", f, s);
				final int[] a = d.subset(scratch, n), b = d.subset(tvw, n);
				assertArrayEquals("paired at " + f + " seed " + s, a, b);
				assertEquals(StudyDesign.subsetSize(f, n), a.length);
				final Set<Integer> now = set(a);
				assertEquals("distinct cases", a.length, now.size());
				assertTrue("nested at " + f + " seed " + s, now.containsAll(previous));
				previous = now;
			}
			assertEquals(n, previous.size());
		}
		// other seeds draw other subsets
		assertNotEquals(set(d.subset(find(d, Arm.SCRATCH, 25, 0), n)), set(d.subset(find(d,
			Arm.SCRATCH, 25, 1), n)));
	}

	@Test
	public void cellsAreNumberedInitialisationFractionSeed() {
		final StudyDesign d = design(2, 50, 100);
		final List<Cell> cells = d.cells();
		assertEquals(8, cells.size());
		final Set<String> names = new HashSet<>();
		for (int i = 0; i < cells.size(); i++) {
			assertEquals(i, cells.get(i).index());
			names.add(cells.get(i).folderName());
		}
		assertEquals(8, names.size());
		assertEquals("tvw_f050_s1", d.cell(5).folderName());
		assertEquals(8, d.cell(5).trainingSeed());
		assertEquals("scratch_f012.5_s0", new Cell(0, Arm.scratch(), 12.5, 0, 1).folderName());
		refused(() -> d.cell(8), "cell: expected a cell number in 0..7 (2 initialisations x 2 " +
			"fractions x 2 seeds), got 8");
	}

	@Test
	public void badFractionsAreRefusedNamingTheKey() {
		refused(() -> StudyDesign.parseFractions("0,50"), "fractions: expected percentages of the " +
			"training cases in (0, 100], got 0");
		refused(() -> StudyDesign.parseFractions("50,120"), "in (0, 100], got 120");
		refused(() -> StudyDesign.parseFractions("50,50"), "distinct percentages, got 50 twice");
		refused(() -> StudyDesign.parseFractions("ten"), "fractions: expected percentages");
		assertArrayEquals(new double[] { 10, 25, 100 }, StudyDesign.parseFractions("100, 10,25%"),
			0);
	}

	@Test
	public void tooFewTrainingCasesSayHowManyAreNeeded() {
		final StudyDesign d = design(1, 10, 100);
		refused(() -> d.requireCases(6), "fractions: 10% of 6 training cases is no case; the " +
			"smallest fraction needs at least 10 training cases");
		d.requireCases(10);
		assertEquals(1, StudyDesign.subsetSize(10, 10));
	}

	private static Cell find(final StudyDesign d, final String arm, final double f, final int s) {
		return d.cells().stream().filter(c -> c.arm().name().equals(arm) && c.fraction() == f && c
			.seedIndex() == s).findFirst().orElseThrow();
	}

	private static Set<Integer> set(final int[] a) {
		final Set<Integer> s = new HashSet<>();
		Arrays.stream(a).forEach(s::add);
		return s;
	}

	static void refused(final Runnable r, final String message) {
		try {
			r.run();
			fail("expected a refusal: " + message);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains(message));
		}
	}
}
