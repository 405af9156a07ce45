package org.transvw.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.data.InputConvention;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;
import org.transvw.finetuning.Candidates;
import org.transvw.finetuning.ClassificationData;
import org.transvw.finetuning.ClassificationFineTuneConfig;
import org.transvw.finetuning.CubeSources;
import org.transvw.finetuning.LabelledCube;
import org.transvw.common.Progress;

import ai.djl.Device;

/**
 * The annotation-efficiency study of a classification task (candidates, as Fine-tune
 * (classification) reads them), end to end, as {@link SegmentationStudy} for segmentation: checks
 * everything before any cell runs, reads the candidates table once (with a held-out test table,
 * whose images are prepared by the training table's plan; or {@code test} of the source volumes
 * held out), splits by source volume (no patient in two sets), runs the unfinished cells
 * ({@link ClassificationCells}: the label fractions are of the training cubes) and aggregates the
 * test AUC and accuracy.
 */
public final class ClassificationStudy {

	/**
	 * What to run.
	 *
	 * @param config the fine-tuning settings (the seed is the study seed)
	 * @param table the labelled candidates table ({@code image,x,y,z,label})
	 * @param testTable the held-out candidates table, or null to hold out {@code test}
	 * @param validation share of the (non-test) source volumes that validate, in (0, 1)
	 * @param test share of the source volumes held out without a test table, in [0, 1)
	 * @param seed the split's and the study's seed
	 */
	public record Request(ClassificationFineTuneConfig config, Path table, Path testTable,
		double validation, double test, long seed, InputOptions inputs, List<Path> bundles,
		double[] fractions, int seeds, int cell, boolean merge, Path output, boolean overwrite)
	{

		public Request {
			Checks.notNull(config, "config");
			Checks.require(table != null, "table", "a candidates CSV (image,x,y,z,label) for the " +
				"classification study");
			Checks.notNull(inputs, "inputs");
			bundles = List.copyOf(bundles);
			fractions = StudyDesign.checkFractions(fractions);
			Checks.inRange(seeds, 1, 1000, "seeds");
			Checks.require(cell >= -1, "cell", "a cell number >= 0, or -1 for every cell, got " + cell);
			Checks.require(!(merge && cell >= 0), "merge", "either merge (aggregate only) or cell=N " +
				"(run one cell), not both");
			Checks.require(testTable != null || test > 0, "test", "a held-out test set: the study " +
				"scores every cell on it; give testtable (a candidates CSV of other volumes), or test= " +
				"a share of the source volumes in (0, 1)");
		}
	}

	private ClassificationStudy() {}

	public static AnnotationStudy.Result run(final Request q, final Supplier<Device> device,
		final AnnotationStudy.Figures figures, final Progress progress, final Cancellation cancel,
		final Consumer<String> log, final Consumer<InputPlan> plan) throws IOException
	{
		final List<Arm> arms = Initialisations.of(q.bundles(), q.config().cube());
		final StudyDesign design = new StudyDesign(arms, q.fractions(), q.seeds(), q.seed());
		if (q.cell() >= 0) design.cell(q.cell()); // the range check, before any work
		final Map<String, Object> data = dataKey(q);
		final OutputFolder out = OutputFolder.resume(q.output(), "output", q.overwrite(),
			StudyReport.FILES);
		final AnnotationStudy study = new AnnotationStudy(design, new CellStore(out,
			StudyTask.CLASSIFICATION), ClassificationCells.settings(q.config(), data), q.overwrite());
		return study.execute(q.cell(), q.merge(), p -> {
			final Device dev = device.get();
			final InputConvention from = arms.size() > 1 ? Initialisations.describe(arms.get(1)
				.bundle()).input() : null;
			final ClassificationData d = read(q, from, cancel);
			plan.accept(d.plan());
			for (final List<LabelledCube> set : List.of(d.train(), d.validation(), d.test()))
				for (final LabelledCube c : set)
					Checks.require(c.label() < q.config().classes(), "classes", q.config().classes() +
						" classes (labels 0.." + (q.config().classes() - 1) + "), but " + c.id() +
						" has label " + c.label());
			log.accept(String.format(Locale.ROOT, "study: %d training, %d validation, %d test " +
				"cubes (%d, %d, %d source volumes); %d cells (%d initialisations x %d fractions x %d " +
				"seeds) in %s", d.train().size(), d.validation().size(), d.test().size(), sources(d
					.train()), sources(d.validation()), sources(d.test()), design.cells().size(), arms
						.size(), design.fractions().length, design.seeds(), out.dir()));
			return new AnnotationStudy.Prepared(d.train().size(), new ClassificationCells(q.config(),
				d, dev, cancel));
		}, out, describe(q, arms), figures, progress, cancel, log);
	}

	/** The cubes split into training, validation and test by source volume. */
	private static ClassificationData read(final Request q, final InputConvention from,
		final Cancellation cancel) throws IOException
	{
		final CubeSources.Prepared main = CubeSources.fromTable(q.table(), q.config().cube(), q
			.inputs(), from, cancel);
		if (q.testTable() == null) return ClassificationData.split(main.cubes(), q.validation(), q
			.test(), q.seed(), main.input());
		final CubeSources.Prepared test = CubeSources.fromTable(q.testTable(), q.config().cube(), q
			.inputs(), from, main.input(), cancel);
		final ClassificationData d = ClassificationData.split(main.cubes(), q.validation(), 0, q
			.seed(), main.input());
		return new ClassificationData(d.train(), d.validation(), test.cubes(), d.input(), d.plan());
	}

	private static int sources(final List<LabelledCube> cubes) {
		return new LinkedHashSet<>(cubes.stream().map(LabelledCube::source).toList()).size();
	}

	/**
	 * What identifies the data of the cells: the tables and the content of every volume they name
	 * (SHA-256), the split and the input options; a test table naming a volume with the content
	 * of a training one is refused.
	 */
	private static Map<String, Object> dataKey(final Request q) throws IOException {
		final Map<String, Object> m = new LinkedHashMap<>();
		final Map<String, String> images = Leakage.fingerprints(volumes(q.table()));
		m.put("table", org.transvw.common.Sha256.of(q.table()));
		m.put("images", images);
		if (q.testTable() != null) {
			final Map<String, String> test = Leakage.fingerprints(volumes(q.testTable()));
			Leakage.requireDisjoint("testtable", images, q.table(), test, q.testTable());
			m.put("testTable", org.transvw.common.Sha256.of(q.testTable()));
			m.put("testImages", test);
		}
		else m.put("testShare", q.test());
		m.put("validationShare", q.validation());
		m.put("splitSeed", q.seed());
		m.put("inputs", q.inputs().toMap());
		return m;
	}

	/** The distinct volumes a candidates table names, in table order. */
	private static List<Path> volumes(final Path table) throws IOException {
		return new ArrayList<>(new LinkedHashSet<>(Candidates.read(table).stream().map(
			Candidates.Candidate::image).toList()));
	}

	private static String describe(final Request q, final List<Arm> arms) {
		final StringBuilder sb = new StringBuilder("Task: classification (a labelled unit is one " +
			"candidate cube; validation and test hold out whole volumes). Initialisations: ");
		for (int i = 0; i < arms.size(); i++)
			sb.append(i == 0 ? "" : ", ").append(arms.get(i).name()).append(arms.get(i)
				.isScratch() ? "" : " (" + arms.get(i).bundle() + ")");
		sb.append(String.format(Locale.ROOT, ". Fine-tuning: cube %s, %d classes, %d epochs max, " +
			"patience %d, batch %d, lr %s, width %d (scratch)%s.", java.util.Arrays.toString(q
				.config().cube()), q.config().classes(), q.config().training().maxEpochs(), q.config()
					.training().patience(), q.config().training().batch(), Statistics.format(q.config()
						.training().learningRate()), q.config().baseWidth(), q.config().linear()
							? ", linear evaluation (frozen encoder) for the bundles" : ""));
		return sb.toString();
	}
}
