package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.engine.EngineSession;
import org.transvw.network.ModelBundle;
import org.transvw.network.export.BioImageIoImporter;

/**
 * Reads a package written by <em>Export to BioImage.IO</em> back into a model bundle (hashes
 * checked, nothing from the package executed); the bundle folder goes through the output guard
 * like every bundle. Macro:
 * <pre>
 * run("Import from BioImage.IO", "input=[/models/lesions.bioimage.io.zip] output=[/models/lesions-again]");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Import from BioImage.IO")
public class ImportBioImageIoCommand extends TransVwCommand {

	@Parameter(persist = false, label = "Input package (.zip)", style = "open",
		description = "A BioImage.IO zip written by Export to BioImage.IO")
	private File input;

	@Parameter(persist = false, label = SharedParameters.OUTPUT_BUNDLE_LABEL, style = "directory",
		description = "Folder the bundle (model.json, weights.params, model-card.md) is written to")
	private File output;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Report of the imported tensors", type = ItemIO.OUTPUT,
		description = "The network and every tensor mapped, skipped or missing")
	private String report;

	@Override
	protected void execute() throws IOException {
		final Path zip = Inputs.file(input, "input", "a BioImage.IO package (.zip) written by " +
			"Export to BioImage.IO");
		final OutputFolder out = OutputFolder.prepare(Inputs.optional(output), "output", overwrite,
			ModelBundle.FILES);
		status("TransVW: importing " + zip.getFileName());
		EngineSession.engine();
		final BioImageIoImporter.Imported imp = BioImageIoImporter.toBundle(zip, out.dir(),
			EngineSession.device("cpu"));
		report = "network: " + imp.description().network() + "\n" + imp.report();
		info("Imported " + zip + " into " + out.dir());
		status("TransVW: imported " + zip.getFileName());
	}
}
