package org.transvw.training;

import org.transvw.common.Checks;

/**
 * Early stopping on the mean validation total loss: training stops when {@code patience} epochs
 * in a row brought no loss lower than the best so far (strictly lower by more than
 * {@code minDelta}). The best epoch is the one whose checkpoint is kept as "best".
 * TransVW: patience 50, minDelta 0 (method.md §5, "early stop when 50 epochs pass without a
 * lower mean val total loss"). Pure; its {@link State} travels in checkpoints.
 */
public record EarlyStopping(int patience, double minDelta) {

	/** Best loss so far, the epoch (1-based) it was reached, and epochs since. */
	public record State(double best, int bestEpoch, int stale) {

		/** Before the first epoch. */
		public static State initial() {
			return new State(Double.POSITIVE_INFINITY, 0, 0);
		}
	}

	public EarlyStopping {
		Checks.positive(patience, "patience (epochs)");
		Checks.require(minDelta >= 0, "min delta", "a value >= 0, got " + minDelta);
	}

	/** The state after {@code epoch} with monitored {@code loss} (NaN never improves). */
	public State next(final State s, final int epoch, final double loss) {
		if (loss < s.best() - minDelta) return new State(loss, epoch, 0);
		return new State(s.best(), s.bestEpoch(), s.stale() + 1);
	}

	/** True when {@code s} was reached by an improvement in its last epoch. */
	public static boolean improvedAt(final State s, final int epoch) {
		return s.bestEpoch() == epoch;
	}

	/** True when training should stop after the epoch that produced {@code s}. */
	public boolean shouldStop(final State s) {
		return s.stale() >= patience;
	}
}
