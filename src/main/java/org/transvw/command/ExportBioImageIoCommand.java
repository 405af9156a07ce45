package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.Volume;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.io.VolumeIO;
import org.transvw.engine.EngineSession;
import org.transvw.inference.SegmentationBundle;
import org.transvw.inference.TestTile;
import org.transvw.network.ModelBundle;
import org.transvw.network.export.BioImageIoExporter;

import ij.ImagePlus;

/**
 * Writes a fine-tuned segmentation bundle as a BioImage.IO model package (a zip; spec 0.5), tested
 * on the centre tile of a raw image like the training data (docs/beyond.md). The zip goes through
 * the output guard: an earlier export is replaced only with {@code overwrite}, a file TransVW did
 * not write never. Macro:
 * <pre>
 * run("Export to BioImage.IO", "bundle=[/models/lesions] file=[/data/case_009.nii.gz] output=[/models/lesions.bioimage.io.zip] name=[Lung lesions] description=[...] authors=[A. Author, B. Author] license=CC-BY-4.0");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Export to BioImage.IO")
public class ExportBioImageIoCommand extends TransVwCommand {

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

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Report of the packaged files", type = ItemIO.OUTPUT,
		description = "Every file of the package with its SHA-256")
	private String report;

	@Override
	protected void execute() throws IOException {
		final Path model = Inputs.folder(bundle, "bundle", "a segmentation bundle folder");
		final Path zip = zip();
		final BioImageIoExporter.Metadata meta = new BioImageIoExporter.Metadata(name, description,
			Arrays.asList(authors == null ? new String[0] : authors.split(",")), license);
		final Path path = Inputs.optional(file) == null ? null : Inputs.existing(file, "file",
			"a raw volume file (NIfTI, TIFF) or DICOM series folder");
		final Volume v = path != null ? VolumeIO.read(path, 3) : Inputs.volume(input, "input", 3);
		status("TransVW: exporting " + model.getFileName());
		EngineSession.engine();
		try (ModelBundle b = SegmentationBundle.load(model, EngineSession.device("cpu"))) {
			final BioImageIoExporter.Export ex = BioImageIoExporter.export(b, TestTile.of(v, b
				.description().normalization(), b.description().patch()), meta, zip);
			final StringBuilder sb = new StringBuilder("wrote " + ex.zip() + "\n");
			ex.sha256().forEach((f, h) -> sb.append("  ").append(f).append("  sha256 ").append(h)
				.append('\n'));
			report = sb.toString();
		}
		status("TransVW: exported " + zip.getFileName());
	}

	/** The output zip, checked by the guard before any work. */
	private Path zip() throws IOException {
		final Path p = Inputs.optional(output);
		if (p != null && !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip"))
			throw new IllegalArgumentException("output: expected a .zip file name (a BioImage.IO " +
				"package is a zip), got " + p);
		return OutputFolder.prepareFile(p, "output", overwrite);
	}
}
