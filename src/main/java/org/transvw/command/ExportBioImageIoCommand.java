package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.engine.EngineSession;
import org.transvw.imagej.ImagePlusBridge;
import org.transvw.inference.TestTile;
import org.transvw.network.ModelBundle;
import org.transvw.network.export.BioImageIoExporter;

import ij.ImagePlus;

/**
 * Writes a fine-tuned segmentation bundle as a BioImage.IO model package (a zip; spec 0.5), tested
 * on the centre tile of a raw image like the training data (docs/beyond.md). Macro:
 * <pre>
 * run("Export to BioImage.IO", "bundle=[/models/lesions] file=[/data/case_009.nii.gz] output=[/models/lesions.bioimage.io.zip] name=[Lung lesions] description=[...] authors=[A. Author, B. Author] license=CC-BY-4.0");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Export to BioImage.IO")
public class ExportBioImageIoCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter(persist = false, label = "Bundle to export", style = "directory",
		description = "A segmentation bundle (PyTorch flavour) written by Fine-tune (segmentation)")
	private File bundle;

	@Parameter(label = "Input test image (or give a file)", required = false, persist = false,
		description = "An open raw 3D image like the training data; its centre tile is the test input")
	private ImagePlus input;

	@Parameter(label = "File of the test image (optional)", style = "open", required = false,
		persist = false, description = "A raw volume file to take the test tile from instead")
	private File file;

	@Parameter(persist = false, label = "Output zip file", style = "save",
		description = "The package to write, e.g. model.bioimage.io.zip")
	private File output;

	@Parameter(persist = false, label = "Name of the model", description = "Shown by model zoos")
	private String name = "TransVW segmentation";

	@Parameter(persist = false, label = "Description (one sentence)",
		description = "What the model segments, in which images")
	private String description = "3D segmentation fine-tuned from TransVW with TransVW for Fiji.";

	@Parameter(persist = false, label = "Authors (comma-separated)",
		description = "Who trained the model")
	private String authors = "";

	@Parameter(persist = false, label = "License of the weights (SPDX id)",
		description = "e.g. CC-BY-4.0, BSD-2-Clause, CC0-1.0")
	private String license = "CC-BY-4.0";

	@Parameter(persist = false, label = "Replace an existing zip",
		description = "Overwrite the output file if it exists (off: refuse)")
	private boolean replace;

	@Parameter(label = "Report of the packaged files", type = ItemIO.OUTPUT,
		description = "Every file of the package with its SHA-256")
	private String report;

	@Override
	public void run() {
		try {
			if (bundle == null) throw new IllegalArgumentException("bundle: expected a bundle folder");
			if (output == null || output.getPath().isEmpty()) throw new IllegalArgumentException(
				"output: expected a zip file to write");
			if (Files.exists(output.toPath()) && !replace) throw new IllegalArgumentException(
				"output: " + output + " exists; choose another file or set replace");
			final boolean fromFile = file != null && !file.getPath().isEmpty();
			if (!fromFile && input == null) throw new IllegalArgumentException(
				"input: expected an open test image or a file, got neither");
			final Volume v = fromFile ? VolumeIO.read(file.toPath(), 3) : ImagePlusBridge.toVolume(
				input);
			status.showStatus("TransVW: exporting " + bundle.getName());
			EngineSession.engine();
			try (ModelBundle b = ModelBundle.load(bundle.toPath(), EngineSession.device("cpu"))) {
				final BioImageIoExporter.Export ex = BioImageIoExporter.export(b, TestTile.of(v, b
					.description().normalization(), b.description().patch()),
					new BioImageIoExporter.Metadata(name, description, Arrays.asList(authors.split(",")),
						license), output.toPath());
				final StringBuilder sb = new StringBuilder("wrote " + ex.zip() + "\n");
				ex.sha256().forEach((f, h) -> sb.append("  ").append(f).append("  sha256 ").append(h)
					.append('\n'));
				report = sb.toString();
			}
			status.showStatus("TransVW: exported " + output.getName());
		}
		catch (final IllegalArgumentException | IOException e) {
			cancel(e.getMessage());
		}
	}
}
