package org.transvw.data.phantom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.transvw.common.AtomicFiles;
import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.data.Volume;
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
 * the spacing but not the direction, NIfTI keeps both. Each file is written atomically;
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

	/**
	 * Generates cases 0..count-1 and writes them under {@code folder} as {@code ending} files.
	 *
	 * @param ending one of {@link #ENDINGS}
	 * @throws java.util.concurrent.CancellationException when {@code cancel} fires
	 */
	public static void write(final RadiographConfig config, final long seed, final int count,
		final Path folder, final String ending, final Progress progress, final Cancellation cancel)
		throws IOException
	{
		Checks.notNull(config, "config");
		Checks.inRange(count, 1, 100_000, "count");
		Checks.notNull(folder, "folder");
		Checks.require(ending != null && ENDINGS.contains(ending.toLowerCase(Locale.ROOT)), "format",
			"one of " + ENDINGS + ", got " + ending);
		if (Files.exists(folder) && !Files.isDirectory(folder)) throw new IOException(folder +
			": exists and is not a folder");
		final Path images = folder.resolve("images"), labels = folder.resolve("labels");
		try {
			Files.createDirectories(images);
			Files.createDirectories(labels);
		}
		catch (final IOException e) {
			throw new IOException(folder + ": cannot create the output folders (" + e + ")", e);
		}
		final StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
		for (int i = 0; i < count; i++) {
			cancel.check();
			progress.report((double) i / count, "radiograph " + (i + 1) + "/" + count);
			final RadiographCase c = RadiographPhantom.generate(config, seed, i);
			final String file = PhantomCollection.name(i) + ending.toLowerCase(Locale.ROOT);
			final Volume image = c.image();
			VolumeIO.write(image, images.resolve(file));
			VolumeIO.write(image.withPixels(c.lesions(), image.normalization()), labels.resolve(file));
			long pixels = 0;
			for (final UnsignedByteType t : Views.iterable(c.lesions()))
				pixels += t.get();
			final double[] sp = image.spacing();
			csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%d,%s,%s,%s,%s%n",
				PhantomCollection.name(i), c.group(), c.nodules(), pixels, seed, i, config.width(), config
					.height(), sp[0], sp[1], config.photons(), Drr.MU_WATER_60KEV));
		}
		AtomicFiles.write(folder.resolve("radiograph.csv"), out -> out.write(csv.toString().getBytes(
			StandardCharsets.UTF_8)));
		progress.report(1, "radiograph phantom: " + count + " images written to " + folder);
	}
}
