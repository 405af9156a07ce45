package org.transvw.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/** Dice, IoU, Models Genesis mean IoU and the CSV report on hand-computed cases. */
public class MetricsTest {

	/** Ratios of small integers computed in double: exact to rounding. */
	private static final double EPS = 1e-12;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static Img<FloatType> img(final float... v) {
		return ArrayImgs.floats(v, v.length);
	}

	@Test
	public void diceAndIouOnHandComputedMasks() {
		// pred > 0.5: {0,1,2}; truth: {1,2,3,4} -> tp 2, fp 1, fn 2, tn 1
		final ConfusionCounts c = ConfusionCounts.of(img(0.9f, 0.6f, 0.51f, 0.5f, 0.1f, 0f), img(0,
			1, 1, 1, 1, 0), 0.5);
		assertEquals(new ConfusionCounts(2, 1, 2, 1), c);
		assertEquals(4.0 / 7, c.dice(), EPS);
		assertEquals(2.0 / 5, c.iou(), EPS);
		// background IoU tn/(tn+fp+fn) = 1/4
		assertEquals((2.0 / 5 + 1.0 / 4) / 2, c.twoClassMeanIou(), EPS);
	}

	@Test
	public void twoEmptyMasksScoreOne() {
		final ConfusionCounts c = ConfusionCounts.of(img(0.1f, 0.2f), img(0, 0), 0.5);
		assertEquals(1, c.dice(), 0);
		assertEquals(1, c.iou(), 0);
		// only the background class is present: TensorFlow averages over present classes
		assertEquals(1, c.twoClassMeanIou(), 0);
		// an empty prediction against a non-empty truth scores 0
		assertEquals(0, ConfusionCounts.of(img(0f, 0f), img(0, 1), 0.5).dice(), 0);
	}

	@Test
	public void meanIouAveragesTheTenThresholds() {
		// p = 0.72 on a foreground voxel: counted at t = 0.50..0.70 (5 thresholds), missed above
		final MeanIou m = MeanIou.of(img(0.72f, 0f), img(1, 0));
		// below: both classes perfect (1); above: fg IoU 0, bg IoU 1/2 -> mean 1/4
		assertEquals((5 * 1.0 + 5 * 0.25) / 10, m.value(), 1e-9);
		assertEquals(10, MeanIou.thresholds().length);
		assertEquals(0.95, MeanIou.thresholds()[9], 1e-12);
	}

	@Test
	public void pooledSumsCountsBeforeTheRatio() {
		final SegmentationEvaluation e = new SegmentationEvaluation();
		e.add("a", img(1f, 1f, 0f, 0f), img(1, 1, 0, 0)); // perfect, dice 1
		e.add("b", img(1f, 0f, 0f, 0f), img(0, 0, 0, 1)); // tp0 fp1 fn1, dice 0
		final SegmentationReport r = e.report();
		assertEquals(0.5, r.meanCaseDice(), EPS);
		// pooled tp 2, fp 1, fn 1: dice 4/6, iou 2/4
		assertEquals(4.0 / 6, r.pooled().dice(), EPS);
		assertEquals(0.5, r.pooled().iou(), EPS);
		assertEquals(new ConfusionCounts(2, 1, 1, 4), r.pooled().counts());
	}

	@Test
	public void csvHasHeaderCasesAndPooledRow() throws Exception {
		final SegmentationEvaluation e = new SegmentationEvaluation();
		e.add("case,1", img(1f, 0f), img(1, 0));
		final Path f = tmp.getRoot().toPath().resolve("sub/metrics.csv");
		e.report().writeCsv(f);
		final List<String> lines = Files.readAllLines(f);
		assertEquals(3, lines.size());
		assertEquals(SegmentationReport.HEADER, lines.get(0));
		assertEquals("\"case,1\",1.000000,1.000000,1.000000,1,0,0,1", lines.get(1));
		assertTrue(lines.get(2).startsWith("pooled,1.000000,"));
	}

	@Test(expected = IllegalArgumentException.class)
	public void differentSizesAreRefused() {
		ConfusionCounts.of(img(1f, 0f), img(1, 0, 0), 0.5);
	}
}
