package org.transvw.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.AtomicFiles;
import org.transvw.common.Checks;
import org.transvw.data.io.OutputFolder;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The cells' result folders: {@code cells/<initialisation>_f<percent>_s<seed>/} inside the study
 * folder, each holding {@value #METRICS} (written last), {@value #CURVE} and {@value #SCORES}.
 * A cell is written into a hidden temporary folder beside its place and renamed into it in one
 * step ({@link AtomicFiles#replaceFolder}), so a killed run leaves no cell folder, only a hidden
 * temporary that is never read. A cell folder counts as finished only when its
 * {@value #METRICS} is complete (it says so, and parses) and the other two files exist; anything
 * less is redone and never merged.
 */
public final class CellStore {

	/** The sub-folder of the study folder holding the cells. */
	public static final String FOLDER = "cells";
	public static final String METRICS = "metrics.json", CURVE = "validation_curve.csv",
		SCORES = "test_scores.csv";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
		.serializeSpecialFloatingPointValues().create();

	private final OutputFolder out;
	private final StudyTask task;

	/** The cells of a segmentation study in the folder {@code out} (prepared by the caller). */
	public CellStore(final OutputFolder out) {
		this(out, StudyTask.SEGMENTATION);
	}

	/**
	 * The cells of a {@code task} study in the folder {@code out}: their figures are stored
	 * under the task's names ({@code testDice}, {@code testIou}, {@code validationDice}; or
	 * {@code testAuc}, {@code testAccuracy}, {@code validationAuc}); a cell without them is no
	 * finished cell of this task.
	 */
	public CellStore(final OutputFolder out, final StudyTask task) {
		this.out = Checks.notNull(out, "output");
		this.task = Checks.notNull(task, "task");
	}

	public StudyTask task() {
		return task;
	}

	/** The cell's result folder. */
	public Path folder(final Cell cell) {
		return out.dir().resolve(FOLDER).resolve(cell.folderName());
	}

	/** How a cell folder stands. */
	public enum State {
		/** No folder: not run yet (a killed run leaves only a hidden temporary). */
		MISSING,
		/** A folder without a complete result (copied half, edited): redone. */
		INCOMPLETE,
		/** A complete result of other study settings. */
		OTHER_SETTINGS,
		/** A complete result of these settings. */
		FINISHED
	}

	/** The state of {@code cell} for the cell key {@code key}. */
	public State state(final Cell cell, final String key) {
		final Path dir = folder(cell);
		if (!Files.isDirectory(dir)) return State.MISSING;
		final CellResult r = read(dir, task);
		if (r == null) return State.INCOMPLETE;
		return r.key().equals(key) ? State.FINISHED : State.OTHER_SETTINGS;
	}

	/** The finished result of {@code cell}, or null when its state is not {@link State#FINISHED}. */
	public CellResult finished(final Cell cell, final String key) {
		final CellResult r = read(folder(cell), task);
		return r != null && r.key().equals(key) ? r : null;
	}

	/** Writes the cell's folder atomically (replacing an incomplete or other one of TransVW's). */
	public void write(final Cell cell, final CellResult r) throws IOException {
		final Path dir = out.claim(FOLDER + "/" + cell.folderName());
		AtomicFiles.replaceFolder(dir, tmp -> {
			Files.write(tmp.resolve(SCORES), r.testScores(), StandardCharsets.UTF_8);
			Files.write(tmp.resolve(CURVE), curveLines(r, task), StandardCharsets.UTF_8);
			Files.writeString(tmp.resolve(METRICS), GSON.toJson(toMap(cell, r, task)),
				StandardCharsets.UTF_8);
		});
	}

	static List<String> curveLines(final CellResult r, final StudyTask task) {
		final List<String> lines = new ArrayList<>();
		lines.add("epoch,train_loss,validation_loss,validation_" + StudyTask.column(task.curve()) +
			",best");
		for (final CellResult.Epoch e : r.curve())
			lines.add(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%d", e.epoch(), e.trainLoss(), e
				.validationLoss(), e.validationScore(), e.epoch() == r.bestEpoch() ? 1 : 0));
		return lines;
	}

	/** The JSON names of the test and validation figures: testDice, testIou, validationDice. */
	private static String[] names(final StudyTask task) {
		final String p = capital(task.primary()), s = capital(task.secondary());
		return new String[] { "test" + p, "test" + s, "validation" + p };
	}

	private static String capital(final String name) {
		final String c = StudyTask.column(name);
		return Character.toUpperCase(c.charAt(0)) + c.substring(1);
	}

	private static Map<String, Object> toMap(final Cell cell, final CellResult r,
		final StudyTask task)
	{
		final String[] names = names(task);
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("complete", true);
		m.put("key", r.key());
		m.put("cell", cell.index());
		m.put("initialisation", r.arm());
		m.put("bundle", cell.arm().bundle() == null ? null : cell.arm().bundle().toString());
		m.put("fraction", r.fraction());
		m.put("seedIndex", r.seedIndex());
		m.put("trainingSeed", r.trainingSeed());
		m.put("trainingCases", r.trainingCases());
		m.put("task", task.key());
		m.put(names[0], r.testPrimary());
		m.put(names[1], r.testSecondary());
		m.put(names[2], r.validationPrimary());
		m.put("lastEpoch", r.lastEpoch());
		m.put("bestEpoch", r.bestEpoch());
		m.put("stopReason", r.stopReason());
		m.put("seconds", r.seconds());
		return m;
	}

	/** The complete result of a {@code task} cell in {@code dir}, or null. */
	private static CellResult read(final Path dir, final StudyTask task) {
		final Path metrics = dir.resolve(METRICS), curve = dir.resolve(CURVE), scores = dir.resolve(
			SCORES);
		if (!Files.isRegularFile(metrics) || !Files.isRegularFile(curve) || !Files.isRegularFile(
			scores)) return null;
		try {
			final JsonObject json = JsonParser.parseString(Files.readString(metrics,
				StandardCharsets.UTF_8)).getAsJsonObject();
			final Metrics m = GSON.fromJson(json, Metrics.class);
			if (m == null || !m.complete || m.key == null || m.initialisation == null) return null;
			final String[] names = names(task);
			for (final String n : names)
				if (!json.has(n)) return null; // NB: another task's cell, or cut short: not finished
			final double[] v = new double[names.length];
			for (int i = 0; i < v.length; i++)
				v[i] = json.get(names[i]).isJsonNull() ? Double.NaN : json.get(names[i]).getAsDouble();
			return new CellResult(m.key, m.initialisation, m.fraction, m.seedIndex, m.trainingSeed,
				m.trainingCases, v[0], v[1], v[2], m.lastEpoch, m.bestEpoch,
				m.stopReason, m.seconds, readCurve(curve), Files.readAllLines(scores,
					StandardCharsets.UTF_8));
		}
		catch (final IOException | JsonParseException | NumberFormatException
			| IndexOutOfBoundsException | IllegalStateException | UnsupportedOperationException e)
		{
			return null; // NB: unreadable = not finished: the cell is redone
		}
	}

	private static List<CellResult.Epoch> readCurve(final Path csv) throws IOException {
		final List<CellResult.Epoch> out = new ArrayList<>();
		final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		for (int i = 1; i < lines.size(); i++) {
			if (lines.get(i).isBlank()) continue;
			final String[] f = lines.get(i).split(",");
			out.add(new CellResult.Epoch(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double
				.parseDouble(f[2]), Double.parseDouble(f[3])));
		}
		return out;
	}

	/** The JSON form of {@value #METRICS}. */
	private static final class Metrics {

		boolean complete;
		String key, initialisation, stopReason;
		double fraction, seconds;
		int seedIndex, trainingCases, lastEpoch, bestEpoch;
		long trainingSeed;
	}
}
