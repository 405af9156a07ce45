package org.transvw.command;

import org.scijava.app.StatusService;
import org.transvw.common.Progress;

/**
 * The core's {@link Progress} shown in Fiji's status bar (and as log lines when headless). A
 * report of unknown fraction ({@code NaN}) is the core's way of noting a decision or an event
 * (resumed from a checkpoint, the criterion chosen, a retried training): it also goes to the log,
 * where it stays, while status lines are replaced by the next.
 */
final class StatusProgress {

	/** Resolution of the status bar's progress. */
	private static final int STEPS = 1000;

	private StatusProgress() {}

	static Progress of(final StatusService status, final java.util.function.Consumer<String> log) {
		return (f, m) -> {
			if (Double.isNaN(f)) log.accept(m);
			status.showStatus(Double.isNaN(f) ? 0 : (int) Math.round(STEPS * f), STEPS, m);
		};
	}
}
