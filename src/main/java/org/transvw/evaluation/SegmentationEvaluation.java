package org.transvw.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Cancellation;
import org.transvw.common.Progress;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Evaluates a test set case by case and pooled: the pooled row sums the voxel counts of every
 * case before taking the ratios, as the reference's {@code iou}/{@code dice} over the
 * concatenated test set (method.md §6).
 * <pre>{@code
 * SegmentationEvaluation e = new SegmentationEvaluation();
 * e.add("case_000", probabilities, labels);
 * SegmentationReport r = e.report();
 * }</pre>
 * Not thread-safe.
 */
public final class SegmentationEvaluation {

	private final List<SegmentationScores> cases = new ArrayList<>();
	private ConfusionCounts pooled = ConfusionCounts.ZERO;
	private MeanIou pooledMeanIou = MeanIou.empty();

	/** Scores one case and adds its counts to the pool; returns the case's scores. */
	public SegmentationScores add(final String name,
		final RandomAccessibleInterval<? extends RealType<?>> prediction,
		final RandomAccessibleInterval<? extends RealType<?>> truth)
	{
		final ConfusionCounts c = ConfusionCounts.of(prediction, truth, ConfusionCounts.HALF);
		final MeanIou m = MeanIou.of(prediction, truth);
		final SegmentationScores s = SegmentationScores.of(name, c, m);
		cases.add(s);
		pooled = pooled.plus(c);
		pooledMeanIou = pooledMeanIou.plus(m);
		return s;
	}

	/** The per-case rows in insertion order and the pooled row. */
	public SegmentationReport report() {
		return new SegmentationReport(List.copyOf(cases), SegmentationScores.of(
			SegmentationScores.POOLED, pooled, pooledMeanIou));
	}

	/** A source of (name, prediction, truth) triples, e.g. two folders matched by file name. */
	public interface CaseSource {

		int size();

		String name(int i);

		RandomAccessibleInterval<? extends RealType<?>> prediction(int i);

		RandomAccessibleInterval<? extends RealType<?>> truth(int i);
	}

	/** Evaluates every case of {@code source}, reporting progress and polling cancellation. */
	public static SegmentationReport evaluate(final CaseSource source, final Progress progress,
		final Cancellation cancel)
	{
		final SegmentationEvaluation e = new SegmentationEvaluation();
		for (int i = 0; i < source.size(); i++) {
			cancel.check();
			progress.report((double) i / source.size(), "evaluating " + source.name(i));
			e.add(source.name(i), source.prediction(i), source.truth(i));
		}
		progress.report(1, "evaluated " + source.size() + " cases");
		return e.report();
	}
}
