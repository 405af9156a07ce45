package org.transvw.imagej.legacy;

import java.util.Locale;

import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;

import ij.IJ;

/**
 * Relays SciJava status events of a running command to ImageJ's status bar and progress bar, or,
 * without an ImageJ window (headless runs), to the log at most once a second (a repeated message
 * at most every 5 s).
 */
public final class ProgressRelay {

	private final String title;
	private long lastPrint;
	private String lastMessage = "";

	ProgressRelay(final String title) {
		this.title = title;
	}

	@EventHandler
	public void onEvent(final StatusEvent e) {
		final String message = e.getStatusMessage() == null ? "" : e.getStatusMessage();
		if (IJ.getInstance() != null) {
			if (!message.isEmpty()) IJ.showStatus(message);
			if (e.getProgressMaximum() > 0) IJ.showProgress(e.getProgressValue(), e
				.getProgressMaximum());
			return;
		}
		final long now = System.currentTimeMillis();
		if (message.isEmpty() || message.equals(lastMessage) && now - lastPrint < 5000) return;
		if (now - lastPrint < 1000) return;
		lastPrint = now;
		lastMessage = message;
		final String pct = e.getProgressMaximum() > 0 ? String.format(Locale.ROOT, " %3.0f%%",
			100.0 * e.getProgressValue() / e.getProgressMaximum()) : "";
		IJ.log("[" + title + pct + "] " + message);
	}
}
