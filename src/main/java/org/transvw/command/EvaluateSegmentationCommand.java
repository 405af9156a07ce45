package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.evaluation.SegmentationEvaluation;
import org.transvw.evaluation.SegmentationReport;
import org.transvw.evaluation.SegmentationScores;
import org.transvw.finetuning.LabelledFolders;

import ij.measure.ResultsTable;

/**
 * Scores a folder of predictions (probabilities or 0/1 masks) against a folder of labels matched
 * by file name: Dice, IoU (at 0.5) and the Models Genesis mean IoU per case and pooled, as a
 * results table and a CSV file. Macro:
 * <pre>
 * run("Evaluate segmentation", "predictions=[/out/pred] labels=[/data/labels] csv=[/out/metrics.csv]");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Evaluate segmentation")
public class EvaluateSegmentationCommand extends TransVwCommand {

	@Parameter(persist = false, label = "Predictions folder", style = "directory",
		description = "Predicted probabilities or masks, one volume per case, named like the labels")
	private File predictions;

	@Parameter(persist = false, label = "Labels folder", style = "directory",
		description = "Ground-truth masks (foreground > 0.5)")
	private File labels;

	@Parameter(persist = false, label = "Csv file to write (optional)", style = "save",
		required = false, description = "Per-case and pooled scores as CSV: " +
			"case,dice,iou,mean_iou,tp,fp,fn,tn")
	private File csv;

	@Parameter(label = SharedParameters.VOXEL_LABEL, required = false, persist = false,
		description = SharedParameters.VOXEL_DESCRIPTION)
	private String voxel = "";

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Table", type = ItemIO.OUTPUT, description = "Per-case and pooled scores")
	private ResultsTable table;

	@Parameter(label = "Dice pooled", type = ItemIO.OUTPUT,
		description = "Dice over all cases pooled")
	private double dice;

	@Parameter(label = "Iou pooled", type = ItemIO.OUTPUT, description = "IoU over all cases pooled")
	private double iou;

	@Override
	protected void execute() throws IOException {
		final Path pred = Inputs.folder(predictions, "predictions", "a folder of predicted volumes");
		final Path truth = Inputs.folder(labels, "labels", "a folder of label volumes");
		final Path out = Inputs.optional(csv) == null ? null : OutputFolder.prepareFile(csv
			.toPath(), "csv", overwrite);
		final List<LabelledFolders.Pair> pairs = LabelledFolders.read(pred, truth, SharedParameters
			.voxel(voxel), progress().subRange(0, 0.5), cancellation());
		final SegmentationReport r = SegmentationEvaluation.evaluate(LabelledFolders.asCases(pairs),
			progress().subRange(0.5, 1), cancellation());
		if (out != null) OutputFolder.writeFile(out, r.csvLines());
		table = new ResultsTable();
		for (final SegmentationScores s : r.cases())
			addRow(s);
		addRow(r.pooled());
		dice = r.pooled().dice();
		iou = r.pooled().iou();
		status(String.format(Locale.ROOT, "%d cases: pooled Dice %.4f, IoU %.4f", r.cases().size(),
			dice, iou));
	}

	private void addRow(final SegmentationScores s) {
		table.incrementCounter();
		table.addValue("case", s.name());
		table.addValue("dice", s.dice());
		table.addValue("iou", s.iou());
		table.addValue("mean_iou", s.meanIou());
		table.addValue("tp", s.counts().tp());
		table.addValue("fp", s.counts().fp());
		table.addValue("fn", s.counts().fn());
	}
}
