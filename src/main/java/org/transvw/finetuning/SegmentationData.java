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
import org.transvw.data.InputConvention;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;
import org.transvw.data.prepare.PreparedVolume;

/**
 * Reads labelled collections for segmentation fine-tuning and prepares them the one way
 * ({@link InputPlan}: modality, normalisation, target spacing, RAS, optional crop; labels by
 * nearest neighbour, 255 kept), then splits them by volume into training, validation and test
 * cases ({@link FineTuneData}). Images and labels are matched by file name without ending
 * ({@code images/case_000.nii.gz} with {@code labels/case_000.nii.gz}); labels must lie on their
 * image's grid (refused naming both grids otherwise).
 * <p>
 * Split: with a test collection, it is the test set and the rest is split into training and
 * validation; otherwise {@code round(test * n)} cases (seeded, stream {@code seed ->
 * fork("test split")}) are held out first, then {@code validation} of the remaining ones (at
 * least one, stream {@code seed -> fork("validation split")}, as in round 1) validate.
 * <pre>{@code
 * FineTuneData d = SegmentationData.read(new SegmentationData.Sources(images, labels, null, null),
 * 	InputOptions.defaults(), bundle == null ? null : bundle.description().input(),
 * 	new SegmentationData.Split(0.2, 0.2, seed), progress, cancel);
 * }</pre>
 */
public final class SegmentationData {

	private SegmentationData() {}

	/**
	 * The folders: images and labels, and optionally a held-out test collection (both or
	 * neither).
	 */
	public record Sources(Path images, Path labels, Path testImages, Path testLabels) {

		public Sources {
			Checks.require(images != null && labels != null, "images, labels", "two folders, got " +
				images + ", " + labels);
			Checks.require((testImages == null) == (testLabels == null), "test", "a test images " +
				"folder together with its test labels folder, or neither");
		}
	}

	/**
	 * The split fractions and seed.
	 *
	 * @param validation fraction of the (non-test) cases that validate, in (0, 1)
	 * @param test fraction of all cases held out for testing, in [0, 1); ignored with a test
	 *          collection
	 * @param seed the run's seed
	 */
	public record Split(double validation, double test, long seed) {

		public Split {
			Checks.require(validation > 0 && validation < 1, "validation", "a fraction in (0, 1), got " +
				validation);
			Checks.require(test >= 0 && test < 1, "test", "a fraction in [0, 1), got " + test);
		}
	}

	/** The plan decided for the collection and the prepared cases, in collection order. */
	public record Prepared(InputPlan input, List<LabelledCase> cases) {}

	/**
	 * Reads, prepares and splits.
	 *
	 * @param bundle the inputs of the bundle fine-tuning starts from, or null (from scratch)
	 * @throws IOException naming the folder or file that cannot be read, or an image without label
	 * @throws IllegalArgumentException for bad input (modality, labels on another grid, split)
	 */
	public static FineTuneData read(final Sources sources, final InputOptions options,
		final InputConvention bundle, final Split split, final Progress progress,
		final Cancellation cancel) throws IOException
	{
		final Prepared main = prepare(sources.images(), sources.labels(), options, bundle, null,
			progress.subRange(0, sources.testImages() == null ? 1 : 0.8), cancel);
		List<LabelledCase> rest = main.cases();
		final List<LabelledCase> test;
		if (sources.testImages() != null) test = prepare(sources.testImages(), sources.testLabels(),
			options, bundle, main.input(), progress.subRange(0.8, 1), cancel).cases();
		else if (split.test() > 0) {
			Checks.require(rest.size() >= 3, "test", "at least 3 labelled cases to hold out a test " +
				"set next to training and validation, got " + rest.size());
			final SeededSplit t = SeededSplit.holdOut(rest.size(), split.test(), 1, RandomStreams
				.seeded(split.seed()).fork("test split"));
			test = t.chosen(rest);
			rest = t.rest(rest);
		}
		else test = List.of();
		Checks.require(rest.size() >= 2, "images", "at least 2 labelled cases besides the test " +
			"set (one for validation), got " + rest.size());
		final SeededSplit v = SeededSplit.holdOut(rest.size(), split.validation(), 1, RandomStreams
			.seeded(split.seed()).fork("validation split"));
		return new FineTuneData(v.rest(rest), v.chosen(rest), test, main.input().convention(), main
			.input());
	}

	/**
	 * Reads an images and a labels folder and prepares every case.
	 *
	 * @param decided a plan decided before (a test collection is prepared like the training
	 *          one), or null to decide one on these images
	 */
	public static Prepared prepare(final Path images, final Path labels,
		final InputOptions options, final InputConvention bundle, final InputPlan decided,
		final Progress progress, final Cancellation cancel) throws IOException
	{
		final VolumeCollection im = VolumeCollection.open(images).withVoxel(options.voxel());
		final VolumeCollection lb = VolumeCollection.open(labels).withVoxel(options.voxel());
		final Map<String, Integer> byName = new HashMap<>();
		for (int i = 0; i < lb.size(); i++)
			byName.put(lb.name(i), i);
		final List<String> names = new ArrayList<>();
		final List<Grid> grids = new ArrayList<>();
		for (int i = 0; i < im.size(); i++) {
			if (!byName.containsKey(im.name(i))) throw new IOException(labels + ": no label volume " +
				"named " + im.name(i) + " (labels are matched to images by file name)");
			names.add(im.path(i).getFileName().toString());
			grids.add(im.grid(i));
		}
		// every case has the first's dimensionality: volumes (3D) or 2D images
		final int dims = grids.get(0).numDimensions();
		Volume raw = im.load(0, dims);
		final InputPlan plan = decided != null ? decided : InputPlan.decide(names, grids, raw,
			options, bundle);
		final List<LabelledCase> out = new ArrayList<>();
		for (int i = 0; i < im.size(); i++) {
			cancel.check();
			progress.report((double) i / im.size(), "preparing " + im.name(i));
			if (i > 0) raw = im.load(i, dims);
			final int j = byName.get(im.name(i));
			final Volume rawLabels = lb.load(j, dims);
			final PreparedVolume p = plan.prepare(raw, im.name(i));
			final Volume onGrid = plan.prepareLabels(p, rawLabels, lb.displayName(j));
			out.add(p.plan().isIdentity() ? new LabelledCase(im.name(i), p.image().floats(), onGrid
				.pixels()) : new LabelledCase(im.name(i), p.image().floats(), onGrid.pixels(), p.plan(),
					rawLabels.pixels()));
		}
		return new Prepared(plan, out);
	}
}
