package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.engine.EngineSession;
import org.transvw.network.BatchNormMode;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.weights.WeightImporter;

/**
 * Imports released TransVW / Models Genesis weights ({@code .pt} / {@code .pth} / {@code .h5})
 * into a model bundle folder, without Python and without executing the file (issue 7). The
 * tensor report (mapped / skipped / missing with shapes) is the output.
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Import pre-trained weights")
public class ImportWeightsCommand extends ContextCommand {

	@Parameter(label = "Input weight file (.pt, .pth, .h5)", style = "open",
		description = "Released TransVW or Models Genesis weights: torch.save file (zip or legacy) " +
			"or Keras HDF5. Never executed.", persist = false)
	private File input;

	@Parameter(label = "Output bundle folder", style = "directory",
		description = "Folder to create (or an existing bundle to replace) with model.json and " +
			"weights.params.", persist = false)
	private File output;

	@Parameter(label = "Flavour of the network", choices = { "auto", "pytorch", "keras" },
		description = "auto = the file's own (pytorch for .pt, keras for .h5). The other flavour " +
			"takes the convolution units only (learned up-sampling and head stay untrained).",
		persist = false)
	private String flavour = "auto";

	@Parameter(label = "Batchnorm statistics at inference", choices = { "auto", "batch",
		"running" }, description = "auto = the reference's: batch statistics for pytorch, running " +
			"statistics for keras.", persist = false)
	private String batchnorm = "auto";

	@Parameter(label = "Report of mapped, skipped and missing tensors", type = ItemIO.OUTPUT,
		description = "Every tensor of the file and of the network with its shape.")
	private String report;

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Override
	public void run() {
		if (input == null || !input.isFile()) {
			cancel("input: expected an existing weight file, got " + input);
			return;
		}
		final Path out = output == null ? null : output.toPath();
		try {
			if (out == null || Files.exists(out) && !Files.isDirectory(out) || Files.isDirectory(
				out) && !Files.exists(out.resolve(ModelBundle.DESCRIPTION)) && nonEmpty(out))
			{
				cancel("output: expected a new folder or an existing bundle, got " + output);
				return;
			}
			final WeightImporter.Options options = new WeightImporter.Options(choice(Flavour.class,
				flavour, "flavour"), choice(BatchNormMode.class, batchnorm, "batchnorm"));
			status.showStatus("TransVW: reading " + input.getName());
			final WeightImporter.Imported w = WeightImporter.read(input.toPath(), options);
			if (isCanceled()) return;
			status.showStatus("TransVW: writing bundle " + out.getFileName());
			EngineSession.engine();
			WeightImporter.toBundle(w, out, EngineSession.device("cpu"));
			report = "network: " + w.config() + "\n" + w.report();
			log.info("Imported " + input + " into " + out + " (" + w.report().mapped().size() +
				" tensors mapped)");
			status.showStatus("TransVW: imported " + input.getName());
		}
		catch (final IOException | IllegalArgumentException ex) {
			// bad files and bad choices are user errors: the message names the file / tensor / key
			cancel(ex.getMessage());
		}
	}

	private static boolean nonEmpty(final Path dir) throws IOException {
		try (var s = Files.list(dir)) {
			return s.findAny().isPresent();
		}
	}

	private static <E extends Enum<E>> E choice(final Class<E> type, final String value,
		final String key)
	{
		if (value == null || value.equalsIgnoreCase("auto")) return null;
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException ex) {
			throw new IllegalArgumentException(key + ": expected auto or one of " + java.util.Arrays
				.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got " + value, ex);
		}
	}
}
