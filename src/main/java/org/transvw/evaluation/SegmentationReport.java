package org.transvw.evaluation;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
		Csv.writeAtomically(file, csvLines());
	}

	/** Shared CSV helpers of this package. */
	static final class Csv {

		private Csv() {}

		static String quote(final String s) {
			if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
			return '"' + s.replace("\"", "\"\"") + '"';
		}

		static void writeAtomically(final Path file, final List<String> lines) throws IOException {
			final Path dir = file.toAbsolutePath().getParent();
			Files.createDirectories(dir);
			final Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
			try (Writer w = Files.newBufferedWriter(tmp)) {
				for (final String l : lines)
					w.write(l + "\n");
			}
			catch (final IOException e) {
				Files.deleteIfExists(tmp);
				throw e;
			}
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
