package org.transvw.command;

import java.awt.GraphicsEnvironment;
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
import org.transvw.imagej.StudyPlots;
import org.transvw.network.NetworkChoice;
import org.transvw.study.SegmentationStudy;
import org.transvw.study.StudyDesign;

/**
 * The annotation-efficiency study (docs/study.md): fine-tunes from scratch and from each
 * bundle on nested label fractions with several seeds, scores every cell on the held-out test
 * set, and writes the table with paired tests against scratch, the annotation saving, plots and
 * a report. The fine-tuning keys are those of Fine-tune (segmentation). Macro:
 * <pre>
 * run("Annotation-efficiency study", "images=[/data/images] labels=[/data/labels] testimages=[/data/test/images] testlabels=[/data/test/labels] bundles=[/models/transvw] output=[/studies/lesions] fractions=10,25,50,100 seeds=5 patch=64,64,32 classes=2 epochs=100 device=auto");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Annotation-efficiency study")
public class AnnotationEfficiencyCommand extends SegmentationFineTuneParameters {

	@Parameter(label = "Task of the study", choices = { "segmentation", "classification" },
		persist = false, description = "segmentation (test Dice and IoU); classification (AUC) " +
			"is not implemented yet and refused")
	private String task = "segmentation";

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

	@Parameter(label = "Table of the study (Markdown)", type = ItemIO.OUTPUT,
		description = "Per initialisation and fraction: test Dice and IoU, p-values vs scratch")
	private String table;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was run and written")
	private String report;

	@Override
	protected void execute() throws IOException {
		if (!task.equals("segmentation")) throw new IllegalArgumentException("task: the " +
			"classification study (AUC) is not implemented; use task=segmentation");
		if (fresh) throw new IllegalArgumentException("fresh: the study keeps no checkpoints to " +
			"start over from (every cell trains afresh); to run cells again, remove their folders " +
			"under cells/ or choose another output folder");
		final SegmentationStudy.Result r = SegmentationStudy.run(new SegmentationStudy.Request(config(
			1, NetworkChoice.UNET3D), sources(), split(), inputs(), paths(bundles), StudyDesign.parseFractions(fractions),
			seeds, slices, cell, merge, Inputs.optional(output), overwrite, classes()), this::device,
			StudyPlots::save, progress(), cancellation(), this::info, this::log);
		table = r.summary() == null ? "" : String.join("\n", r.summary().markdownTable());
		report = String.format(Locale.ROOT, "study %s: %d cells run, %d already finished; %s",
			output, r.outcome().ran(), r.outcome().skipped(), r.summary() == null ? "merge later " +
				"(run without cell=, or with merge)" : r.summary().finishedCells() + " of " + r.cells() +
					" cells finished, table in " + output + "/study.csv");
		if (r.summary() != null && !GraphicsEnvironment.isHeadless()) StudyPlots.table(r.summary())
			.show("Annotation-efficiency study");
		info(report);
		status(report);
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
