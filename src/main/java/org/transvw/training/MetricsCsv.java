package org.transvw.training;

import org.transvw.common.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-epoch metrics file {@code metrics.csv}: one header line, then one line per completed
 * epoch. Columns: {@code epoch, learning_rate, train_<term>..., train_total, train_accuracy,
 * val_<term>..., val_total, val_accuracy, steps, seconds, data_wait_fraction}; empty cells mean
 * "not measured". Rewritten atomically after every epoch; on resume the lines after the
 * checkpoint's epoch are dropped, so the file always matches the checkpoints.
 */
public final class MetricsCsv {

	/** A parsed metrics file: column names and one row of numbers per epoch (NaN: empty cell). */
	public record Table(List<String> columns, List<double[]> rows) {

		/** The values of {@code column} (e.g. {@code "val_total"}), or null when absent. */
		public double[] column(final String column) {
			final int c = columns.indexOf(column);
			if (c < 0) return null;
			return rows.stream().mapToDouble(r -> r[c]).toArray();
		}
	}

	private MetricsCsv() {}

	/** Appends the epoch's row (writing the header first for a new file). */
	public static void append(final Path file, final EpochMetrics m) throws IOException {
		final List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file,
			StandardCharsets.UTF_8)) : new ArrayList<>();
		final List<String> header = header(m);
		if (lines.isEmpty()) lines.add(String.join(",", header));
		else if (!lines.get(0).equals(String.join(",", header))) throw new IOException(file +
			": existing metrics have other columns (" + lines.get(0) + "); expected " + String.join(
				",", header));
		lines.add(row(m));
		AtomicFiles.writeLines(file, lines);
	}

	/** Drops the rows of epochs after {@code lastEpoch} (used when resuming). */
	public static void truncate(final Path file, final int lastEpoch) throws IOException {
		if (!Files.exists(file)) return;
		final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		final List<String> kept = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			final String l = lines.get(i);
			if (i == 0 || Integer.parseInt(l.substring(0, l.indexOf(','))) <= lastEpoch) kept.add(l);
		}
		AtomicFiles.writeLines(file, kept);
	}

	/** Reads a metrics file. */
	public static Table read(final Path file) throws IOException {
		final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		if (lines.isEmpty()) throw new IOException(file + ": empty metrics file");
		final List<String> columns = List.of(lines.get(0).split(",", -1));
		final List<double[]> rows = new ArrayList<>();
		for (final String l : lines.subList(1, lines.size())) {
			final String[] cells = l.split(",", -1);
			final double[] r = new double[columns.size()];
			for (int c = 0; c < r.length; c++)
				r[c] = c < cells.length && !cells[c].isEmpty() ? Double.parseDouble(cells[c])
					: Double.NaN;
			rows.add(r);
		}
		return new Table(columns, rows);
	}

	private static List<String> header(final EpochMetrics m) {
		final List<String> h = new ArrayList<>(List.of("epoch", "learning_rate"));
		m.train().keySet().stream().sorted(MetricsCsv::totalLast).forEach(k -> h.add("train_" + k));
		h.add("train_accuracy");
		m.validation().keySet().stream().sorted(MetricsCsv::totalLast).forEach(k -> h.add("val_" +
			k));
		h.add("val_accuracy");
		h.addAll(List.of("steps", "seconds", "data_wait_fraction"));
		return h;
	}

	private static String row(final EpochMetrics m) {
		final List<String> r = new ArrayList<>(List.of(Integer.toString(m.epoch()), num(m
			.learningRate())));
		cells(m.train(), r);
		r.add(num(m.trainAccuracy()));
		cells(m.validation(), r);
		r.add(num(m.validationAccuracy()));
		r.addAll(List.of(Integer.toString(m.steps()), num(m.seconds()), num(m.dataWaitFraction())));
		return String.join(",", r);
	}

	private static void cells(final Map<String, Double> values, final List<String> out) {
		values.keySet().stream().sorted(MetricsCsv::totalLast).forEach(k -> out.add(num(values.get(
			k))));
	}

	private static int totalLast(final String a, final String b) {
		final boolean ta = a.equals(EpochMetrics.TOTAL), tb = b.equals(EpochMetrics.TOTAL);
		return ta == tb ? a.compareTo(b) : ta ? 1 : -1;
	}

	private static String num(final double v) {
		return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
	}

}
