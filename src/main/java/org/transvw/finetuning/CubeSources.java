package org.transvw.finetuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.transvw.common.Cancellation;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.normalize.Normalizations;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The two ways to give labelled cubes for classification: a {@link Candidates} table (cubes
 * cropped around coordinates), or a folder with one sub-folder per class, sorted by name (class
 * 0 = first), each holding one volume per cube (cropped or mirror-padded to the cube size around
 * its centre). Images are normalised on reading for the given model
 * ({@link Normalizations#forModel}: a bundle's recipe, or null for a new model); each image file
 * is read once.
 */
public final class CubeSources {

	/**
	 * The cubes read, and the recipe their images were normalised with (that of the first image;
	 * {@code none} when there is none).
	 */
	public record Cubes(List<LabelledCube> cubes, IntensityRecipe normalization) {

		public Cubes {
			cubes = List.copyOf(cubes);
		}
	}

	private CubeSources() {}

	/** Cubes around the table's coordinates; rows without a label are refused. */
	public static Cubes fromTable(final Path csv, final int[] cube, final IntensityRecipe model,
		final Cancellation cancel) throws IOException
	{
		final List<Candidates.Candidate> rows = Candidates.read(csv);
		for (int i = 0; i < rows.size(); i++)
			if (rows.get(i).label() < 0) throw new IOException(csv + ": candidate " + (i + 1) +
				" has no label (the label column is required for training)");
		final Crops crops = crops(csv, rows, cube, model, cancel);
		final List<LabelledCube> out = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			final Candidates.Candidate c = rows.get(i);
			out.add(new LabelledCube(c.image().getFileName() + "@" + c.x() + "," + c.y() + "," + c.z(),
				crops.cubes().get(i), c.label()));
		}
		return new Cubes(out, crops.normalization());
	}

	/**
	 * The cubes cropped around a table's candidates, and the recipe their images were normalised
	 * with (that of the first image; {@code none} when there is none).
	 */
	public record Crops(List<Img<FloatType>> cubes, IntensityRecipe normalization) {

		public Crops {
			cubes = List.copyOf(cubes);
		}
	}

	/**
	 * The cube around every candidate of table {@code csv}, each image read and normalised once
	 * for the model with recipe {@code model} ({@link Normalizations#forModel}; null: a new
	 * model).
	 *
	 * @throws IOException naming the table row of a candidate outside its image
	 */
	public static Crops crops(final Path csv, final List<Candidates.Candidate> rows,
		final int[] cube, final IntensityRecipe model, final Cancellation cancel) throws IOException
	{
		final Map<Path, RandomAccessibleInterval<FloatType>> images = new HashMap<>();
		final List<Img<FloatType>> out = new ArrayList<>();
		IntensityRecipe applied = null;
		for (int i = 0; i < rows.size(); i++) {
			cancel.check();
			final Candidates.Candidate c = rows.get(i);
			RandomAccessibleInterval<FloatType> img = images.get(c.image());
			if (img == null) {
				final Volume v = Normalizations.forModel(VolumeIO.read(c.image(), 3), model);
				if (applied == null) applied = v.normalization().recipe();
				img = v.floats();
				images.put(c.image(), img);
			}
			Candidates.requireInside(csv, i, c, img.dimensionsAsLongArray());
			out.add(Candidates.crop(img, new long[] { c.x(), c.y(), c.z() }, cube));
		}
		return new Crops(out, applied == null ? IntensityRecipe.none() : applied);
	}

	/** Cubes from {@code root/<class>/*}; returns them with the class names in label order. */
	public static Cubes fromFolders(final Path root, final int[] cube, final IntensityRecipe model,
		final List<String> classNames, final Cancellation cancel) throws IOException
	{
		final List<Path> classes;
		try (Stream<Path> s = Files.list(root)) {
			classes = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(
				".")).sorted().collect(Collectors.toList());
		}
		if (classes.size() < 2) throw new IOException(root +
			": expected one sub-folder per class (at least 2), got " + classes.size());
		final List<LabelledCube> out = new ArrayList<>();
		IntensityRecipe applied = null;
		for (int k = 0; k < classes.size(); k++) {
			classNames.add(classes.get(k).getFileName().toString());
			final VolumeCollection c = VolumeCollection.open(classes.get(k));
			for (int i = 0; i < c.size(); i++) {
				cancel.check();
				final Volume v = Normalizations.forModel(c.load(i, 3), model);
				if (applied == null) applied = v.normalization().recipe();
				final RandomAccessibleInterval<FloatType> img = v.floats();
				final long[] centre = new long[3];
				for (int d = 0; d < 3; d++)
					centre[d] = img.dimension(d) / 2;
				out.add(new LabelledCube(classNames.get(k) + "/" + c.name(i), Candidates.crop(img, centre,
					cube), k));
			}
		}
		return new Cubes(out, applied == null ? IntensityRecipe.none() : applied);
	}
}
