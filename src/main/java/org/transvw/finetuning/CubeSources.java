package org.transvw.finetuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.transvw.common.Cancellation;
import org.transvw.data.InputConvention;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.GridHeaders;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;
import org.transvw.data.prepare.PreparedVolume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The two ways to give labelled cubes for classification: a {@link Candidates} table (cubes
 * cropped around coordinates), or a folder with one sub-folder per class, sorted by name (class
 * 0 = first), each holding one volume per cube (cropped or mirror-padded to the cube size around
 * its centre). Every image is read once and prepared by one {@code data.prepare.InputPlan}
 * (modality, the recipe for the model: a bundle's only for its own modality, the target spacing,
 * RAS), so training, validation and inference cubes are cut alike; each cube records its source
 * volume, the unit of {@link ClassificationData#split}.
 */
public final class CubeSources {

	/** The cubes read, and how their images were prepared (modality, recipe, spacing, RAS). */
	public record Prepared(List<LabelledCube> cubes, InputPlan input) {

		public Prepared {
			cubes = List.copyOf(cubes);
		}
	}

	private CubeSources() {}

	/**
	 * Cubes around the table's coordinates (voxel indices of each image as stored), every image
	 * prepared by one {@link InputPlan} (modality, recipe, the images' target spacing, RAS): the
	 * centre is mapped onto the prepared image ({@code GeometryPlan.toProcessed}) and the cube cut
	 * there. Each cube's source is its image file, the unit of {@link ClassificationData#split}.
	 *
	 * @param bundle the inputs of the bundle the classifier starts from, or null
	 */
	public static Prepared fromTable(final Path csv, final int[] cube, final InputOptions options,
		final InputConvention bundle, final Cancellation cancel) throws IOException
	{
		return fromTable(csv, cube, options, bundle, null, cancel);
	}

	/**
	 * As {@link #fromTable(Path, int[], InputOptions, InputConvention, Cancellation)}, with the
	 * images prepared by {@code decided} when not null (a held-out test table is prepared like
	 * the training one).
	 */
	public static Prepared fromTable(final Path csv, final int[] cube, final InputOptions options,
		final InputConvention bundle, final InputPlan decided, final Cancellation cancel)
		throws IOException
	{
		final List<Candidates.Candidate> rows = Candidates.read(csv);
		for (int i = 0; i < rows.size(); i++)
			if (rows.get(i).label() < 0) throw new IOException(csv + ": candidate " + (i + 1) +
				" has no label (the label column is required for training)");
		final Crops crops = crops(csv, rows, cube, options, bundle, decided, cancel);
		final List<LabelledCube> out = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			final Candidates.Candidate c = rows.get(i);
			out.add(new LabelledCube(c.image().getFileName() + "@" + c.x() + "," + c.y() + "," + c.z(),
				crops.cubes().get(i), c.label(), c.image().getFileName().toString()));
		}
		return new Prepared(out, crops.input());
	}

	/** The cubes around a table's candidates, and how their images were prepared. */
	public record Crops(List<Img<FloatType>> cubes, InputPlan input) {

		public Crops {
			cubes = List.copyOf(cubes);
		}
	}

	/**
	 * The cube around every candidate of table {@code csv} (voxel indices of each image as
	 * stored), every image read once and prepared by one {@link InputPlan} for a model with
	 * {@code bundle}'s inputs (null: a new model): the centre is mapped onto the prepared image
	 * ({@code GeometryPlan.toProcessed}) and the cube cut there, mirror-padded at the border.
	 *
	 * @throws IOException naming the table row of a candidate outside its image
	 */
	public static Crops crops(final Path csv, final List<Candidates.Candidate> rows,
		final int[] cube, final InputOptions options, final InputConvention bundle,
		final Cancellation cancel) throws IOException
	{
		return crops(csv, rows, cube, options, bundle, null, cancel);
	}

	private static Crops crops(final Path csv, final List<Candidates.Candidate> rows,
		final int[] cube, final InputOptions options, final InputConvention bundle,
		final InputPlan decided, final Cancellation cancel) throws IOException
	{
		final List<Path> files = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(
			Candidates.Candidate::image).toList()));
		final Images images = prepareAll(files, options, bundle, decided, cancel);
		final List<Img<FloatType>> out = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			final Candidates.Candidate c = rows.get(i);
			final PreparedVolume v = images.volumes().get(c.image());
			Candidates.requireInside(csv, i, c, v.plan().original().dims());
			final double[] at = v.plan().toProcessed(c.x(), c.y(), c.z());
			out.add(Candidates.crop(v.image().floats(), new long[] { Math.round(at[0]), Math.round(
				at[1]), Math.round(at[2]) }, cube));
		}
		return new Crops(out, images.plan());
	}

	/**
	 * Cubes from {@code root/<class>/*} (classes in name order, appended to {@code classNames}):
	 * each file prepared by one {@link InputPlan}, the cube cut around its centre; each file is its
	 * own source.
	 */
	public static Prepared fromFolders(final Path root, final int[] cube,
		final InputOptions options, final InputConvention bundle, final List<String> classNames,
		final Cancellation cancel) throws IOException
	{
		final List<Path> classes = classFolders(root);
		final List<Path> files = new ArrayList<>();
		final List<String> ids = new ArrayList<>();
		final List<Integer> labels = new ArrayList<>();
		for (int k = 0; k < classes.size(); k++) {
			classNames.add(classes.get(k).getFileName().toString());
			final VolumeCollection c = VolumeCollection.open(classes.get(k));
			for (int i = 0; i < c.size(); i++) {
				files.add(c.path(i));
				ids.add(classNames.get(k) + "/" + c.name(i));
				labels.add(k);
			}
		}
		final Images images = prepareAll(files, options, bundle, null, cancel);
		final List<LabelledCube> out = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			final RandomAccessibleInterval<FloatType> img = images.volumes().get(files.get(i)).image()
				.floats();
			final long[] centre = new long[3];
			for (int d = 0; d < 3; d++)
				centre[d] = img.dimension(d) / 2;
			out.add(new LabelledCube(ids.get(i), Candidates.crop(img, centre, cube), labels.get(i), ids
				.get(i)));
		}
		return new Prepared(out, images.plan());
	}

	/** Every file of a source prepared by one plan. */
	private record Images(InputPlan plan, Map<Path, PreparedVolume> volumes) {}

	private static List<Path> classFolders(final Path root) throws IOException {
		final List<Path> classes;
		try (Stream<Path> s = Files.list(root)) {
			classes = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(
				".")).sorted().collect(Collectors.toList());
		}
		if (classes.size() < 2) throw new IOException(root +
			": expected one sub-folder per class (at least 2), got " + classes.size());
		return classes;
	}

	/** One plan for every file (grids from headers, modality on the first), each prepared once. */
	private static Images prepareAll(final List<Path> files,
		final InputOptions options, final InputConvention bundle, final InputPlan decided,
		final Cancellation cancel) throws IOException
	{
		final List<String> names = new ArrayList<>();
		final List<Grid> grids = new ArrayList<>();
		for (final Path f : files) {
			names.add(f.getFileName().toString());
			grids.add(GridHeaders.read(f, options.voxel()));
		}
		Volume raw = VolumeIO.read(files.get(0), 3, options.voxel());
		final InputPlan plan = decided != null ? decided : InputPlan.decide(names, grids, raw,
			options, bundle);
		final Map<Path, PreparedVolume> out = new LinkedHashMap<>();
		for (int i = 0; i < files.size(); i++) {
			cancel.check();
			if (i > 0) raw = VolumeIO.read(files.get(i), 3, options.voxel());
			out.put(files.get(i), plan.prepare(raw, names.get(i)));
		}
		return new Images(plan, out);
	}
}
