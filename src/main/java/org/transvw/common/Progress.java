package org.transvw.common;

/**
 * Where long-running core work reports how far it is. Adapters map it to Fiji's status bar
 * ({@code StatusService}) or to log lines when headless; the core never asks which.
 * <p>
 * Implementations must be thread-safe: worker threads may report concurrently.
 */
@FunctionalInterface
public interface Progress {

	/** Discards every report. */
	Progress NONE = (fraction, message) -> {};

	/**
	 * @param fraction completed fraction in [0, 1], or {@code NaN} when unknown
	 * @param message short human-readable state, e.g. "epoch 3/50, loss 0.0123"
	 */
	void report(double fraction, String message);

	/**
	 * A view of this progress covering the sub-range [from, to] of the whole, so a stage can
	 * report 0..1 for its own part of a multi-stage run.
	 */
	default Progress subRange(final double from, final double to) {
		Checks.require(0 <= from && from <= to && to <= 1, "progress sub-range",
			"0 <= from <= to <= 1, got [" + from + ", " + to + "]");
		final Progress parent = this;
		return (f, m) -> parent.report(Double.isNaN(f) ? f : from + (to - from) * f, m);
	}
}
