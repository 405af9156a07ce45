package org.transvw.finetuning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.transvw.common.Checks;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;

import com.google.gson.Gson;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * Labkit's label TIFFs -> our sparse labels. Labkit ("Save labeling" as {@code .tif}) writes the
 * index image of its labeling — 8/16/32-bit integers where <b>0 = no label</b> and a value k >= 1
 * is the k-th set of labels — and, next to it, {@code <file>.tif.labels}, a JSON
 * {@code {"labelSets": [[], ["background"], ["foreground"], ...]}} naming the labels of each
 * value. Labkit opens a TIFF without that file as labels named "1", "2", ... for the values.
 * <p>
 * Conversion, explicitly:
 * <ul>
 * <li>value 0, or a value whose label set is empty: unlabelled ({@link SparseLabels#UNLABELLED});</li>
 * <li>with label sets: the one label name of the value by {@link ScribbleClasses} (Labkit's
 * default labels "background" and "foreground" become 0 and 1); a value with two labels at once
 * (overlapping Labkit labels) becomes unlabelled and is counted as a conflict;</li>
 * <li>without label sets: value k -> class k - 1, i.e. Labkit's first label is class 0 — right for
 * Labkit's default order background, foreground.</li>
 * </ul>
 */
public final class LabkitLabels {

	private static final int CONFLICT = -1, NO_SET = -2, TOO_MANY = -3;

	private LabkitLabels() {}

	/**
	 * @param index the Labkit index image (x, y, z), integer values
	 * @param labelSets the {@code .labels} file's sets by value, or null when there is none
	 * @throws IllegalArgumentException for a value that is no integer, has no set, or a label name
	 *           that follows no class rule
	 */
	public static Scribbles.Result toSparse(final RandomAccessibleInterval<? extends RealType<?>> index,
		final List<Set<String>> labelSets)
	{
		Checks.require(index.numDimensions() == 3, "Labkit labels", "a 3D image, got " + index
			.numDimensions() + "D");
		// per value: a class, UNLABELLED, CONFLICT, or NO_SET / TOO_MANY (refused when met)
		final int[] map = new int[65536];
		for (int v = 0; v < map.length; v++)
			map[v] = v == 0 ? SparseLabels.UNLABELLED : labelSets != null ? NO_SET
				: v - 1 <= ScribbleClasses.MAX_CLASS ? v - 1 : TOO_MANY;
		if (labelSets != null) for (int v = 1; v < Math.min(labelSets.size(), map.length); v++)
			map[v] = classOf(labelSets.get(v), v);
		final Img<UnsignedByteType> out = PlanarImgs.unsignedBytes(index.dimensionsAsLongArray());
		final long[] counts = new long[ScribbleClasses.MAX_CLASS + 1];
		final long[] conflicts = { 0 };
		LoopBuilder.setImages(Views.zeroMin(index), out).forEachPixel((a, b) -> {
			final double d = a.getRealDouble();
			Checks.require(d >= 0 && d < map.length && d == Math.rint(d), "Labkit labels",
				"integer values 0.." + (map.length - 1) + ", got " + d);
			final int c = map[(int) d];
			Checks.require(c != NO_SET, "Labkit labels", "a label set for value " + (int) d +
				" in the .labels file (it lists " + (labelSets == null ? 0 : labelSets.size()) + ")");
			Checks.require(c != TOO_MANY, "Labkit labels", "at most " + (ScribbleClasses.MAX_CLASS +
				1) + " labels (values 1.." + (ScribbleClasses.MAX_CLASS + 1) + "), got value " + (int) d);
			if (c == CONFLICT) conflicts[0]++;
			else if (c != SparseLabels.UNLABELLED) counts[c]++;
			b.set(c < 0 ? SparseLabels.UNLABELLED : c);
		});
		int highest = -1, present = 0;
		for (int c = 0; c < counts.length; c++)
			if (counts[c] > 0) {
				highest = c;
				present++;
			}
		return new Scribbles.Result(out, java.util.Arrays.copyOf(counts, highest + 1), conflicts[0],
			present);
	}

	/**
	 * Reads a Labkit label TIFF and its {@code .labels} file if present, converted as
	 * {@link #toSparse} says.
	 *
	 * @throws IOException naming the file that cannot be read
	 */
	public static Scribbles.Result read(final Path tif) throws IOException {
		// NB: only the pixels are used (the labels take their image's grid), so a Labkit TIFF
		// without calibration is read with a placeholder voxel size instead of being refused
		final Volume v = VolumeIO.read(tif, new double[] { 1, 1, 1 });
		Checks.require(v.numDimensions() == 3 || v.numDimensions() == 2, "Labkit labels",
			"a 2D or 3D image");
		final RandomAccessibleInterval<? extends RealType<?>> px = v.numDimensions() == 3 ? v.pixels()
			: Views.addDimension(v.pixels(), 0, 0);
		final Path sidecar = tif.resolveSibling(tif.getFileName() + ".labels");
		List<Set<String>> sets = null;
		if (Files.isRegularFile(sidecar)) try {
			final Map<?, ?> m = new Gson().fromJson(Files.readString(sidecar, StandardCharsets.UTF_8),
				Map.class);
			sets = new ArrayList<>();
			for (final Object o : (List<?>) m.get("labelSets")) {
				final Set<String> names = new LinkedHashSet<>();
				for (final Object n : (List<?>) o)
					names.add(String.valueOf(n));
				sets.add(names);
			}
		}
		catch (final RuntimeException ex) {
			throw new IOException(sidecar + ": expected Labkit's {\"labelSets\": [[...], ...]}: " + ex
				.getMessage(), ex);
		}
		return toSparse(px, sets);
	}

	/** The class of one label set; {@link #CONFLICT} for two or more labels at once. */
	private static int classOf(final Set<String> set, final int value) {
		if (set == null || set.isEmpty()) return SparseLabels.UNLABELLED;
		if (set.size() > 1) return CONFLICT;
		final String name = set.iterator().next();
		final OptionalInt c = ScribbleClasses.classOf(name);
		Checks.require(c.isPresent(), "Labkit label '" + name + "' (value " + value + ")",
			"a class name: " + ScribbleClasses.rule());
		return c.getAsInt();
	}
}
