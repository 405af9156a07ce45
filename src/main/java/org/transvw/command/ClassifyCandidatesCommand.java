package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.prepare.InputOptions;
import org.transvw.finetuning.Candidates;
import org.transvw.finetuning.ClassifierBundle;

import ij.measure.ResultsTable;

/**
 * Classifies candidate locations with a classifier bundle: one probability per candidate (per
 * class for more than two classes), as a results table and a CSV. Macro:
 * <pre>
 * run("Classify candidates", "table=[/data/candidates.csv] bundle=[/models/ncc] csv=[/out/probabilities.csv] budget=8 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Classify candidates")
public class ClassifyCandidatesCommand extends VolumeCommand {

	@Parameter(persist = false, label = "Table of candidates (CSV)", style = "open",
		description = "CSV with header image,x,y,z[,label]; paths relative to the CSV")
	private File table;

	@Parameter(persist = false, label = "Bundle of the classifier", style = "directory",
		description = "Classifier bundle written by Fine-tune (classification)")
	private File bundle;

	@Parameter(persist = false, label = "Csv file to write (optional)", style = "save",
		required = false, description = "image,x,y,z,probability (binary) or image,x,y,z,p0..pC-1")
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
		final Path model = Inputs.folder(bundle, "bundle", "a classifier bundle folder");
		final Path out = Inputs.optional(csv) == null ? null : OutputFolder.prepareFile(csv
			.toPath(), "csv", overwrite);
		final InputOptions inputs = inputs();
		final List<Candidates.Candidate> rows = Candidates.read(csvTable);
		try (ClassifierBundle b = ClassifierBundle.load(model, device())) {
			status("classifying " + rows.size() + " candidates");
			final ClassifierBundle.Classification c = b.classify(csvTable, rows, budget, inputs,
				cancellation());
			log(c.input());
			final float[][] p = c.probabilities();
			probabilities = table(rows, p);
			if (out != null) OutputFolder.writeFile(out, Candidates.probabilityCsv(rows, p));
		}
		status("classified " + rows.size() + " candidates");
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
