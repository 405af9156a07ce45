package org.transvw.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** ROC AUC on hand-computed cases, including ties (sklearn's trapezoidal convention). */
public class AucTest {

	private static final double EPS = 1e-12;

	@Test
	public void perfectAndInvertedRankings() {
		assertEquals(1, Auc.of(new int[] { 0, 0, 1, 1 }, new double[] { 0.1, 0.2, 0.8, 0.9 }), EPS);
		assertEquals(0, Auc.of(new int[] { 1, 1, 0, 0 }, new double[] { 0.1, 0.2, 0.8, 0.9 }), EPS);
	}

	@Test
	public void sklearnDocExample() {
		// sklearn roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
		assertEquals(0.75, Auc.of(new int[] { 0, 0, 1, 1 }, new double[] { 0.1, 0.4, 0.35, 0.8 }),
			EPS);
	}

	@Test
	public void tiesCountOneHalf() {
		// all scores tied: the ROC is the diagonal
		assertEquals(0.5, Auc.of(new int[] { 0, 1, 0, 1 }, new double[] { 0.3, 0.3, 0.3, 0.3 }),
			EPS);
		// pairs (pos, neg): p=0.6 vs n=0.6 tie (1/2), p=0.6 vs n=0.2 win, p=0.9 wins both -> 3.5/4
		assertEquals(3.5 / 4, Auc.of(new int[] { 1, 0, 1, 0 }, new double[] { 0.6, 0.6, 0.9, 0.2 }),
			EPS);
	}

	@Test
	public void oneClassOnlyIsUndefined() {
		assertTrue(Double.isNaN(Auc.of(new int[] { 1, 1 }, new double[] { 0.1, 0.9 })));
	}

	@Test(expected = IllegalArgumentException.class)
	public void labelsMustBeBinary() {
		Auc.of(new int[] { 0, 2 }, new double[] { 0.1, 0.9 });
	}
}
