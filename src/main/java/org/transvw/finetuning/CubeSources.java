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
 * The three ways to give labelled cubes for classification: a {@link Candidates} table (cubes
 * cropped around coordinates in volumes), an {@link ImageLabels} table (one label per image, each
 * image classified whole: 2D radiographs, or whole volumes), or a folder with one sub-folder per
 * class, sorted by name (class 0 = first), each holding one image per cube. A whole image is
 * brought to the cube size (the {@code patch}) after the plan's resampling by a centre crop, or a
 * mirror padding where it is smaller (never by rescaling its intensities or its own spacing:
 * choose {@code spacing=} to fit a field of view into the patch); how many were cropped or padded
 * is noted. The dimensionality is the cube's: 2 sizes for 2D images, 3 for volumes; an image of
 * the other is refused, naming the table (or folder) and both dimensionalities. Every image is read once and prepared by one {@code data.prepare.InputPlan}
 * (modality, the recipe for the model: a bundle's only for its own modality, the target spacing,
 * RAS), so training, validation and inference cubes are cut alike; each cube records its source
 * volume, the unit of {@link ClassificationData#split}.
 */
public final class CubeSources {

	/**
	 * The cubes read, how their images were prepared (modality, recipe, spacing, RAS), and notes
	 * for the log (whole images cropped or padded to the cube).
	 */
	public record Prepared(List<LabelledCube> cubes, InputPlan input, List<String> notes) {

		public Prepared {
			cubes = List.copyOf(cubes);
			notes = List.copyOf(notes);
		}

		public Prepared(final List<LabelledCube> cubes, final InputPlan input) {
			this(cubes, input, List.of());
		}
	}

	/** The header of a candidates table, as messages spell it. */
	private static final String CANDIDATES_HEADER = "image,x,y,z[,label]";

	/**
	 * The dimensionality of the images of a classification source (2 for 2D images, 3 for
	 * volumes), from the first image's header: a candidates table holds volumes (3); a per-image
	 * table ({@link ImageLabels}) and a class folder have their first image's.
	 *
	 * @param folder true for a folder of class sub-folders, false for a table
	 * @throws IOException naming the table: an unknown header, a missing or unreadable first file
	 */
	public static int dimensions(final Path source, final boolean folder, final double[] voxel)
		throws IOException
	{
		if (folder) return VolumeCollection.open(classFolders(source).get(0)).withVoxel(voxel).grid(
			0).numDimensions();
		if (!isImageTable(source)) return 3;
		return GridHeaders.read(ImageLabels.read(source).get(0).file(), voxel).numDimensions();
	}

	/**
	 * Whether {@code csv} is a per-image table ({@link ImageLabels#HEADER}) rather than a
	 * candidates table.
	 *
	 * @throws IOException for a table with neither header
	 */
	public static boolean isImageTable(final Path csv) throws IOException {
		return isImageTable(csv, true);
	}

	/**
	 * As {@link #isImageTable(Path)} for a table to classify, whose labels are optional: a
	 * per-image table may then also have the header {@code file} alone
	 * ({@link ImageLabels#UNLABELLED_HEADER}).
	 */
	public static boolean isImageTableToClassify(final Path csv) throws IOException {
		return isImageTable(csv, false);
	}

	private static boolean isImageTable(final Path csv, final boolean labelled)
		throws IOException
	{
		final String h = ImageLabels.header(csv);
		if (labelled ? ImageLabels.isHeader(h) : ImageLabels.isUnlabelledHeader(h)) return true;
		if (h.replaceAll("\\s*,\\s*", ",").toLowerCase(java.util.Locale.ROOT).startsWith(
			"image,x,y,z")) return false;
		throw new IOException(csv + ": expected the header " + CANDIDATES_HEADER + " (candidates " +
			"in volumes) or " + (labelled ? ImageLabels.HEADER : ImageLabels.UNLABELLED_HEADER) +
			" (one " + (labelled ? "label" : "row") + " per image), got '" + h + "'");
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
		if (isImageTable(csv)) return fromImageTable(csv, cube, options, bundle, decided, cancel);
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
		if (cube.length != 3) throw new IllegalArgumentException("table: expected 2D images in a " +
			"table " + ImageLabels.HEADER + " for the 2D patch " + sizes(cube) + ", got a " +
			"candidates table " + CANDIDATES_HEADER + " (voxel coordinates in volumes): " + csv);
		final Images images = prepareAll(files, 3, "table", f -> "in " + f.getFileName() +
			" (a candidates table " + CANDIDATES_HEADER + " holds volumes; give 2D images a table " +
			ImageLabels.HEADER + ")", options, bundle, decided, cancel);
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
		final Images images = prepareAll(files, cube.length, "folder", f -> "in " + root
			.relativize(f) + " (one folder holds 2D images or volumes, as many axes as the patch " +
			sizes(cube) + ")", options, bundle, null, cancel);
		final List<LabelledCube> out = new ArrayList<>();
		final Fit fit = new Fit(cube);
		for (int i = 0; i < files.size(); i++)
			out.add(new LabelledCube(ids.get(i), fit.whole(images.volumes().get(files.get(i)).image()
				.floats()), labels.get(i), ids.get(i)));
		return new Prepared(out, images.plan(), fit.notes());
	}

	/**
	 * One cube per row of a per-image table ({@link ImageLabels}): each image prepared by one
	 * {@link InputPlan} (decided here unless {@code decided} is given) and brought whole to the
	 * cube (centre crop, or mirror padding where smaller); each cube's source is its row's
	 * patient (else its file), the unit of {@link ClassificationData#split}.
	 *
	 * @throws IllegalArgumentException naming {@code table} for an image with another number of
	 *           axes than the cube
	 */
	public static Prepared fromImageTable(final Path csv, final int[] cube,
		final InputOptions options, final InputConvention bundle, final InputPlan decided,
		final Cancellation cancel) throws IOException
	{
		final List<ImageLabels.Row> rows = ImageLabels.read(csv);
		final Wholes w = wholes(rows, cube, "one table holds 2D images or volumes, as many axes as " +
			"the patch " + sizes(cube), options, bundle, decided, cancel);
		final List<LabelledCube> out = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			final ImageLabels.Row r = rows.get(i);
			out.add(new LabelledCube(r.name(), w.cubes().get(i), r.label(), r.patient()));
		}
		return new Prepared(out, w.input(), w.notes());
	}

	/**
	 * The whole images of a per-image table's rows brought to the cube, how they were prepared,
	 * and the notes of {@link #fromImageTable} (cropped, padded).
	 */
	public record Wholes(List<Img<FloatType>> cubes, InputPlan input, List<String> notes) {

		public Wholes {
			cubes = List.copyOf(cubes);
			notes = List.copyOf(notes);
		}
	}

	/**
	 * The cube of every row of a per-image table to classify ({@link ImageLabels#readUnlabelled}),
	 * prepared exactly as {@link #fromImageTable} prepares training images: one {@link InputPlan}
	 * for a model with {@code bundle}'s inputs (its recipe for its own modality, its spacing, RAS),
	 * each image brought whole to the cube (centre crop, or mirror padding where smaller).
	 *
	 * @param why the end of the message refusing an image of another number of axes than the cube
	 *          (after "row N; "), e.g. what the bundle's classifier takes
	 * @throws IllegalArgumentException naming {@code table} for such an image
	 */
	public static Wholes wholeImages(final List<ImageLabels.Row> rows, final int[] cube,
		final String why, final InputOptions options, final InputConvention bundle,
		final Cancellation cancel) throws IOException
	{
		return wholes(rows, cube, why, options, bundle, null, cancel);
	}

	private static Wholes wholes(final List<ImageLabels.Row> rows, final int[] cube,
		final String why, final InputOptions options, final InputConvention bundle,
		final InputPlan decided, final Cancellation cancel) throws IOException
	{
		final Map<Path, Integer> rowOf = new java.util.HashMap<>();
		final List<Path> files = new ArrayList<>();
		for (final ImageLabels.Row r : rows) {
			files.add(r.file());
			rowOf.put(r.file(), r.row());
		}
		final Images images = prepareAll(files, cube.length, "table", f -> "in " + f
			.getFileName() + " (row " + rowOf.get(f) + "; " + why + ")", options, bundle, decided,
			cancel);
		final Fit fit = new Fit(cube);
		final List<Img<FloatType>> out = new ArrayList<>();
		for (final ImageLabels.Row r : rows)
			out.add(fit.whole(images.volumes().get(r.file()).image().floats()));
		return new Wholes(out, images.plan(), fit.notes());
	}

	/**
	 * Refuses cubes whose label is not a class of {@code classes}, naming {@code key} (the
	 * table or folder), the cube and the range.
	 */
	public static void requireLabels(final List<LabelledCube> cubes, final int classes,
		final String key)
	{
		for (final LabelledCube c : cubes)
			if (c.label() >= classes) throw new IllegalArgumentException(key + ": expected labels " +
				"0.." + (classes - 1) + " for classes=" + classes + ", got " + c.label() + " for " + c
					.id());
	}

	/** Whole images brought to the cube, counting those cropped and those padded. */
	private static final class Fit {

		private final int[] cube;
		private int cropped, padded, n;

		Fit(final int[] cube) {
			this.cube = cube;
		}

		/** The image centred in the cube: cropped along axes where larger, mirror-padded where smaller. */
		Img<FloatType> whole(final RandomAccessibleInterval<FloatType> img) {
			final long[] min = new long[cube.length];
			boolean larger = false, smaller = false;
			for (int d = 0; d < cube.length; d++) {
				min[d] = img.min(d) + img.dimension(d) / 2 - cube[d] / 2;
				larger |= img.dimension(d) > cube[d];
				smaller |= img.dimension(d) < cube[d];
			}
			n++;
			if (larger) cropped++;
			if (smaller) padded++;
			return org.transvw.data.FloatImages.crop(img, min, cube);
		}

		List<String> notes() {
			final List<String> m = new ArrayList<>();
			if (cropped > 0) m.add("patch: " + cropped + " of " + n + " images are larger than the " +
				"patch " + sizes(cube) + " after resampling: centre-cropped (a coarser spacing= shows " +
				"more of each)");
			if (padded > 0) m.add("patch: " + padded + " of " + n + " images are smaller than the " +
				"patch " + sizes(cube) + " after resampling: mirror-padded");
			if (m.isEmpty()) m.add("patch: every image fills the patch " + sizes(cube) + " exactly");
			return m;
		}
	}

	private static String sizes(final int[] cube) {
		return java.util.Arrays.toString(cube).replaceAll("[\\[\\] ]", "");
	}

	/** Every file of a source prepared by one plan. */
	private record Images(InputPlan plan, Map<Path, PreparedVolume> volumes) {}

	/**
	 * The grid of {@code f}; a colour image is refused naming {@code key}: this path reads grey
	 * levels only (the readers' {@code RgbConversion} is not offered here).
	 */
	private static Grid grid(final Path f, final String key, final double[] voxel)
		throws IOException
	{
		try {
			return GridHeaders.read(f, voxel);
		}
		catch (final IOException e) {
			final String m = String.valueOf(e.getMessage());
			if (!m.contains("expected a grey-level image, got RGB")) throw e;
			throw new IllegalArgumentException(key + ": expected grey-level images, got the RGB " +
				"image " + f.getFileName() + (m.contains("channels are equal")
					? " (its three channels are equal: a grey image stored as RGB)"
					: " (its channels differ: colour content)") + "; this command converts no " +
				"colour: convert it to grey first (ImageJ: Image > Type > 32-bit averages r, g, b, " +
				"exact for grey stored as RGB)", e);
		}
	}

	private static String what(final int d) {
		return d == 2 ? "a 2D image" : d == 3 ? "a 3D volume" : "an image of " + d + " axes";
	}

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

	/**
	 * One plan for every file (grids from headers, modality on the first), each prepared once;
	 * every file must have {@code dims} axes.
	 *
	 * @param key the parameter a file of the wrong dimensionality is refused under
	 * @param where where such a file is, for the message
	 */
	private static Images prepareAll(final List<Path> files, final int dims, final String key,
		final java.util.function.Function<Path, String> where, final InputOptions options,
		final InputConvention bundle, final InputPlan decided, final Cancellation cancel)
		throws IOException
	{
		final List<String> names = new ArrayList<>();
		final List<Grid> grids = new ArrayList<>();
		for (final Path f : files) {
			names.add(f.getFileName().toString());
			final Grid g = grid(f, key, options.voxel());
			if (g.numDimensions() != dims) throw new IllegalArgumentException(key + ": expected " +
				what(dims) + ", found " + what(g.numDimensions()) + " " + java.util.Arrays.toString(g
					.dims()) + " " + where.apply(f));
			grids.add(g);
		}
		Volume raw = VolumeIO.read(files.get(0), dims, options.voxel());
		final InputPlan plan = decided != null ? decided : InputPlan.decide(names, grids, raw,
			options, bundle);
		final Map<Path, PreparedVolume> out = new LinkedHashMap<>();
		for (int i = 0; i < files.size(); i++) {
			cancel.check();
			if (i > 0) raw = VolumeIO.read(files.get(i), dims, options.voxel());
			out.put(files.get(i), plan.prepare(raw, names.get(i)));
		}
		return new Images(plan, out);
	}
}
