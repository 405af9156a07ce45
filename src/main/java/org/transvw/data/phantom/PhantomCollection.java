package org.transvw.data.phantom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.data.Volume;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.io.VolumeIO;

import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Writes a phantom collection to disk:
 * <pre>
 * folder/images/case_000.nii.gz   CT in HU, int16 (rounded; scanners store HU the same way)
 * folder/labels/case_000.nii.gz   0/1 nodule masks, uint8
 * folder/phantom.csv              name,group,lesions,lesion_voxels,seed,index,width,height,depth,spacing_x,spacing_y,spacing_z
 * </pre>
 * Each file is written atomically through the {@link OutputFolder} guard; {@code phantom.csv} is
 * written last, so its presence marks a complete collection. Cancellation is checked between cases (already written cases stay).
 */
public final class PhantomCollection {

	/** The CSV header line. */
	public static final String CSV_HEADER =
		"name,group,lesions,lesion_voxels,seed,index,width,height,depth,spacing_x,spacing_y,spacing_z";

	/** The folders of the images and of their label masks, and the table of cases. */
	public static final String IMAGES = "images", LABELS = "labels", CSV = "phantom.csv";
	/** Largest collection written at once. */
	public static final int MAX_COUNT = 100_000;

	private PhantomCollection() {}

	/** The file name stem of case {@code index}, e.g. "case_007". */
	public static String name(final int index) {
		return String.format(Locale.ROOT, "case_%03d", index);
	}

	/** The paths a collection of {@code count} cases writes (for {@link OutputFolder#prepare}). */
	public static List<String> files(final int count) {
		Checks.inRange(count, 1, MAX_COUNT, "count");
		final List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add(IMAGES + "/" + name(i) + ".nii.gz");
			names.add(LABELS + "/" + name(i) + ".nii.gz");
		}
		names.add(CSV);
		return names;
	}

	/** {@link #write(PhantomConfig, long, int, OutputFolder, Progress, Cancellation)} into a folder. */
	public static void write(final PhantomConfig config, final long seed, final int count,
		final Path folder, final Progress progress, final Cancellation cancel) throws IOException
	{
		Checks.notNull(folder, "folder");
		if (Files.exists(folder) && !Files.isDirectory(folder)) throw new IOException(folder +
			": exists and is not a folder");
		write(config, seed, count, OutputFolder.at(folder), progress, cancel);
	}

	/**
	 * Generates cases 0..count-1 and writes them into {@code out}. Cases of an earlier
	 * collection in the folder that this one does not rewrite are removed, so the folder always
	 * matches {@code phantom.csv}; files TransVW did not write are never touched.
	 *
	 * @throws java.util.concurrent.CancellationException when {@code cancel} fires
	 */
	public static void write(final PhantomConfig config, final long seed, final int count,
		final OutputFolder out, final Progress progress, final Cancellation cancel)
		throws IOException
	{
		final Set<String> written = new HashSet<>(files(count));
		// NB: the csv marks a complete collection; an earlier one goes first
		out.delete(CSV);
		final StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
		for (int i = 0; i < count; i++) {
			cancel.check();
			progress.report((double) i / count, "phantom case " + (i + 1) + "/" + count);
			final PhantomCase c = ChestPhantom.generate(config, seed, i);
			final String name = name(i);
			final Volume ct = c.ct();
			final Volume rounded = ct.withPixels(Converters.convert(ct.floats(), (FloatType a,
				ShortType b) -> b.set((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math
					.round(a.get())))), new ShortType()), ct.normalization());
			VolumeIO.write(rounded, out.claim(IMAGES + "/" + name + ".nii.gz"));
			VolumeIO.write(ct.withPixels(c.lesions(), ct.normalization()), out.claim(LABELS + "/" +
				name + ".nii.gz"));
			long voxels = 0;
			for (final UnsignedByteType t : Views.iterable(c.lesions()))
				voxels += t.get();
			csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%d,%d,%s,%s,%s%n", name, c
				.group(), countComponents(c), voxels, seed, i, config.width(), config.height(), config
					.depth(), config.spacingXY(), config.spacingXY(), config.spacingZ()));
		}
		out.removeStale(IMAGES, written);
		out.removeStale(LABELS, written);
		out.writeString(CSV, csv.toString());
		progress.report(1, "phantom: " + count + " cases written to " + out.dir());
	}

	/** Number of 26-connected nodules in the mask. */
	static int countComponents(final PhantomCase c) {
		final long[] dims = c.lesions().dimensionsAsLongArray();
		final int w = (int) dims[0], h = (int) dims[1], d = (int) dims[2];
		final byte[] m = new byte[w * h * d];
		int o = 0;
		for (final UnsignedByteType t : Views.flatIterable(c.lesions()))
			m[o++] = (byte) t.get();
		int ones = 0;
		for (final byte b : m)
			ones += b;
		int n = 0;
		final int[] stack = new int[ones];
		for (int s = 0; s < m.length; s++) {
			if (m[s] != 1) continue;
			n++;
			int top = 0;
			stack[top++] = s;
			m[s] = 2;
			while (top > 0) {
				final int p = stack[--top];
				final int x = p % w, y = p / w % h, z = p / (w * h);
				for (int dz = -1; dz <= 1; dz++)
					for (int dy = -1; dy <= 1; dy++)
						for (int dx = -1; dx <= 1; dx++) {
							final int X = x + dx, Y = y + dy, Z = z + dz;
							if (X < 0 || Y < 0 || Z < 0 || X >= w || Y >= h || Z >= d) continue;
							final int q = X + w * (Y + h * Z);
							if (m[q] == 1) {
								m[q] = 2;
								stack[top++] = q;
							}
						}
			}
		}
		return n;
	}
}
