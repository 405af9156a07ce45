package org.transvw.finetuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.transvw.common.Checks;
import org.transvw.data.FloatImages;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A table of candidate locations for classification: CSV with the header
 * {@code image,x,y,z[,label]}, one row per candidate; {@code image} is a volume file (relative to
 * the CSV's folder or absolute), {@code x, y, z} are voxel indices (0-based) of the cube centre,
 * {@code label} the class (0/1 for binary, 0..C-1 otherwise; omitted or empty = unknown, for
 * inference). Lines starting with '#' are comments.
 */
public final class Candidates {

	/** One candidate; {@code label} is -1 when unknown. */
	public record Candidate(Path image, long x, long y, long z, int label) {}

	private Candidates() {}

	/** Reads the table; errors name the file and line. */
	public static List<Candidate> read(final Path csv) throws IOException {
		final List<String> lines = Files.readAllLines(csv);
		final Path base = csv.toAbsolutePath().getParent();
		final List<Candidate> out = new ArrayList<>();
		String[] header = null;
		for (int n = 0; n < lines.size(); n++) {
			final String line = lines.get(n).trim();
			if (line.isEmpty() || line.startsWith("#")) continue;
			final String[] f = line.split("\\s*,\\s*", -1);
			if (header == null) {
				header = f;
				final String h = String.join(",", f).toLowerCase(Locale.ROOT);
				if (!h.startsWith("image,x,y,z")) throw new IOException(csv +
					": expected the header image,x,y,z[,label], got '" + line + "'");
				continue;
			}
			try {
				final int label = f.length > 4 && !f[4].isEmpty() ? Integer.parseInt(f[4]) : -1;
				out.add(new Candidate(base.resolve(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long
					.parseLong(f[3]), label));
			}
			catch (final NumberFormatException | ArrayIndexOutOfBoundsException e) {
				throw new IOException(csv + " line " + (n + 1) +
					": expected image,x,y,z[,label] with integer coordinates and label, got '" + line +
					"'");
			}
		}
		if (out.isEmpty()) throw new IOException(csv + ": no candidates");
		return out;
	}

	/** The probability columns of {@code k} outputs: "probability" (binary) or p0..pk-1. */
	public static List<String> probabilityColumns(final int k) {
		final List<String> c = new ArrayList<>();
		for (int j = 0; j < k; j++)
			c.add(k == 1 ? "probability" : "p" + j);
		return c;
	}

	/** The CSV of classified candidates: image,x,y,z and {@link #probabilityColumns}. */
	public static List<String> probabilityCsv(final List<Candidate> rows, final float[][] p) {
		final List<String> lines = new ArrayList<>();
		lines.add("image,x,y,z," + String.join(",", probabilityColumns(p.length == 0 ? 1
			: p[0].length)));
		for (int i = 0; i < rows.size(); i++) {
			final Candidate c = rows.get(i);
			final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%d,%d", c
				.image().getFileName(), c.x(), c.y(), c.z()));
			for (final float v : p[i])
				line.append(String.format(Locale.ROOT, ",%.6f", v));
			lines.add(line.toString());
		}
		return lines;
	}

	/**
	 * @param index the candidate's 0-based position in the table
	 * @throws IOException if the candidate's centre lies outside its image of size {@code dims}
	 */
	public static void requireInside(final Path csv, final int index, final Candidate c,
		final long[] dims) throws IOException
	{
		final long[] at = { c.x(), c.y(), c.z() };
		Checks.require(dims.length == 3, "table", "3D images, got " + Arrays.toString(dims) + " for " +
			c.image().getFileName());
		for (int d = 0; d < 3; d++)
			if (at[d] < 0 || at[d] >= dims[d]) throw new IOException(csv + ": candidate " + (index +
				1) + " at " + at[0] + "," + at[1] + "," + at[2] + " lies outside its image " + c.image()
					.getFileName() + " of size " + Arrays.toString(dims) +
				" (expected voxel indices 0..size-1)");
	}

	/**
	 * The cube of size {@code cube} centred on voxel (x, y, z) (origin = centre - cube / 2), copied;
	 * the image border is mirror-padded.
	 */
	public static Img<FloatType> crop(final RandomAccessibleInterval<FloatType> image,
		final long[] centre, final int[] cube)
	{
		Checks.require(centre.length == 3 && cube.length == 3, "cube", "3D centre and size");
		final long[] min = new long[3];
		for (int d = 0; d < 3; d++)
			min[d] = centre[d] - cube[d] / 2;
		return FloatImages.crop(image, min, cube);
	}
}
