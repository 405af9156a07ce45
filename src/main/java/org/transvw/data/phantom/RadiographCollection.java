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

import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * Writes a collection of phantom radiographs, in the layout of the CT phantom collection (so
 * {@code data.VolumeCollection} opens it):
 * <pre>
 * folder/images/case_000.tif   line integrals, float32, spacing in mm (or .nii / .nii.gz)
 * folder/labels/case_000.tif   0/1 projected nodule masks, uint8
 * folder/radiograph.csv        name,group,nodules,lesion_pixels,seed,index,width,height,spacing_x,spacing_y,photons,mu_water
 * </pre>
 * TIFF needs the ImageJ adapter on the class path (it registers with {@link VolumeIO}); TIFF keeps
 * the spacing but not the direction, NIfTI keeps both. Each file is written atomically through
 * the {@link OutputFolder} guard;
 * {@code radiograph.csv} comes last, so its presence marks a complete collection. Cancellation is
 * checked between cases (already written cases stay).
 */
public final class RadiographCollection {

	/** The CSV header line. */
	public static final String CSV_HEADER =
		"name,group,nodules,lesion_pixels,seed,index,width,height,spacing_x,spacing_y,photons,mu_water";

	/** The file endings the images may be written as. */
	public static final List<String> ENDINGS = List.of(".tif", ".nii", ".nii.gz");

	private RadiographCollection() {}

	/** The CSV table of the cases. */
	public static final String CSV = "radiograph.csv";

	/**
	 * The paths a collection of {@code count} cases writes as {@code ending} files (for
	 * {@link OutputFolder#prepare}).
	 */
	public static List<String> files(final int count, final String ending) {
		Checks.inRange(count, 1, PhantomCollection.MAX_COUNT, "count");
		final String e = ending(ending);
		final List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add(PhantomCollection.IMAGES + "/" + PhantomCollection.name(i) + e);
			names.add(PhantomCollection.LABELS + "/" + PhantomCollection.name(i) + e);
		}
		names.add(CSV);
		return names;
	}

	/**
	 * Generates cases 0..count-1 and writes them under {@code folder} as {@code ending} files
	 * (files of an earlier radiograph collection there are replaced, see {@link OutputFolder#at}).
	 *
	 * @param ending one of {@link #ENDINGS}
	 * @throws java.util.concurrent.CancellationException when {@code cancel} fires
	 */
	public static void write(final RadiographConfig config, final long seed, final int count,
		final Path folder, final String ending, final Progress progress, final Cancellation cancel)
		throws IOException
	{
		Checks.notNull(folder, "folder");
		if (Files.exists(folder) && !Files.isDirectory(folder)) throw new IOException(folder +
			": exists and is not a folder");
		write(config, seed, count, OutputFolder.at(folder), ending, progress, cancel);
	}

	/**
	 * Generates cases 0..count-1 into {@code out} (every file claimed through the guard, so a
	 * user's files are never overwritten; stale cases of an earlier, larger collection of ours are
	 * removed).
	 */
	public static void write(final RadiographConfig config, final long seed, final int count,
		final OutputFolder out, final String ending, final Progress progress,
		final Cancellation cancel) throws IOException
	{
		Checks.notNull(config, "config");
		final Set<String> written = new HashSet<>(files(count, ending));
		final String e = ending(ending);
		// NB: the csv marks a complete collection; an earlier one goes first
		out.delete(CSV);
		final StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
		for (int i = 0; i < count; i++) {
			cancel.check();
			progress.report((double) i / count, "radiograph " + (i + 1) + "/" + count);
			final RadiographCase c = RadiographPhantom.generate(config, seed, i);
			final String file = PhantomCollection.name(i) + e;
			final Volume image = c.image();
			VolumeIO.write(image, out.claim(PhantomCollection.IMAGES + "/" + file));
			VolumeIO.write(image.withPixels(c.lesions(), image.normalization()), out.claim(
				PhantomCollection.LABELS + "/" + file));
			long pixels = 0;
			for (final UnsignedByteType t : Views.iterable(c.lesions()))
				pixels += t.get();
			final double[] sp = image.spacing();
			csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%d,%s,%s,%s,%s%n",
				PhantomCollection.name(i), c.group(), c.nodules(), pixels, seed, i, config.width(), config
					.height(), sp[0], sp[1], config.photons(), Drr.MU_WATER_60KEV));
		}
		out.removeStale(PhantomCollection.IMAGES, written);
		out.removeStale(PhantomCollection.LABELS, written);
		out.writeString(CSV, csv.toString());
		progress.report(1, "radiograph phantom: " + count + " images written to " + out.dir());
	}

	private static String ending(final String ending) {
		Checks.require(ending != null && ENDINGS.contains(ending.toLowerCase(Locale.ROOT)), "format",
			"one of " + ENDINGS + ", got " + ending);
		return ending.toLowerCase(Locale.ROOT);
	}
}
