package org.transvw.finetuning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.common.SeededSplit;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Volume;
import org.transvw.data.geometry.GeometryChecks;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.normalize.Normalizations;

/**
 * Reads an images folder and a labels folder whose volumes are matched by file name (without
 * ending), e.g. {@code images/case_000.nii.gz} with {@code labels/case_000.nii.gz}, the layout of
 * a phantom collection and of nnU-Net's raw data. Labels must lie on their image's grid (same
 * size, spacing, origin and direction; refused naming both grids otherwise), so an evaluation
 * scores predictions on the grid the labels were drawn on. Every image is normalised on reading for the
 * given model ({@link Normalizations#forModel}: e.g. the pre-trained bundle's recipe) and
 * materialised by the caller's patch sampler only where patches are drawn.
 */
public final class LabelledFolders {

	private LabelledFolders() {}

	/** One matched case: its name, the (normalised) image and the label volume. */
	public record Pair(String name, Volume image, Volume labels) {}

	/**
	 * Training and validation cases after a seeded split, and the recipe their images were
	 * normalised with (that of the first case).
	 */
	public record Split(List<LabelledCase> train, List<LabelledCase> validation,
		IntensityRecipe normalization)
	{}

	/**
	 * @param model the recipe of the model the images are for ({@link Normalizations#forModel}):
	 *          a bundle's, null for a new model (each image gets its modality's default), or
	 *          {@link IntensityRecipe#none()} to read them as they are
	 * @throws IOException naming the folder or file that cannot be read, or an image without label
	 */
	public static List<Pair> read(final Path images, final Path labels,
		final IntensityRecipe model, final Progress progress, final Cancellation cancel)
		throws IOException
	{
		final VolumeCollection im = VolumeCollection.open(images);
		final VolumeCollection lb = VolumeCollection.open(labels);
		final Map<String, Integer> byName = new HashMap<>();
		for (int i = 0; i < lb.size(); i++)
			byName.put(lb.name(i), i);
		final List<Pair> out = new ArrayList<>();
		for (int i = 0; i < im.size(); i++) {
			cancel.check();
			progress.report((double) i / im.size(), "reading " + im.name(i));
			final Integer j = byName.get(im.name(i));
			if (j == null) throw new IOException(labels + ": no label volume named " + im.name(i) +
				" (labels are matched to images by file name)");
			final Volume image = im.load(i, 3);
			final Volume label = lb.load(j, 3);
			GeometryChecks.requireSameGrid(Grid.of(image), im.path(i).getFileName().toString(), Grid
				.of(label), lb.path(j).getFileName().toString());
			out.add(new Pair(im.name(i), Normalizations.forModel(image, model), label));
		}
		return out;
	}

	/**
	 * Reads both folders and splits the cases: {@code validationFraction} of them (at least one,
	 * at most all but one) chosen by a seeded shuffle become validation cases.
	 *
	 * @param model as for {@link #read}
	 */
	public static Split readSplit(final Path images, final Path labels, final IntensityRecipe model,
		final double validationFraction, final long seed, final Progress progress,
		final Cancellation cancel) throws IOException
	{
		Checks.require(validationFraction > 0 && validationFraction < 1, "validation",
			"a fraction in (0, 1), got " + validationFraction);
		final List<Pair> all = read(images, labels, model, progress, cancel);
		Checks.require(all.size() >= 2, "images", "at least 2 labelled cases (one for validation), " +
			"got " + all.size());
		final SeededSplit split = SeededSplit.holdOut(all.size(), validationFraction, 1, RandomStreams
			.seeded(seed).fork("validation split"));
		return new Split(cases(split.rest(all)), cases(split.chosen(all)), all.get(0).image()
			.normalization().recipe());
	}

	private static List<LabelledCase> cases(final List<Pair> pairs) {
		final List<LabelledCase> out = new ArrayList<>(pairs.size());
		for (final Pair e : pairs)
			out.add(new LabelledCase(e.name(), e.image().floats(), e.labels().pixels()));
		return out;
	}
}
