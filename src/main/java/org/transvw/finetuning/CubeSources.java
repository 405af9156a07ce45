package org.transvw.finetuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.imglib2.img.Img;

import org.transvw.common.Cancellation;
import org.transvw.data.Volume;
import org.transvw.data.VolumeCollection;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The two ways to give labelled cubes for classification: a {@link Candidates} table (cubes
 * cropped around coordinates), or a folder with one sub-folder per class, sorted by name (class
 * 0 = first), each holding one volume per cube (cropped or mirror-padded to the cube size around
 * its centre). Images are normalised by the given rule on reading; each image file is read once.
 */
public final class CubeSources {

	private CubeSources() {}

	/** Cubes around the table's coordinates; rows without a label are refused. */
	public static List<LabelledCube> fromTable(final Path csv, final int[] cube,
		final Function<Volume, Volume> normalization, final Cancellation cancel) throws IOException
	{
		final List<Candidates.Candidate> rows = Candidates.read(csv);
		for (int i = 0; i < rows.size(); i++)
			if (rows.get(i).label() < 0) throw new IOException(csv + ": candidate " + (i + 1) +
				" has no label (the label column is required for training)");
		final List<Img<FloatType>> cubes = crops(csv, rows, cube, normalization, cancel);
		final List<LabelledCube> out = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			final Candidates.Candidate c = rows.get(i);
			out.add(new LabelledCube(c.image().getFileName() + "@" + c.x() + "," + c.y() + "," + c.z(),
				cubes.get(i), c.label()));
		}
		return out;
	}

	/**
	 * The cube around every candidate of table {@code csv}, each image read and normalised once.
	 *
	 * @throws IOException naming the table row of a candidate outside its image
	 */
	public static List<Img<FloatType>> crops(final Path csv, final List<Candidates.Candidate> rows,
		final int[] cube, final Function<Volume, Volume> normalization, final Cancellation cancel)
		throws IOException
	{
		final Map<Path, RandomAccessibleInterval<FloatType>> images = new HashMap<>();
		final List<Img<FloatType>> out = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			cancel.check();
			final Candidates.Candidate c = rows.get(i);
			final RandomAccessibleInterval<FloatType> img = image(images, c.image(), normalization);
			Candidates.requireInside(csv, i, c, img.dimensionsAsLongArray());
			out.add(Candidates.crop(img, new long[] { c.x(), c.y(), c.z() }, cube));
		}
		return out;
	}

	/** Cubes from {@code root/<class>/*}; returns them with the class names in label order. */
	public static List<LabelledCube> fromFolders(final Path root, final int[] cube,
		final Function<Volume, Volume> normalization, final List<String> classNames,
		final Cancellation cancel) throws IOException
	{
		final List<Path> classes;
		try (Stream<Path> s = Files.list(root)) {
			classes = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(
				".")).sorted().collect(Collectors.toList());
		}
		if (classes.size() < 2) throw new IOException(root +
			": expected one sub-folder per class (at least 2), got " + classes.size());
		final List<LabelledCube> out = new ArrayList<>();
		for (int k = 0; k < classes.size(); k++) {
			classNames.add(classes.get(k).getFileName().toString());
			final VolumeCollection c = VolumeCollection.open(classes.get(k));
			for (int i = 0; i < c.size(); i++) {
				cancel.check();
				final RandomAccessibleInterval<FloatType> img = normalization.apply(c.load(i, 3)).floats();
				final long[] centre = new long[3];
				for (int d = 0; d < 3; d++)
					centre[d] = img.dimension(d) / 2;
				out.add(new LabelledCube(classNames.get(k) + "/" + c.name(i), Candidates.crop(img, centre,
					cube), k));
			}
		}
		return out;
	}

	static RandomAccessibleInterval<FloatType> image(
		final Map<Path, RandomAccessibleInterval<FloatType>> cache, final Path file,
		final Function<Volume, Volume> normalization) throws IOException
	{
		RandomAccessibleInterval<FloatType> img = cache.get(file);
		if (img == null) {
			img = normalization.apply(org.transvw.data.io.VolumeIO.read(file, 3)).floats();
			cache.put(file, img);
		}
		return img;
	}
}
