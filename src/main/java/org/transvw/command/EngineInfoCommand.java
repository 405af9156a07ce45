package org.transvw.command;

import java.time.Duration;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.engine.DeviceReport;

/**
 * Engine info / doctor: reports DJL and PyTorch versions, the native flavour, devices and their
 * memory, CUDA runtime and driver, threads, the engine cache and offline mode, what DJL would
 * download and why, a one-second smoke test per device, and advice when the GPU is not usable
 * ({@link DeviceReport}). Offline by default; {@code download} allows the one-time native
 * download (issue 6, item 3). Macro:
 * <pre>
 * run("Engine info", "format=json");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Engine info")
public class EngineInfoCommand extends TransVwCommand {

	/** Time each device's smoke test runs. */
	static final Duration SMOKE_BUDGET = Duration.ofSeconds(1);

	@Parameter(label = "Format of the report", description = "text: one fact per line; json: " +
		"the same facts as a JSON object", choices = { "text", "json" }, persist = false)
	private String format = "text";

	@Parameter(label = "Download natives if missing", description = "Allow DJL to download the " +
		"PyTorch natives once (e.g. the cu128 build on a GPU machine). Off: nothing leaves this " +
		"machine.", persist = false)
	private boolean download = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Report", description = "The engine report as text " +
		"or JSON")
	private String report;

	@Override
	protected void execute() {
		final String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
		if (!f.equals("text") && !f.equals("json")) throw new IllegalArgumentException(
			"format: expected text or json, got '" + format + "'");
		final DeviceReport r = DeviceReport.collect(download, SMOKE_BUDGET);
		report = f.equals("json") ? r.toJson() : r.toText();
		info(report);
	}
}
