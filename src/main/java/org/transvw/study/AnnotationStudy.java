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
			log.accept(String.format(java.util.Locale.ROOT, "%s: test Dice %.4f, IoU %.4f (%d " +
				"training cases, best epoch %d of %d, %.0f s)", c, r.testDice(), r.testIou(), r
					.trainingCases(), r.bestEpoch(), r.lastEpoch(), r.seconds()));
			ran++;
		}
		return new Outcome(ran, skipped);
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
		return StudySummary.of(design, done);
	}

	private IllegalArgumentException otherSettings(final Cell c) {
		return new IllegalArgumentException("output: " + store.folder(c) + " holds the result of " +
			c + " with other study settings (data, split, fine-tuning settings or bundle differ); " +
			"choose another output folder, or add 'overwrite' to run such cells again");
	}
}
