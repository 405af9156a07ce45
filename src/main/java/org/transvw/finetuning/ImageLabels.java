package org.transvw.finetuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table of one label per image for classification (docs/xray-2d.md, "Classification in 2D"):
 * CSV with the header {@code file,label[,patient]}, one row per image; {@code file} is an image
 * (a 2D radiograph, or a whole volume: one dimensionality per table) relative to the CSV's
 * folder or absolute, {@code label} the class (0/1 for binary, 0..C-1 otherwise), the optional
 * {@code patient} groups the images of one patient (the unit of every split; without it each
 * image is its own). No coordinates: each image is classified whole. Lines starting with '#'
 * are comments. Every error names the table and the row.
 */
public final class ImageLabels {

	/** The header, as messages spell it. */
	public static final String HEADER = "file,label[,patient]";
	/** The header of a table to classify (labels optional), as messages spell it. */
	public static final String UNLABELLED_HEADER = "file[,label[,patient]]";

	/**
	 * One labelled image.
	 *
	 * @param file the image, resolved against the table's folder
	 * @param name the file as the table spells it (the image's id)
	 * @param label the class, >= 0
	 * @param patient the split unit: the patient column, or {@code name} without one
	 * @param row 1-based data row (messages)
	 */
	public record Row(Path file, String name, int label, String patient, int row) {}

	private ImageLabels() {}

	/** The first line that is neither blank nor a comment, trimmed ("" for none). */
	static String header(final Path csv) throws IOException {
		for (final String l : Files.readAllLines(csv)) {
			final String line = l.trim();
			if (!line.isEmpty() && !line.startsWith("#")) return line;
		}
		return "";
	}

	/** Whether {@code header} (a table's first line) is that of a per-image table. */
	static boolean isHeader(final String header) {
		final String h = header.replaceAll("\\s*,\\s*", ",").toLowerCase(Locale.ROOT);
		return h.equals("file,label") || h.equals("file,label,patient");
	}

	/** Whether {@code header} is that of a per-image table to classify: also {@code file} alone. */
	static boolean isUnlabelledHeader(final String header) {
		return isHeader(header) || header.trim().toLowerCase(Locale.ROOT).equals("file");
	}

	/**
	 * Reads the table.
	 *
	 * @throws IOException naming the table and the row: another header, a row without an
	 *           integer label >= 0, a file that does not exist, a file listed twice, no rows
	 */
	public static List<Row> read(final Path csv) throws IOException {
		return read(csv, true);
	}

	/**
	 * Reads a table of images to classify: as {@link #read(Path)}, but the header may also be
	 * {@code file} alone ({@link #UNLABELLED_HEADER}); rows of such a table have label -1.
	 */
	public static List<Row> readUnlabelled(final Path csv) throws IOException {
		return read(csv, false);
	}

	private static List<Row> read(final Path csv, final boolean labelled) throws IOException {
		final String expected = labelled ? HEADER : UNLABELLED_HEADER;
		final List<String> lines = Files.readAllLines(csv);
		final Path base = csv.toAbsolutePath().getParent();
		final List<Row> out = new ArrayList<>();
		final Map<Path, Integer> seen = new HashMap<>();
		boolean header = false, patients = false, noLabel = false;
		for (int n = 0; n < lines.size(); n++) {
			final String line = lines.get(n).trim();
			if (line.isEmpty() || line.startsWith("#")) continue;
			final String[] f = line.split("\\s*,\\s*", -1);
			if (!header) {
				if (!(labelled ? isHeader(line) : isUnlabelledHeader(line))) throw new IOException(csv +
					": expected the header " + expected + ", got '" + line + "'");
				header = true;
				patients = f.length == 3;
				noLabel = f.length == 1;
				continue;
			}
			final int row = out.size() + 1;
			final String where = csv + " line " + (n + 1) + " (row " + row + ")";
			if (f.length != (patients ? 3 : noLabel ? 1 : 2) || f[0].isEmpty()) throw new IOException(
				where + ": expected " + (patients ? "file,label,patient" : noLabel ? "file"
					: "file,label") + ", got '" + line + "'");
			final int label;
			if (noLabel) label = -1;
			else try {
				label = Integer.parseInt(f[1]);
			}
			catch (final NumberFormatException e) {
				throw new IOException(where + ": expected an integer class label 0, 1, ..., got '" +
					f[1] + "'");
			}
			if (!noLabel && label < 0) throw new IOException(where + ": expected a class label >= 0, " +
				"got " + label);
			final Path file = base.resolve(f[0]).normalize();
			if (!Files.isRegularFile(file)) throw new IOException(where + ": no such image file " +
				f[0] + " (" + file + "; paths are relative to the table's folder or absolute)");
			final Integer before = seen.putIfAbsent(file, row);
			if (before != null) throw new IOException(where + ": " + f[0] + " is listed twice " +
				"(rows " + before + " and " + row + "); one label per image");
			final String patient = patients && !f[2].isEmpty() ? f[2] : f[0];
			out.add(new Row(file, f[0], label, patient, row));
		}
		if (!header) throw new IOException(csv + ": expected the header " + expected + ", got an " +
			"empty table");
		if (out.isEmpty()) throw new IOException(csv + ": no images");
		return out;
	}
}
