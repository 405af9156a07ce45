package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.prepare.InputOptions;
import org.transvw.finetuning.Candidates;
import org.transvw.finetuning.ClassifierBundle;
import org.transvw.finetuning.CubeSources;
import org.transvw.finetuning.ImageLabels;

import ij.measure.ResultsTable;

/**
 * Classifies candidate locations with a classifier bundle: one probability per candidate (per
 * class for more than two classes), as a results table and a CSV. The table is either a
 * candidates table {@code image,x,y,z[,label]} (cubes around coordinates in volumes, for a 3D
 * classifier) or a per-image table {@code file[,label[,patient]]} (each image classified whole,
 * prepared as Fine-tune (classification) prepared its training images: 2D images for a 2D
 * classifier, whole volumes for a 3D one; the label column is ignored), answered one row per
 * image: {@code file,probability} or {@code file,p0..pC-1}. Macro:
 * <pre>
 * run("Classify candidates", "table=[/data/candidates.csv] bundle=[/models/ncc] csv=[/out/probabilities.csv] budget=8 device=auto");
 * run("Classify candidates", "table=[/data/radiographs.csv] bundle=[/models/cls2d] csv=[/out/probabilities.csv] device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Classify candidates")
public class ClassifyCandidatesCommand extends VolumeCommand {

	@Parameter(persist = false, label = "Table of candidates (CSV)", style = "open",
		description = "CSV with header image,x,y,z[,label] (candidates in volumes) or " +
			"file[,label[,patient]] (whole images); paths relative to the CSV")
	private File table;

	@Parameter(persist = false, label = "Bundle of the classifier", style = "directory",
		description = "Classifier bundle written by Fine-tune (classification)")
	private File bundle;

	@Parameter(persist = false, label = "Csv file to write (optional)", style = "save",
		required = false, description = "image,x,y,z,probability (binary) or image,x,y,z,p0..pC-1; " +
			"file,probability or file,p0..pC-1 for a per-image table")
	private File csv;

	@Parameter(label = "Budget of cubes per forward pass", min = "1", max = "4096",
		persist = false, description = "Cubes sent to the device at once; bounds device memory")
	private int budget = 8;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Probabilities", type = ItemIO.OUTPUT,
		description = "One row per candidate with its class probabilities")
	private ResultsTable probabilities;

	@Override
	protected void execute() throws IOException {
		final Path csvTable = Inputs.file(table, "table", "a candidates CSV");
		final boolean images = CubeSources.isImageTableToClassify(csvTable);
		final List<Candidates.Candidate> rows = images ? null : Candidates.read(csvTable);
		final List<ImageLabels.Row> files = images ? ImageLabels.readUnlabelled(csvTable) : null;
		final Path model = Inputs.folder(bundle, "bundle", "a classifier bundle folder");
		final Path out = Inputs.optional(csv) == null ? null : OutputFolder.prepareFile(csv
			.toPath(), "csv", overwrite);
		final InputOptions inputs = inputs();
		final int n = images ? files.size() : rows.size();
		final String what = images ? " images" : " candidates";
		try (ClassifierBundle b = ClassifierBundle.load(model, device())) {
			status("classifying " + n + what);
			final float[][] p;
			if (images) {
				final ClassifierBundle.ImageClassification c = b.classifyImages(files, budget, inputs,
					cancellation());
				log(c.input());
				c.notes().forEach(this::info);
				p = c.probabilities();
				probabilities = imageTable(files, p);
				if (out != null) OutputFolder.writeFile(out, imageCsv(files, p));
			}
			else {
				final ClassifierBundle.Classification c = b.classify(csvTable, rows, budget, inputs,
					cancellation());
				log(c.input());
				p = c.probabilities();
				probabilities = table(rows, p);
				if (out != null) OutputFolder.writeFile(out, Candidates.probabilityCsv(rows, p));
			}
		}
		status("classified " + n + what);
	}

	/** One row per image: file (as the table spells it) and {@link Candidates#probabilityColumns}. */
	private static ResultsTable imageTable(final List<ImageLabels.Row> rows, final float[][] p) {
		final ResultsTable t = new ResultsTable();
		final List<String> columns = Candidates.probabilityColumns(p.length == 0 ? 1 : p[0].length);
		for (int i = 0; i < rows.size(); i++) {
			t.incrementCounter();
			t.addValue("file", rows.get(i).name());
			for (int j = 0; j < columns.size(); j++)
				t.addValue(columns.get(j), p[i][j]);
		}
		return t;
	}

	/** The CSV of classified images: file and {@link Candidates#probabilityColumns}. */
	static List<String> imageCsv(final List<ImageLabels.Row> rows, final float[][] p) {
		final List<String> lines = new ArrayList<>();
		lines.add("file," + String.join(",", Candidates.probabilityColumns(p.length == 0 ? 1
			: p[0].length)));
		for (int i = 0; i < rows.size(); i++) {
			final StringBuilder line = new StringBuilder(rows.get(i).name());
			for (final float v : p[i])
				line.append(String.format(Locale.ROOT, ",%.6f", v));
			lines.add(line.toString());
		}
		return lines;
	}

	private static ResultsTable table(final List<Candidates.Candidate> rows, final float[][] p) {
		final ResultsTable t = new ResultsTable();
		final List<String> columns = Candidates.probabilityColumns(p.length == 0 ? 1 : p[0].length);
		for (int i = 0; i < rows.size(); i++) {
			final Candidates.Candidate c = rows.get(i);
			t.incrementCounter();
			t.addValue("image", c.image().getFileName().toString());
			t.addValue("x", c.x());
			t.addValue("y", c.y());
			t.addValue("z", c.z());
			for (int j = 0; j < columns.size(); j++)
				t.addValue(columns.get(j), p[i][j]);
		}
		return t;
	}
}
