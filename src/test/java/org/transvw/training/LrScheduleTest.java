package org.transvw.training;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

/** The schedules against the reference semantics (PyTorch StepLR, Keras ReduceLROnPlateau). */
public class LrScheduleTest {

	private static final double EPS = 1e-15;

	@Test
	public void stepDecayHalvesEveryFortyEpochsAfterTheEpochEnds() {
		// setup
		final LrSchedule s = new LrSchedule.StepDecay(40, 0.5);
		LrSchedule.State st = s.initial(1e-3);
		final double[] used = new double[121];
		// process: the rate used during epoch e is the state after epoch e-1
		for (int e = 1; e <= 120; e++) {
			used[e] = st.learningRate();
			st = s.next(st, 1e-3, e, 1.0);
		}
		// test: StepLR(40) stepped after each epoch: epochs 1..40 at lr0, 41..80 at lr0/2, ...
		assertEquals(1e-3, used[1], EPS);
		assertEquals(1e-3, used[40], EPS);
		assertEquals(5e-4, used[41], EPS);
		assertEquals(5e-4, used[80], EPS);
		assertEquals(2.5e-4, used[81], EPS);
	}

	@Test
	public void plateauReducesAfterPatienceStaleEpochsAndRespectsMinimum() {
		// setup
		final LrSchedule s = new LrSchedule.Plateau(3, 0.5, 1e-4, 2e-4);
		LrSchedule.State st = s.initial(1e-3);
		// process + test: improvements keep the rate
		st = s.next(st, 1e-3, 1, 1.0);
		st = s.next(st, 1e-3, 2, 0.9);
		assertEquals(1e-3, st.learningRate(), EPS);
		assertEquals(0, st.stale());
		// an improvement smaller than minDelta is stale
		st = s.next(st, 1e-3, 3, 0.89995);
		st = s.next(st, 1e-3, 4, 0.95);
		assertEquals(1e-3, st.learningRate(), EPS);
		st = s.next(st, 1e-3, 5, 0.95); // third stale epoch: reduce
		assertEquals(5e-4, st.learningRate(), EPS);
		assertEquals(0, st.stale());
		for (int e = 6; e <= 8; e++)
			st = s.next(st, 1e-3, e, 0.95);
		assertEquals(2.5e-4, st.learningRate(), EPS);
		for (int e = 9; e <= 11; e++)
			st = s.next(st, 1e-3, e, 0.95);
		assertEquals("clamped at minLr", 2e-4, st.learningRate(), EPS);
		for (int e = 12; e <= 14; e++)
			st = s.next(st, 1e-3, e, 0.95);
		assertEquals(2e-4, st.learningRate(), EPS);
		// NaN never improves
		assertEquals(1, s.next(st, 1e-3, 15, Double.NaN).stale());
	}

	@Test
	public void parseIsTheInverseOfDescribe() {
		for (final LrSchedule s : new LrSchedule[] { new LrSchedule.Constant(),
			new LrSchedule.StepDecay(40, 0.5), new LrSchedule.Plateau(20, 0.5, 1e-4, 1e-6) })
			assertEquals(s, LrSchedule.parse(s.describe()));
		assertEquals(new LrSchedule.Plateau(20, 0.5, 1e-4, 1e-6), LrSchedule.parse("plateau:20"));
		assertEquals(new LrSchedule.StepDecay(40, 0.5), LrSchedule.parse("step:40"));
	}

	@Test
	public void badTextNamesTheParameter() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> LrSchedule.parse("cosine:3"));
		assertEquals(true, e.getMessage().startsWith("schedule: expected"));
		assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("step:x"));
		assertThrows(IllegalArgumentException.class, () -> new LrSchedule.StepDecay(0, 0.5));
	}
}
