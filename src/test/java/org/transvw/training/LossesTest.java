package org.transvw.training;

import static org.junit.Assert.assertEquals;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Every loss of the project against values computed by hand. */
@Category(EngineTests.class)
public class LossesTest {

	/** float32 arithmetic on a handful of values */
	private static final double TOL = 1e-5;

	private static NDManager m;

	@BeforeClass
	public static void engine() {
		EngineSession.engine();
		m = NDManager.newBaseManager();
	}

	@AfterClass
	public static void close() {
		m.close();
	}

	private static NDArray a(final Shape s, final float... v) {
		return m.create(v, s);
	}

	@Test
	public void meanSquaredErrorIsTheFullMeanNotHalfOfIt() {
		final NDArray p = a(new Shape(2, 1, 2), 0.5f, 1f, 0f, 0f);
		final NDArray t = a(new Shape(2, 1, 2), 0f, 1f, 0f, 1f);
		assertEquals((0.25 + 0 + 0 + 1) / 4, Losses.mse(p, t).getFloat(), TOL);
	}

	@Test
	public void crossEntropyOfLogitsTakesLabelsAsVectorOrColumn() {
		final NDArray logits = a(new Shape(2, 3), 2f, 0f, 0f, 0f, 0f, 1f);
		final double ce0 = -Math.log(Math.exp(2) / (Math.exp(2) + 2));
		final double ce1 = -Math.log(1 / (2 + Math.exp(1)));
		assertEquals((ce0 + ce1) / 2, Losses.crossEntropy(logits, m.create(new int[] { 0, 1 }))
			.getFloat(), TOL);
		final NDArray column = a(new Shape(2, 1), 0f, 1f);
		assertEquals((ce0 + ce1) / 2, Losses.crossEntropy(logits, column).getFloat(), TOL);
		assertEquals("argmax 0 right, argmax 2 wrong", 1, Losses.correct(logits, column));
	}

	@Test
	public void binaryCrossEntropyOfLogitsIsStableForLargeLogits() {
		final NDArray z = a(new Shape(4, 1), 2f, -1f, 0f, 50f);
		final NDArray y = a(new Shape(4, 1), 1f, 0f, 1f, 0f);
		// -y log s(z) - (1 - y) log(1 - s(z)); for z = 50, y = 0 that is ~50, not infinity
		final double expected = (Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(-1)) + Math.log(2) +
			50 + Math.log1p(Math.exp(-50))) / 4;
		assertEquals(expected, Losses.binaryCrossEntropyWithLogits(z, y).getFloat(), TOL);
	}

	@Test
	public void diceAndCrossEntropyOfProbabilitiesCountOnlyMaskedVoxels() {
		final Shape s = new Shape(1, 1, 4, 1, 1);
		final NDArray p = a(s, 0.8f, 0.2f, 0.6f, 0.9f);
		final NDArray mask = a(s, 1f, 1f, 1f, 0f);
		final NDArray y = a(s, 1f, 0f, 1f, 0f);
		// masked p: 0.8, 0.2, 0.6, 0; y: 1, 0, 1 -> 1 - (2 * 1.4 + 1) / (2 + 1.6 + 1)
		assertEquals(1 - 3.8 / 4.6, Losses.diceLoss(p, mask, y).getFloat(), TOL);
		assertEquals(-(Math.log(0.8) + Math.log(0.8) + Math.log(0.6)) / 3, Losses
			.crossEntropyOfProbabilities(p, mask, y).getFloat(), TOL);
		// two channels, one-hot targets: voxel 0 class 0 (p 0.7), voxel 1 class 1 (p 0.4)
		final Shape s2 = new Shape(1, 2, 2, 1, 1);
		final NDArray p2 = a(s2, 0.7f, 0.6f, 0.3f, 0.4f);
		final NDArray hot = a(s2, 1f, 0f, 0f, 1f);
		assertEquals(-(Math.log(0.7) + Math.log(0.4)) / 2, Losses.crossEntropyOfProbabilities(p2, a(
			new Shape(1, 1, 2, 1, 1), 1f, 1f), hot).getFloat(), TOL);
	}
}
