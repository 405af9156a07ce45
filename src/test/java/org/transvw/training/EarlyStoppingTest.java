package org.transvw.training;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** Early stopping: patience counted in epochs without a strictly lower loss. */
public class EarlyStoppingTest {

	@Test
	public void stopsAfterPatienceEpochsWithoutImprovement() {
		// setup
		final EarlyStopping es = new EarlyStopping(3, 0);
		final double[] losses = { 1.0, 0.8, 0.8, 0.9, 0.7, 0.75, 0.71, 0.7 };
		EarlyStopping.State s = EarlyStopping.State.initial();
		int stoppedAt = -1;
		// process
		for (int e = 1; e <= losses.length; e++) {
			s = es.next(s, e, losses[e - 1]);
			if (e == 5) assertTrue("epoch 5 improves", EarlyStopping.improvedAt(s, 5));
			if (e == 3) assertFalse("equal loss is no improvement", EarlyStopping.improvedAt(s, 3));
			if (es.shouldStop(s)) {
				stoppedAt = e;
				break;
			}
		}
		// test: best 0.7 at epoch 5; epochs 6, 7, 8 are stale (0.7 is not lower) -> stop at 8
		assertEquals(8, stoppedAt);
		assertEquals(5, s.bestEpoch());
		assertEquals(0.7, s.best(), 0);
	}

	@Test
	public void minDeltaRequiresAClearImprovement() {
		final EarlyStopping es = new EarlyStopping(2, 0.01);
		EarlyStopping.State s = es.next(EarlyStopping.State.initial(), 1, 1.0);
		s = es.next(s, 2, 0.995);
		assertEquals(1, s.stale());
		s = es.next(s, 3, 0.98);
		assertEquals(3, s.bestEpoch());
		assertFalse(es.shouldStop(s));
		s = es.next(s, 4, Double.NaN);
		s = es.next(s, 5, 0.975);
		assertTrue(es.shouldStop(s));
	}
}
