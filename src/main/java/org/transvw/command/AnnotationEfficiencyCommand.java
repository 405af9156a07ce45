package org.transvw.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.imagej.StudyPlots;
import org.transvw.network.NetworkChoice;
import org.transvw.common.Checks;
import org.transvw.finetuning.ClassificationFineTuneConfig;
import org.transvw.finetuning.SegmentationData;
import org.transvw.study.AnnotationStudy;
import org.transvw.study.ClassificationStudy;
import org.transvw.study.SegmentationStudy;
import org.transvw.study.StudyDesign;
import org.transvw.study.StudyTask;

/**
 * The annotation-efficiency study (docs/study.md): fine-tunes from scratch and from each
 * bundle on nested label fractions with several seeds, scores every cell on the held-out test
 * set, and writes the table with paired tests against scratch, the annotation saving, plots and
 * a report. The fine-tuning keys are those of Fine-tune (segmentation); {@code task=classification}
 * reads a candidates {@code table} (and {@code testtable}) instead and scores by ROC AUC. Macro:
 * <pre>
 * run("Annotation-efficiency study", "images=[/data/images] labels=[/data/labels] testimages=[/data/test/images] testlabels=[/data/test/labels] bundles=[/models/transvw] output=[/studies/lesions] fractions=10,25,50,100 seeds=5 patch=64,64,32 classes=2 epochs=100 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Annotation-efficiency study")
public class AnnotationEfficiencyCommand extends SegmentationFineTuneParameters {

	@Parameter(label = "Task of the study", choices = { "segmentation", "classification" },
		persist = false, description = "segmentation (images + labels folders; test Dice and " +
			"IoU); classification (a candidates table; test ROC AUC and accuracy)")
	private String task = "segmentation";

	@Parameter(persist = false, label = "Table of candidates (classification)", style = "open",
		required = false, description = "table: CSV with header image,x,y,z,label (voxel " +
			"centres; paths relative to the CSV), as for Fine-tune (classification)")
	private File table;

	@Parameter(persist = false, label = "Testtable: held-out candidates (classification, " +
		"optional)", style = "open", required = false, description = "testtable: candidates of " +
			"other volumes, scored once by every cell; or test= a share of the source volumes")
	private File testtable;

	@Parameter(persist = false, label = "Bundles compared with scratch (comma-separated folders)",
		required = false, description = "Pre-trained model bundles, e.g. [/models/transvw," +
			"/models/genesis]; scratch (random initialisation) is always compared; empty = scratch only")
	private String bundles = "";

	@Parameter(persist = false, label = "Output study folder", style = "directory",
		description = "Folder of the study: cells/ (one folder per cell), study.csv, report.md, " +
			"plots; a rerun into it resumes (finished cells are kept)")
	private File output;

	@Parameter(label = "Fractions of labelled training cases (percent)", persist = false,
		description = "fractions in (0, 100], e.g. 10,25,50,100; nested: for one seed the 10 % " +
			"subset lies inside the 25 % one; every initialisation gets the same subset")
	private String fractions = "10,25,50,100";

	@Parameter(label = "Seeds per initialisation and fraction", min = "1", max = "1000",
		persist = false, description = "seeds: repetitions (subset, patches, new layers) per " +
			"cell; the paired tests pair them")
	private int seeds = 5;

	@Parameter(label = "Slices: label every N-th slice of the training cases (0 = all)", min = "0",
		max = "100000", persist = false, description = "slices: a sparse-label budget per case; " +
			"the other slices count as unlabelled (255)")
	private int slices = 0;

	@Parameter(label = "Cell number to run alone (-1 = every unfinished cell)", min = "-1",
		persist = false, description = "cell: 0-based cell number (a cluster job array's task " +
			"id); runs that cell only, no aggregate (merge afterwards)")
	private int cell = -1;

	@Parameter(label = "Merge finished cells only (run none)", persist = false,
		description = "merge: aggregate whatever cells are finished into the table, plots and report")
	private boolean merge;

	@Parameter(label = "Summary: the study table (Markdown)", type = ItemIO.OUTPUT,
		description = "Per initialisation and fraction: test Dice and IoU, p-values vs scratch")
	private String summary;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was run and written")
	private String report;

	@Override
	protected void execute() throws IOException {
		final StudyTask kind = StudyTask.of(task);
		if (fresh) throw new IllegalArgumentException("fresh: the study keeps no checkpoints to " +
			"start over from (every cell trains afresh); to run cells again, remove their folders " +
			"under cells/ or choose another output folder");
		final AnnotationStudy.Result r = kind == StudyTask.CLASSIFICATION ? classification()
			: SegmentationStudy.run(new SegmentationStudy.Request(config(1, NetworkChoice.UNET3D),
				sources(), split(), inputs(), paths(bundles), StudyDesign.parseFractions(fractions),
				seeds, slices, cell, merge, Inputs.optional(output), overwrite, classes()), this::device,
				StudyPlots::save, progress(), cancellation(), this::info, this::log);
		summary = r.summary() == null ? "" : String.join("\n", r.summary().markdownTable());
		report = String.format(Locale.ROOT, "study %s: %d cells run, %d already finished; %s",
			output, r.outcome().ran(), r.outcome().skipped(), r.summary() == null ? "merge later " +
				"(run without cell=, or with merge)" : r.summary().finishedCells() + " of " + r.cells() +
					" cells finished, table in " + output + "/study.csv");
		if (r.summary() != null && !GraphicsEnvironment.isHeadless()) StudyPlots.table(r.summary())
			.show("Annotation-efficiency study");
		info(report);
		status(report);
	}

	/**
	 * The classification study: the candidates tables, the cube ({@code patch}), {@code classes},
	 * the training keys, and {@code freeze} as linear evaluation of the bundles.
	 */
	private AnnotationStudy.Result classification() throws IOException {
		Checks.require(slices == 0, "slices", "0 in a classification study (a slice budget is " +
			"for segmentation labels), got " + slices);
		final SegmentationData.Split split = split();
		final Path csv = Inputs.optional(table);
		if (csv == null) throw new IllegalArgumentException("table: expected a candidates CSV " +
			"(image,x,y,z,label) for task=classification, got none");
		if (!Files.isRegularFile(csv)) throw new IllegalArgumentException("table: expected a " +
			"candidates CSV file, got " + csv + " (no such file)");
		final Path testCsv = Inputs.optional(testtable);
		if (testCsv != null && !Files.isRegularFile(testCsv)) throw new IllegalArgumentException(
			"testtable: expected a candidates CSV file, got " + testCsv + " (no such file)");
		final ClassificationFineTuneConfig config = new ClassificationFineTuneConfig(Patches.parse(
			patchText()), classes(), freeze(), true, width, null, training(
				ClassificationFineTuneConfig.defaultTraining()));
		return ClassificationStudy.run(new ClassificationStudy.Request(config, csv, testCsv, split
			.validation(), split.test(), seed, inputs(), paths(bundles), StudyDesign.parseFractions(
				fractions), seeds, cell, merge, Inputs.optional(output), overwrite), this::device,
			StudyPlots::save, progress(), cancellation(), this::info, this::log);
	}

	/** "[/a,/b]" or "/a, /b" -> the folders (empty: none). */
	static List<Path> paths(final String text) {
		final List<Path> out = new ArrayList<>();
		if (text == null) return out;
		String t = text.trim();
		if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
		for (final String s : t.split("[,;]"))
			if (!s.isBlank()) out.add(Path.of(s.trim()));
		return out;
	}
}
