package org.transvw.training;

import java.util.Locale;

import org.transvw.common.Checks;

/**
 * A learning-rate schedule, stepped once after each completed epoch. Pure: the loop keeps a
 * {@link State} and replaces it by {@link #next(State, int, double)}, and the state travels in
 * checkpoints so that a resumed run continues the schedule exactly.
 * <ul>
 * <li>{@link Constant}: the rate never changes.</li>
 * <li>{@link StepDecay}: PyTorch {@code StepLR(stepSize, gamma)} stepped after every epoch: after
 * {@code n} completed epochs the rate is {@code lr0 * gamma^floor(n / stepSize)}. TransVW
 * PyTorch: StepLR(40, 0.5) (method.md §5).</li>
 * <li>{@link Plateau}: Keras {@code ReduceLROnPlateau} (mode min, cooldown 0): an epoch improves
 * when {@code loss < best - minDelta}; after {@code patience} epochs without improvement the rate
 * becomes {@code max(lr * gamma, minLr)} and the counter restarts. TransVW Keras: patience 20,
 * gamma 0.5, minDelta 1e-4, minLr 1e-6 (method.md §5).</li>
 * </ul>
 */
public sealed interface LrSchedule {

	/** The schedule's memory between epochs: current rate, best monitored loss, stale epochs. */
	record State(double learningRate, double best, int stale) {}

	/** The state before the first epoch. */
	default State initial(final double learningRate) {
		Checks.require(learningRate > 0 && Double.isFinite(learningRate), "learning rate",
			"a positive number, got " + learningRate);
		return new State(learningRate, Double.POSITIVE_INFINITY, 0);
	}

	/**
	 * The state after {@code completedEpochs} epochs (1-based count of the epoch just finished).
	 *
	 * @param initialRate the rate the run started with (StepDecay is a function of it)
	 * @param monitored the epoch's monitored loss (mean validation total loss); NaN counts as no
	 *          improvement
	 */
	State next(State state, double initialRate, int completedEpochs, double monitored);

	/** A short, parseable description, e.g. {@code step:40:0.5}. */
	String describe();

	/** No schedule. */
	record Constant() implements LrSchedule {

		@Override
		public State next(final State s, final double lr0, final int n, final double loss) {
			return s;
		}

		@Override
		public String describe() {
			return "constant";
		}
	}

	/** Multiply by {@code gamma} every {@code stepSize} epochs (PyTorch StepLR). */
	record StepDecay(int stepSize, double gamma) implements LrSchedule {

		public StepDecay {
			Checks.positive(stepSize, "step size (epochs)");
			Checks.require(gamma > 0 && gamma <= 1, "gamma", "a factor in (0, 1], got " + gamma);
		}

		@Override
		public State next(final State s, final double lr0, final int n, final double loss) {
			return new State(lr0 * Math.pow(gamma, Math.floorDiv(n, stepSize)), s.best(), s.stale());
		}

		@Override
		public String describe() {
			return "step:" + stepSize + ":" + gamma;
		}
	}

	/** Multiply by {@code gamma} after {@code patience} stale epochs (Keras ReduceLROnPlateau). */
	record Plateau(int patience, double gamma, double minDelta, double minLr)
		implements LrSchedule
	{

		public Plateau {
			Checks.positive(patience, "plateau patience (epochs)");
			Checks.require(gamma > 0 && gamma < 1, "gamma", "a factor in (0, 1), got " + gamma);
			Checks.require(minDelta >= 0, "min delta", "a value >= 0, got " + minDelta);
			Checks.require(minLr >= 0, "min learning rate", "a value >= 0, got " + minLr);
		}

		@Override
		public State next(final State s, final double lr0, final int n, final double loss) {
			if (loss < s.best() - minDelta) return new State(s.learningRate(), loss, 0);
			final int stale = s.stale() + 1;
			if (stale < patience) return new State(s.learningRate(), s.best(), stale);
			// NB: as Keras, the counter restarts even when the rate is already at its floor.
			final double lr = s.learningRate() > minLr ? Math.max(s.learningRate() * gamma, minLr) : s
				.learningRate();
			return new State(lr, s.best(), 0);
		}

		@Override
		public String describe() {
			return "plateau:" + patience + ":" + gamma + ":" + minDelta + ":" + minLr;
		}
	}

	/**
	 * Parses {@code constant}, {@code step:N[:gamma]} (gamma 0.5) or
	 * {@code plateau:P[:gamma[:minDelta[:minLr]]]} (0.5, 1e-4, 1e-6), the inverse of
	 * {@link #describe()}.
	 */
	static LrSchedule parse(final String text) {
		final String t = Checks.notNull(text, "schedule").trim().toLowerCase(Locale.ROOT);
		final String[] p = t.split(":");
		try {
			switch (p[0]) {
				case "constant":
				case "none":
					if (p.length == 1) return new Constant();
					break;
				case "step":
					if (p.length >= 2 && p.length <= 3) return new StepDecay(Integer.parseInt(p[1]),
						p.length > 2 ? Double.parseDouble(p[2]) : 0.5);
					break;
				case "plateau":
					if (p.length >= 2 && p.length <= 5) return new Plateau(Integer.parseInt(p[1]),
						p.length > 2 ? Double.parseDouble(p[2]) : 0.5, p.length > 3 ? Double.parseDouble(
							p[3]) : 1e-4, p.length > 4 ? Double.parseDouble(p[4]) : 1e-6);
					break;
				default:
					break;
			}
		}
		catch (final NumberFormatException e) {
			// fall through to the message below, which shows the accepted forms
		}
		throw new IllegalArgumentException("schedule: expected 'constant', 'step:N[:gamma]' or " +
			"'plateau:P[:gamma[:minDelta[:minLr]]]', got '" + text + "'");
	}
}
