package org.transvw.command;

import java.io.File;
import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.engine.EngineSession;
import org.transvw.network.BatchNormMode;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.weights.WeightImporter;

/**
 * Imports released TransVW / Models Genesis weights ({@code .pt} / {@code .pth} / {@code .h5})
 * into a model bundle folder, without Python and without executing the file (issue 7). The
 * tensor report (mapped / skipped / missing with shapes) is the output. Macro:
 * <pre>
 * run("Import pre-trained weights", "input=[/models/TransVW_chest_ct.pt] output=[/models/transvw] flavour=auto batchnorm=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Import pre-trained weights")
public class ImportWeightsCommand extends TransVwCommand {

	@Parameter(label = "Input weight file (.pt, .pth, .h5)", style = "open",
		description = "Released TransVW or Models Genesis weights: torch.save file (zip or legacy) " +
			"or Keras HDF5. Never executed.", persist = false)
	private File input;

	@Parameter(label = SharedParameters.OUTPUT_BUNDLE_LABEL, style = "directory",
		description = "Folder the bundle (model.json, weights.params, model-card.md) is written to",
		persist = false)
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

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Report of mapped, skipped and missing tensors", type = ItemIO.OUTPUT,
		description = "Every tensor of the file and of the network with its shape.")
	private String report;

	@Override
	protected void execute() throws IOException {
		if (input == null || !input.isFile()) throw new IllegalArgumentException(
			"input: expected an existing weight file, got " + input);
		final WeightImporter.Options options = new WeightImporter.Options(Choices.orAuto(
			Flavour.class, flavour, "flavour"), Choices.orAuto(BatchNormMode.class, batchnorm,
				"batchnorm"));
		final OutputFolder out = OutputFolder.prepare(output == null ? null : output.toPath(),
			"output", overwrite, ModelBundle.FILES);
		status("TransVW: reading " + input.getName());
		final WeightImporter.Imported w = WeightImporter.read(input.toPath(), options);
		cancellation().check();
		EngineSession.engine();
		WeightImporter.toBundle(w, out.dir(), EngineSession.device("cpu"));
		report = "network: " + w.config() + "\n" + w.report();
		info("Imported " + input + " into " + out.dir() + " (" + w.report().mapped().size() +
			" tensors mapped)");
		status("TransVW: imported " + input.getName());
	}
}
