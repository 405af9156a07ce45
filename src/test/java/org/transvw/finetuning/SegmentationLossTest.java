package org.transvw.finetuning;

import static org.junit.Assert.assertEquals;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Dice / cross-entropy on hand-computed batches, with unlabelled voxels masked out. */
@Category(EngineTests.class)
public class SegmentationLossTest {

	/** float32 arithmetic on a handful of values */
	private static final double EPS = 1e-5;

	private static NDManager manager;

	@BeforeClass
	public static void engine() {
		EngineSession.engine();
		manager = NDManager.newBaseManager();
	}

	@AfterClass
	public static void close() {
		manager.close();
	}

	private static NDArray arr(final float... v) {
		return manager.create(v, new Shape(1, 1, v.length, 1, 1));
	}

	@Test
	public void binaryDiceIgnoresUnlabelledVoxels() {
		final SegmentationLoss loss = new SegmentationLoss(1, 0);
		// labels: fg, bg, unlabelled (255), fg, unlabelled (-1)
		final NDList t = loss.targets(arr(1, 0, 255, 1, -1));
		final NDArray p = arr(0.8f, 0.2f, 0.9f, 0.6f, 0.7f);
		// labelled p: 0.8, 0.2, 0.6; y: 1, 0, 1 -> (2 * 1.4 + 1) / (2 + 1.6 + 1)
		assertEquals(1 - 3.8 / 4.6, loss.dice(p, t.get(0), t.get(1)).getFloat(), EPS);
		// hard: pred {0, 3}, truth {0, 3} -> 1
		assertEquals(1, loss.hardDice(p, t.get(0), t.get(1)).getFloat(), EPS);
		// BCE mean over the 3 labelled voxels
		final double bce = -(Math.log(0.8) + Math.log(0.8) + Math.log(0.6)) / 3;
		assertEquals(bce, loss.crossEntropy(p, t.get(0), t.get(1)).getFloat(), EPS);
	}

	@Test
	public void hardDiceOfTwoEmptyMasksIsOne() {
		final SegmentationLoss loss = new SegmentationLoss(1, 0);
		final NDList t = loss.targets(arr(0, 0, 255));
		assertEquals(1, loss.hardDice(arr(0.1f, 0.2f, 0.9f), t.get(0), t.get(1)).getFloat(), EPS);
	}

	@Test
	public void softmaxTargetsAreOneHotAndCrossEntropyIsMasked() {
		final SegmentationLoss loss = new SegmentationLoss(3, 1);
		final NDArray labels = manager.create(new float[] { 0, 2, 255 }, new Shape(1, 1, 3, 1, 1));
		final NDList t = loss.targets(labels);
		assertEquals(new Shape(1, 3, 3, 1, 1), t.get(1).getShape());
		// channel-major: class 0 row, class 1 row, class 2 row
		final float[] hot = t.get(1).toFloatArray();
		assertEquals(1, hot[0], 0);
		assertEquals(1, hot[2 * 3 + 1], 0);
		final NDArray p = manager.create(new float[] { 0.7f, 0.1f, 0.3f, 0.2f, 0.2f, 0.3f, 0.1f,
			0.7f, 0.4f }, new Shape(1, 3, 3, 1, 1));
		final double ce = -(Math.log(0.7) + Math.log(0.7)) / 2;
		assertEquals(ce, loss.crossEntropy(p, t.get(0), t.get(1)).getFloat(), EPS);
		// hard Dice of the foreground: argmax (0, 2, 2) -> fg {1} (voxel 2 unlabelled), truth {1}
		assertEquals(1, loss.hardDice(p, t.get(0), t.get(1)).getFloat(), EPS);
	}
}
