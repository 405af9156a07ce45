package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.engine.EngineSession;
import org.transvw.network.ModelBundle;
import org.transvw.network.export.BioImageIoImporter;

/**
 * Reads a package written by <em>Export to BioImage.IO</em> back into a model bundle (hashes
 * checked, nothing from the package executed). Macro:
 * <pre>
 * run("Import from BioImage.IO", "input=[/models/lesions.bioimage.io.zip] output=[/models/lesions-again]");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Import from BioImage.IO")
public class ImportBioImageIoCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter(persist = false, label = "Input package (.zip)", style = "open",
		description = "A BioImage.IO zip written by Export to BioImage.IO")
	private File input;

	@Parameter(persist = false, label = "Output bundle folder", style = "directory",
		description = "Folder to create (or an existing bundle to replace)")
	private File output;

	@Parameter(label = "Report of the imported tensors", type = ItemIO.OUTPUT,
		description = "The network and every tensor mapped, skipped or missing")
	private String report;

	@Override
	public void run() {
		try {
			if (input == null || !input.isFile()) throw new IllegalArgumentException(
				"input: expected an existing package zip, got " + input);
			final Path out = output == null ? null : output.toPath();
			if (out == null || Files.exists(out) && !onlyBundleFiles(out))
				throw new IllegalArgumentException("output: expected a new folder, an empty one or an " +
					"existing bundle holding nothing but " + ModelBundle.DESCRIPTION + " and " +
					ModelBundle.WEIGHTS + " (it is replaced), got " + output);
			status.showStatus("TransVW: importing " + input.getName());
			EngineSession.engine();
			final BioImageIoImporter.Imported imp = BioImageIoImporter.toBundle(input.toPath(), out,
				EngineSession.device("cpu"));
			report = "network: " + imp.description().network() + "\n" + imp.report();
			status.showStatus("TransVW: imported " + input.getName());
		}
		catch (final IllegalArgumentException | IOException e) {
			cancel(e.getMessage());
		}
	}

	/** Whether replacing {@code p} deletes nothing but a bundle's own two files. */
	private static boolean onlyBundleFiles(final Path p) throws IOException {
		if (!Files.isDirectory(p)) return false;
		try (var s = Files.list(p)) {
			return s.map(f -> f.getFileName().toString()).allMatch(n -> n.equals(
				ModelBundle.DESCRIPTION) || n.equals(ModelBundle.WEIGHTS));
		}
	}
}
