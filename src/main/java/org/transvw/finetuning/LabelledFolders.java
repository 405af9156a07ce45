package org.transvw.finetuning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.normalize.Normalizations;
import org.transvw.evaluation.SegmentationEvaluation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Reads an images folder and a labels folder whose volumes are matched by file name (without
 * ending), e.g. {@code images/case_000.nii.gz} with {@code labels/case_000.nii.gz}, the layout of
 * a phantom collection and of nnU-Net's raw data. Every image is normalised on reading for the
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
	{

		/**
		 * The cases smaller than {@code patch} along some axis, e.g. "case_0 [24, 24, 16]": their
		 * patches are mirror-padded ({@link PatchSampler}).
		 */
		public List<String> smallerThan(final int[] patch) {
			final List<String> small = new ArrayList<>();
			for (final LabelledCase c : all()) {
				final long[] d = c.image().dimensionsAsLongArray();
				for (int k = 0; k < Math.min(d.length, patch.length); k++)
					if (d[k] < patch[k]) {
						small.add(c.name() + " " + java.util.Arrays.toString(d));
						break;
					}
			}
			return small;
		}

		/**
		 * Checks every case's labels against {@code classes} (counting background), see
		 * {@link SparseLabels#requireValues}.
		 */
		public void requireClasses(final int classes) {
			for (final LabelledCase c : all())
				SparseLabels.requireValues(c, classes);
		}

		/** Training cases, then validation cases. */
		public List<LabelledCase> all() {
			final List<LabelledCase> all = new ArrayList<>(train);
			all.addAll(validation);
			return all;
		}
	}

	/** Matched pairs as the cases of an evaluation: prediction = image, truth = labels. */
	public static SegmentationEvaluation.CaseSource asCases(final List<Pair> pairs) {
		return new SegmentationEvaluation.CaseSource() {

			@Override
			public int size() {
				return pairs.size();
			}

			@Override
			public String name(final int i) {
				return pairs.get(i).name();
			}

			@Override
			public RandomAccessibleInterval<? extends RealType<?>> prediction(final int i) {
				return pairs.get(i).image().pixels();
			}

			@Override
			public RandomAccessibleInterval<? extends RealType<?>> truth(final int i) {
				return pairs.get(i).labels().pixels();
			}
		};
	}

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
			if (!java.util.Arrays.equals(image.dimensions(), label.dimensions())) throw new IOException(
				lb.path(j) + ": size " + java.util.Arrays.toString(label.dimensions()) +
					" differs from its image " + java.util.Arrays.toString(image.dimensions()));
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
		HoldOut.requireFraction(validationFraction);
		final List<Pair> all = read(images, labels, model, progress, cancel);
		final List<LabelledCase> cases = new ArrayList<>();
		for (final Pair e : all)
			cases.add(new LabelledCase(e.name(), e.image().floats(), e.labels().pixels()));
		final HoldOut<LabelledCase> h = HoldOut.split(cases, validationFraction, seed, "images",
			"cases");
		return new Split(h.train(), h.validation(), all.get(0).image().normalization().recipe());
	}
}
