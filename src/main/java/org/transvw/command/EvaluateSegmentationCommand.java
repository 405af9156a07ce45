package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.IntensityRecipe;
import org.transvw.evaluation.SegmentationEvaluation;
import org.transvw.evaluation.SegmentationReport;
import org.transvw.evaluation.SegmentationScores;
import org.transvw.finetuning.LabelledFolders;

import ij.measure.ResultsTable;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Scores a folder of predictions (probabilities or 0/1 masks) against a folder of labels matched
 * by file name: Dice, IoU (at 0.5) and the Models Genesis mean IoU per case and pooled, as a
 * results table and a CSV file. Macro:
 * <pre>
 * run("Evaluate segmentation", "predictions=[/out/pred] labels=[/data/labels] csv=[/out/metrics.csv]");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Evaluate segmentation")
public class EvaluateSegmentationCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter(persist = false, label = "Predictions folder", style = "directory",
		description = "Predicted probabilities or masks, one volume per case, named like the labels")
	private File predictions;

	@Parameter(persist = false, label = "Labels folder", style = "directory",
		description = "Ground-truth masks (foreground > 0.5)")
	private File labels;

	@Parameter(persist = false, label = "Csv file to write (optional)", style = "save", required = false,
		description = "Per-case and pooled scores as CSV: case,dice,iou,mean_iou,tp,fp,fn,tn")
	private File csv;

	@Parameter(label = "Table", type = ItemIO.OUTPUT, description = "Per-case and pooled scores")
	private ResultsTable table;

	@Parameter(label = "Dice pooled", type = ItemIO.OUTPUT,
		description = "Dice over all cases pooled")
	private double dice;

	@Parameter(label = "Iou pooled", type = ItemIO.OUTPUT, description = "IoU over all cases pooled")
	private double iou;

	@Override
	public void run() {
		final Progress progress = StatusProgress.of(status);
		final Cancellation cancel = Cancellation.of(this::isCanceled);
		try {
			if (predictions == null || labels == null) throw new IllegalArgumentException(
				"predictions, labels: expected two folders");
			final List<LabelledFolders.Pair> pairs = LabelledFolders.read(predictions.toPath(), labels
				.toPath(), IntensityRecipe.none(), progress.subRange(0, 0.5), cancel);
			final SegmentationReport r = SegmentationEvaluation.evaluate(
				new SegmentationEvaluation.CaseSource() {

					@Override
					public int size() {
						return pairs.size();
					}

					@Override
					public String name(final int i) {
						return pairs.get(i).name();
					}

					@Override
					public RandomAccessibleInterval<? extends RealType<?>> prediction(final int i) {
						return pairs.get(i).image().pixels();
					}

					@Override
					public RandomAccessibleInterval<? extends RealType<?>> truth(final int i) {
						return pairs.get(i).labels().pixels();
					}
				}, progress.subRange(0.5, 1), cancel);
			if (csv != null && !csv.getPath().isEmpty()) r.writeCsv(csv.toPath());
			table = new ResultsTable();
			for (final SegmentationScores s : r.cases())
				addRow(s);
			addRow(r.pooled());
			dice = r.pooled().dice();
			iou = r.pooled().iou();
			status.showStatus(String.format(Locale.ROOT, "%d cases: pooled Dice %.4f, IoU %.4f", r
				.cases().size(), dice, iou));
		}
		catch (final IllegalArgumentException | IOException e) {
			cancel(e.getMessage());
		}
		catch (final CancellationException e) {
			cancel("cancelled");
		}
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
