package org.transvw.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.transvw.common.AtomicFiles;

/**
 * Per-case scores plus the pooled row, and their CSV form (comma-separated, '.' decimal point,
 * header {@value #HEADER}).
 */
public record SegmentationReport(List<SegmentationScores> cases, SegmentationScores pooled) {

	public static final String HEADER = "case,dice,iou,mean_iou,tp,fp,fn,tn";

	/** Mean of the per-case Dice values (NaN without cases). */
	public double meanCaseDice() {
		return cases.stream().mapToDouble(SegmentationScores::dice).average().orElse(Double.NaN);
	}

	/** The CSV rows: header, one row per case, then the pooled row. */
	public List<String> csvLines() {
		final List<String> lines = new ArrayList<>();
		lines.add(HEADER);
		for (final SegmentationScores s : cases)
			lines.add(row(s));
		lines.add(row(pooled));
		return lines;
	}

	private static String row(final SegmentationScores s) {
		final ConfusionCounts c = s.counts();
		return String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%d,%d,%d,%d", Csv.quote(s.name()), s
			.dice(), s.iou(), s.meanIou(), c.tp(), c.fp(), c.fn(), c.tn());
	}

	/** Writes the CSV atomically (temp file, then move). */
	public void writeCsv(final Path file) throws IOException {
		AtomicFiles.writeLines(file, csvLines());
	}

	/** Shared CSV helpers of this package. */
	static final class Csv {

		private Csv() {}

		static String quote(final String s) {
			if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
			return '"' + s.replace("\"", "\"\"") + '"';
		}
	}
}
