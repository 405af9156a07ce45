package org.transvw.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;
import org.transvw.finetuning.FineTuneData;
import org.transvw.finetuning.SegmentationData;
import org.transvw.finetuning.SegmentationFineTuneConfig;
import org.transvw.network.BundleDescription;

import ai.djl.Device;

/**
 * The annotation-efficiency study of a segmentation task, end to end: checks everything before
 * any cell runs (bundles, fractions, test set, leakage, output folder), prepares the collection
 * once (one {@code InputPlan} for every cell: all initialisations see the same data; with
 * bundles, the first bundle's inputs decide the auto choices, as in fine-tuning from it), runs
 * the cells that are not finished ({@link AnnotationStudy}) and aggregates whatever is finished
 * ({@link StudySummary}, {@link StudyReport}); the figures are drawn by {@code figures}. The
 * classification counterpart is {@link ClassificationStudy}.
 */
public final class SegmentationStudy {

	/**
	 * What to run.
	 *
	 * @param config the fine-tuning settings (fraction 1; the seed is the study seed)
	 * @param sources images, labels and the optional test collection
	 * @param split validation share, test share (without a test collection), seed
	 * @param bundles the pre-trained bundles compared with scratch
	 * @param fractions percent of the training cases, e.g. 10, 25, 50, 100
	 * @param seeds repetitions per initialisation and fraction
	 * @param slices label every N-th slice of the training cases (0 = as given)
	 * @param cell the one cell to run, or -1 for every unfinished cell
	 * @param merge aggregate only, run nothing
	 * @param output the study folder
	 * @param overwrite redo cells of other settings instead of refusing
	 */
	public record Request(SegmentationFineTuneConfig config, SegmentationData.Sources sources,
		SegmentationData.Split split, InputOptions inputs, List<Path> bundles, double[] fractions,
		int seeds, int slices, int cell, boolean merge, Path output, boolean overwrite, int classes)
	{

		public Request {
			Checks.notNull(config, "config");
			Checks.notNull(sources, "sources");
			Checks.notNull(split, "split");
			Checks.notNull(inputs, "inputs");
			bundles = List.copyOf(bundles);
			fractions = StudyDesign.checkFractions(fractions);
			Checks.inRange(seeds, 1, 1000, "seeds");
			Checks.inRange(slices, 0, 100_000, "slices");
			Checks.require(cell >= -1, "cell", "a cell number >= 0, or -1 for every cell, got " + cell);
			Checks.require(!(merge && cell >= 0), "merge", "either merge (aggregate only) or cell=N " +
				"(run one cell), not both");
			Checks.require(sources.testImages() != null || split.test() > 0, "test", "a held-out " +
				"test set: the study scores every cell on it; give testimages and testlabels, or " +
				"test= a share in (0, 1)");
		}
	}

	private SegmentationStudy() {}

	public static AnnotationStudy.Result run(final Request q, final Supplier<Device> device,
		final AnnotationStudy.Figures figures, final Progress progress, final Cancellation cancel,
		final Consumer<String> log, final Consumer<InputPlan> plan) throws IOException
	{
		final List<Arm> arms = Initialisations.of(q.bundles(), q.config().patch());
		final StudyDesign design = new StudyDesign(arms, q.fractions(), q.seeds(), q.split().seed());
		if (q.cell() >= 0) design.cell(q.cell()); // the range check, before any work
		final Map<String, Object> data = dataKey(q);
		final OutputFolder out = OutputFolder.resume(q.output(), "output", q.overwrite(), StudyReport.FILES);
		final AnnotationStudy study = new AnnotationStudy(design, new CellStore(out), SegmentationCells
			.settings(q.config(), q.slices(), data), q.overwrite());
		return study.execute(q.cell(), q.merge(), p -> {
			final Device dev = device.get();
			final BundleDescription first = arms.size() > 1 ? Initialisations.describe(arms.get(1)
				.bundle()) : null;
			final FineTuneData d = SegmentationData.read(q.sources(), q.inputs(), first == null ? null
				: first.input(), q.split(), p, cancel);
			plan.accept(d.plan());
			d.requireClasses(q.classes());
			log.accept(String.format(Locale.ROOT, "study: %d training, %d validation, %d test " +
				"cases; %d cells (%d initialisations x %d fractions x %d seeds) in %s", d.train().size(),
				d.validation().size(), d.test().size(), design.cells().size(), arms.size(), design
					.fractions().length, design.seeds(), out.dir()));
			return new AnnotationStudy.Prepared(d.train().size(), new SegmentationCells(q.config(), d,
				q.slices(), dev, cancel));
		}, out, describe(q, arms), figures, progress, cancel, log);
	}

	/**
	 * What identifies the data of the cells: the content of every volume (SHA-256), the split and
	 * the input options; a test collection sharing a volume with the training one is refused.
	 */
	private static Map<String, Object> dataKey(final Request q) throws IOException {
		final SegmentationData.Sources s = q.sources();
		final Map<String, Object> m = new LinkedHashMap<>();
		final Map<String, String> images = Leakage.fingerprints(s.images());
		m.put("images", images);
		m.put("labels", Leakage.fingerprints(s.labels()));
		if (s.testImages() != null) {
			final Map<String, String> test = Leakage.fingerprints(s.testImages());
			Leakage.requireDisjoint(images, s.images(), test, s.testImages());
			m.put("testImages", test);
			m.put("testLabels", Leakage.fingerprints(s.testLabels()));
		}
		else m.put("testShare", q.split().test());
		m.put("validationShare", q.split().validation());
		m.put("splitSeed", q.split().seed());
		m.put("inputs", q.inputs().toMap());
		m.put("classes", q.classes());
		return m;
	}

	private static String describe(final Request q, final List<Arm> arms) {
		final StringBuilder sb = new StringBuilder("Initialisations: ");
		for (int i = 0; i < arms.size(); i++)
			sb.append(i == 0 ? "" : ", ").append(arms.get(i).name()).append(arms.get(i)
				.isScratch() ? "" : " (" + arms.get(i).bundle() + ")");
		sb.append(String.format(Locale.ROOT, ". Fine-tuning: patch %s, %d epochs max, patience %d, " +
			"batch %d, lr %s, width %d (scratch), slices %s.", java.util.Arrays.toString(q.config()
				.patch()), q.config().training().maxEpochs(), q.config().training().patience(), q
					.config().training().batch(), Statistics.format(q.config().training().learningRate()), q
						.config().baseWidth(), q.slices() <= 1 ? "all" : "every " + q.slices() + "th"));
		return sb.toString();
	}
}
