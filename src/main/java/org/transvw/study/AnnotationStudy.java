package org.transvw.study;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.common.Sha256;
import org.transvw.data.io.OutputFolder;
import org.transvw.training.TrainingSettings;

import com.google.gson.GsonBuilder;

/**
 * Runs and merges an annotation-efficiency study: every {@link Cell} is an independent unit,
 * written atomically into its own folder ({@link CellStore}); a rerun skips the finished cells
 * and redoes the rest, so a killed study resumes, and {@code cell=N} jobs of a cluster array can
 * each run one cell into the same folder. Merging reads whatever is finished.
 * <pre>{@code
 * AnnotationStudy s = new AnnotationStudy(design, new CellStore(out), settings, overwrite);
 * s.run(design.cells(), trainingCases, runner, progress, cancel, log::info);
 * StudySummary summary = s.merge();
 * }</pre>
 */
public final class AnnotationStudy {

	/** Fine-tunes one cell on the given labelled subset. */
	@FunctionalInterface
	public interface CellRunner {

		/**
		 * @param subset indices into the training cases labelled in this cell
		 * @param key the cell key to record in the result
		 */
		CellResult run(Cell cell, int[] subset, String key, Progress progress) throws IOException;
	}

	/** What a run did. */
	public record Outcome(int ran, int skipped) {}

	/**
	 * What a study run produced.
	 *
	 * @param outcome cells run and skipped
	 * @param summary the aggregate, or null when one cell ran ({@code cell=N}: merge later)
	 * @param cells the design's cell count
	 */
	public record Result(Outcome outcome, StudySummary summary, int cells) {}

	/** Draws the figures of a summary into the study folder (the ImageJ adapter's plots). */
	@FunctionalInterface
	public interface Figures {

		void write(StudySummary summary, OutputFolder out) throws IOException;
	}

	/** The task's data, read and checked once when cells are to run, and its cell runner. */
	public record Prepared(int trainingCases, CellRunner runner) {}

	/** Reads the data of the cells (only when some are to run). */
	@FunctionalInterface
	public interface Preparation {

		Prepared prepare(Progress progress) throws IOException;
	}

	private final StudyDesign design;
	private final CellStore store;
	private final Map<String, Object> settings;
	private final boolean redoOther;

	/**
	 * @param settings what besides the initialisation, fraction and seed determines a cell's
	 *          result (data, fine-tuning settings): part of every cell key
	 * @param redoOther redo (rather than refuse) cells holding results of other settings
	 */
	public AnnotationStudy(final StudyDesign design, final CellStore store,
		final Map<String, Object> settings, final boolean redoOther)
	{
		this.design = Checks.notNull(design, "design");
		this.store = Checks.notNull(store, "store");
		this.settings = new TreeMap<>(Checks.notNull(settings, "settings"));
		this.redoOther = redoOther;
	}

	public StudyDesign design() {
		return design;
	}

	/**
	 * The start of a cell's settings: the fine-tuning {@code config} with its {@code training}
	 * settings nested, less the seed (each cell has its own).
	 */
	public static Map<String, Object> settings(final Map<String, Object> config,
		final TrainingSettings training)
	{
		final Map<String, Object> m = new LinkedHashMap<>(config);
		final Map<String, Object> t = new LinkedHashMap<>(training.toMap());
		t.remove("seed");
		m.put("training", t);
		return m;
	}

	/**
	 * The cell key of {@code cell}: SHA-256 of the study settings, the initialisation's identity,
	 * the fraction and the seed. Independent of the other cells, so adding seeds or fractions
	 * later reuses the finished cells.
	 */
	public String key(final Cell cell) {
		final Map<String, Object> m = new LinkedHashMap<>(settings);
		m.put("initialisation", cell.arm().identity());
		m.put("fraction", cell.fraction());
		m.put("trainingSeed", cell.trainingSeed());
		m.put("subsetSeed", design.seed());
		return Sha256.of(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(m));
	}

	/**
	 * Runs the cells of {@code cells} that are not finished; a cell of other settings is refused
	 * unless {@code redoOther}.
	 *
	 * @param trainingCases the number of training cases the subsets are drawn from
	 */
	public Outcome run(final List<Cell> cells, final int trainingCases, final CellRunner runner,
		final Progress progress, final Cancellation cancel, final Consumer<String> log)
		throws IOException
	{
		design.requireCases(trainingCases);
		int ran = 0, skipped = 0;
		for (int i = 0; i < cells.size(); i++) {
			cancel.check();
			final Cell c = cells.get(i);
			final String key = key(c);
			final CellStore.State state = store.state(c, key);
			if (state == CellStore.State.FINISHED) {
				skipped++;
				continue;
			}
			if (state == CellStore.State.OTHER_SETTINGS && !redoOther) throw otherSettings(c);
			if (state == CellStore.State.INCOMPLETE) log.accept(c + ": " + store.folder(c) +
				" holds no complete result; running it again");
			final Progress p = progress.subRange((double) i / cells.size(), (double) (i + 1) / cells
				.size());
			p.report(0, "running " + c);
			final CellResult r = runner.run(c, design.subset(c, trainingCases), key, p);
			Checks.require(r.key().equals(key), "cell result", "the cell key " + key);
			store.write(c, r);
			final StudyTask t = store.task();
			log.accept(String.format(java.util.Locale.ROOT, "%s: test %s %.4f, %s %.4f (%d " +
				"training %s, best epoch %d of %d, %.0f s)", c, t.primary(), r.testPrimary(), t
					.secondary(), r.testSecondary(), r.trainingCases(), t.units(), r.bestEpoch(), r
						.lastEpoch(), r.seconds()));
			ran++;
		}
		return new Outcome(ran, skipped);
	}

	/**
	 * A study run as the command does it: unless {@code merge}, prepares the data and runs the
	 * unfinished cells (only cell {@code cell} when it is >= 0, and then nothing is aggregated);
	 * then merges the finished cells and writes the table, the report ({@code settings} describes
	 * the run) and the figures into {@code out}.
	 */
	public Result execute(final int cell, final boolean merge, final Preparation preparation,
		final OutputFolder out, final String settings, final Figures figures,
		final Progress progress, final Cancellation cancel, final Consumer<String> log)
		throws IOException
	{
		if (cell >= 0) design.cell(cell); // the range check, before any work
		Outcome outcome = new Outcome(0, 0);
		if (!merge) {
			final Prepared p = preparation.prepare(progress.subRange(0, 0.05));
			final List<Cell> cells = cell >= 0 ? List.of(design.cell(cell)) : design.cells();
			outcome = run(cells, p.trainingCases(), p.runner(), progress.subRange(0.05, 0.98), cancel,
				log);
		}
		if (cell >= 0) return new Result(outcome, null, design.cells().size());
		final StudySummary summary = merge();
		StudyReport.write(out, summary, settings);
		figures.write(summary, out);
		progress.report(1, "study: " + summary.finishedCells() + " of " + design.cells().size() +
			" cells finished");
		return new Result(outcome, summary, design.cells().size());
	}

	/**
	 * The finished cells of the design, aggregated; unfinished, half-written and (with
	 * {@code redoOther}) other-settings cells are left out.
	 */
	public StudySummary merge() {
		final Map<Cell, CellResult> done = new LinkedHashMap<>();
		for (final Cell c : design.cells()) {
			final String key = key(c);
			final CellStore.State state = store.state(c, key);
			if (state == CellStore.State.OTHER_SETTINGS && !redoOther) throw otherSettings(c);
			if (state == CellStore.State.FINISHED) done.put(c, store.finished(c, key));
		}
		return StudySummary.of(design, store.task(), done);
	}

	private IllegalArgumentException otherSettings(final Cell c) {
		return new IllegalArgumentException("output: " + store.folder(c) + " holds the result of " +
			c + " with other study settings (data, split, fine-tuning settings or bundle differ); " +
			"choose another output folder, or add 'overwrite' to run such cells again");
	}
}
