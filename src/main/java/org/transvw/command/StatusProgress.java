package org.transvw.command;

import org.scijava.app.StatusService;
import org.transvw.common.Progress;

/** The core's {@link Progress} shown in Fiji's status bar (and as log lines when headless). */
final class StatusProgress {

	/** Resolution of the status bar's progress. */
	private static final int STEPS = 1000;

	private StatusProgress() {}

	static Progress of(final StatusService status) {
		return (f, m) -> status.showStatus(Double.isNaN(f) ? 0 : (int) Math.round(STEPS * f), STEPS,
			m);
	}
}
