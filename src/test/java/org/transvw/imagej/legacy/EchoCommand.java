package org.transvw.imagej.legacy;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;

/**
 * A command for the adapter's tests (registered by hand, no {@code @Plugin}, so no catalog sees
 * it). {@code mode} chooses what it does: ok (all outputs), fail (a user error), empty (cancel
 * with an empty reason), bug (an unexpected exception), wait (polls its cancel flag for at most
 * 30 s).
 */
public class EchoCommand extends ContextCommand {

	@Parameter(label = "Text to echo", description = "Echoed back")
	private String text;

	@Parameter(label = "Mode of the run", required = false, description = "ok, fail, empty, bug, wait")
	private String mode = "ok";

	@Parameter(label = "Extra folder (optional)", required = false, style = "directory",
		description = "An optional file input, as Self-discovery's extractor")
	private File extra;

	@Parameter(label = "Reply", type = ItemIO.OUTPUT)
	private String reply;

	@Parameter(label = "Image", type = ItemIO.OUTPUT)
	private ImagePlus image;

	@Parameter(label = "Echo table", type = ItemIO.OUTPUT)
	private ResultsTable table;

	@Override
	public void run() {
		switch (mode) {
			case "fail":
				cancel("text: expected anything but '" + text + "'");
				return;
			case "empty":
				cancel("");
				return;
			case "bug":
				throw new IllegalStateException("boom in " + text);
			case "wait":
				for (int i = 0; i < 300 && !isCanceled(); i++)
					sleep();
				reply = isCanceled() ? "stopped" : "timed out";
				return;
			default:
				reply = "echo " + text + (extra == null ? "" : " " + extra.getName());
				image = new ImagePlus("echo-" + text, new ByteProcessor(4, 3));
				table = new ResultsTable();
				for (int r = 0; r < 2; r++) {
					table.incrementCounter();
					table.addValue("row", r);
				}
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
