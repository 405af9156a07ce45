package org.transvw.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.common.SeededSplit;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.prepare.InputPlan;
import org.transvw.discovery.dataset.DatasetHeader;
import org.transvw.discovery.dataset.InstanceRecord;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDatasetWriter;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Self-discovery of visual words (paper section III-A; method.md §2): from an unlabeled
 * collection folder to a visual-word dataset folder.
 * <ol>
 * <li>Decide the inputs ({@link InputPlan}: modality, normalisation, the collection's target
 * spacing, RAS; method.md §2.1): every later step sees the scans resampled to that spacing, so
 * the auto-encoder grid, the coordinates and the cubes are in the same physical units for every
 * patient.</li>
 * <li>Split the patients (seeded) into training and held-apart validation patients.</li>
 * <li>Resize every scan to the grid and compute patient features ({@link FeatureExtractor}).</li>
 * <li>For each class c = 0..C-1: draw an unused random reference among the training patients;
 * take its K nearest training patients (reference included) and the nearest validation
 * patients ({@link NearestPatients}); draw a coordinate valid in all of them
 * ({@link CoordinateSampler}), else take a new reference; crop every chosen patient
 * ({@link MultiScaleCropper}: K x (1 + random scales) training and kValidation validation
 * instances) and commit them as shard c.</li>
 * </ol>
 * <b>Reproducibility.</b> Class c draws from {@code seed -> fork("word") -> fork(c)} and the
 * crops of patient p from {@code fork("crop") -> fork(c) -> fork(p)}; the used references and
 * earlier coordinates are stored with each shard. Hence identical seeds give byte-identical
 * datasets, and a run interrupted at any point (crash or cancel) resumes from the last
 * committed class and produces the same dataset as an uninterrupted one.
 * <p>
 * Memory: one patient volume at a time plus one record buffer; everything else streams from
 * disk. Features and the auto-encoder are cached in {@code out/features/}.
 *
 * <pre>{@code
 * SelfDiscoveryResult r = SelfDiscovery.run(collectionDir, datasetDir,
 * 	SelfDiscoveryConfig.defaults().withSeed(7), progress, cancellation);
 * }</pre>
 */
public final class SelfDiscovery {

	/** Sub-folder of the dataset folder holding the resized scans, auto-encoder and features. */
	public static final String CACHE = "features";

	private SelfDiscovery() {}

	/** Runs (or resumes) self-discovery. */
	public static SelfDiscoveryResult run(final Path collectionDir, final Path out,
		final SelfDiscoveryConfig requested, final Progress progress, final Cancellation cancel)
		throws IOException
	{
		final long start = System.nanoTime();
		final VolumeCollection collection = VolumeCollection.open(collectionDir).withVoxel(requested
			.input().voxel());
		final int n = collection.size();
		Checks.require(n >= 2, "input", "a collection of at least 2 scans, " + collectionDir +
			" holds " + n);
		final SelfDiscoveryConfig config = forDimensions(requested, collection.dimensions(0).length,
			collection.name(0), progress);
		final boolean[] isValidation = splitValidation(n, config.validationFraction(), config
			.seed());
		final int[] train = indices(isValidation, false), val = indices(isValidation, true);
		final int numClasses = config.effectiveClasses(train.length);
		final int k = config.effectiveK(train.length);
		final int kVal = config.effectiveKValidation(val.length);
		final String counts = config.explainCounts(train.length, val.length);
		progress.report(0, "self-discovery: " + counts);
		final Path cache = out.resolve(CACHE);
		final InputPlan input = Scans.plan(collection, config.input());
		final Scans scans = new Scans(collection, input, cache);

		final ScanGrid.Result grid = ScanGrid.build(scans, isValidation, config.extractor()
			.grid(), cache, progress.subRange(0, 0.1), cancel);
		final CoordinateSampler sampler = new CoordinateSampler(config.crops(), config.rules());
		for (int i = 0; i < n; i++)
			sampler.requireLargeEnough(scans.name(i), grid.dims()[i]);
		final float[][] features;
		try (var g = grid.grid()) {
			features = FeatureExtractor.extract(g, grid.key(), config.extractor(), config.seed(),
				cache, progress.subRange(0.1, 0.5), cancel);
		}
		final NearestPatients np = new NearestPatients(select(features, train), select(features,
			val));

		final List<String> names = new ArrayList<>();
		for (int i = 0; i < n; i++)
			names.add(scans.name(i));
		final Map<String, Object> params = config.toMap();
		params.put("effectiveClasses", numClasses);
		params.put("effectiveK", k);
		params.put("effectiveKValidation", kVal);
		params.put("counts", counts);
		params.put("trainPatients", Arrays.stream(train).boxed().toList());
		params.put("validationPatients", Arrays.stream(val).boxed().toList());
		params.put("input", input.toMap());
		final DatasetHeader header = new DatasetHeader(config.crops().patch(), numClasses, k, input
			.convention(), config.seed(), collection.fingerprint(), names, params);

		final List<VisualWord> words = new ArrayList<>();
		final RandomStreams root = RandomStreams.seeded(config.seed());
		final MultiScaleCropper cropper = new MultiScaleCropper(config.crops());
		final Progress wordProgress = progress.subRange(0.5, 1);
		// NB: fresh (the auto-encoder training's flag, the command's fresh key) also replaces a
		// dataset of other settings, e.g. one cut from an earlier generation of the collection
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(out, header, config
			.extractor().training().fresh()))
		{
			for (int c = 0; c < w.committedShards(); c++)
				words.add(VisualWord.fromMap(w.shardMeta(c)));
			for (int c = w.committedShards(); c < numClasses; c++) {
				final VisualWord word = findWord(c, words, np, train, val, k, kVal, scans, grid.dims(),
					sampler, root.fork("word").fork(c), cancel);
				cropWord(word, w, scans, cropper, root.fork("crop").fork(c), wordProgress.subRange(
					(double) c / numClasses, (c + 1.0) / numClasses), cancel);
				w.commitShard(word.toMap());
				words.add(word);
			}
			w.finish();
		}
		progress.report(1, "self-discovery done: " + numClasses + " visual words");
		return new SelfDiscoveryResult(out, words, numClasses, k, kVal, train.length, val.length,
			(System.nanoTime() - start) / 1e9, input);
	}

	/**
	 * The configuration for images of {@code dims} axes: the patch must have as many sizes; the
	 * criterion {@code auto} and the whole-scan grid follow the images
	 * ({@link TissueCriterion#forDimensions}, {@link ExtractorSettings#forDimensions}; logged when
	 * they change).
	 */
	static SelfDiscoveryConfig forDimensions(final SelfDiscoveryConfig config, final int dims,
		final String first, final Progress progress)
	{
		final int[] patch = config.crops().patch();
		Checks.require(patch.length == dims, "patch", (dims == 2
			? "2 sizes x,y such as 224,224 for the 2D images of the collection (e.g. "
			: "3 sizes x,y,z such as 64,64,32 for the volumes of the collection (e.g. ") + first +
			"), got " + Arrays.toString(patch));
		SelfDiscoveryConfig c = config;
		final TissueCriterion criterion = c.rules().criterion().forDimensions(dims);
		if (criterion != c.rules().criterion()) {
			progress.report(Double.NaN, "criterion: " + criterion.describe() + " (auto: " + (dims == 2
				? "2D images" : "volumes") + ")");
			c = c.withRules(c.rules().withCriterion(criterion));
		}
		final ExtractorSettings e = c.extractor().forDimensions(dims);
		if (e == c.extractor()) return c;
		progress.report(Double.NaN, "grid: " + Arrays.toString(e.grid()) + " for the 2D images (the x, y " +
			"of grid " + Arrays.toString(c.extractor().grid()) + ")");
		return c.withExtractor(e);
	}

	/** Reference, neighbours and coordinate of class {@code c}. */
	private static VisualWord findWord(final int c, final List<VisualWord> earlier,
		final NearestPatients np, final int[] train, final int[] val, final int k, final int kVal,
		final Scans scans, final long[][] dims, final CoordinateSampler sampler,
		final RandomStreams rng, final Cancellation cancel) throws IOException
	{
		final Set<Integer> used = new HashSet<>();
		final List<long[]> previous = new ArrayList<>();
		for (final VisualWord w : earlier) {
			for (final int r : w.consumedReferences())
				used.add(r);
			previous.add(w.coordinate());
		}
		final List<Integer> consumed = new ArrayList<>();
		while (true) {
			cancel.check();
			final List<Integer> free = new ArrayList<>();
			for (int t = 0; t < train.length; t++)
				if (!used.contains(train[t])) free.add(t);
			if (free.isEmpty()) throw new IllegalArgumentException("classes: found only " + c +
				" visual words; every one of the " + train.length + " training patients was tried " +
				"as a reference. Use fewer classes, a smaller patch, smaller margins or another " +
				"criterion");
			final int ref = free.get(rng.nextInt(free.size()));
			used.add(train[ref]);
			consumed.add(train[ref]);
			final int[] nearTrain = np.nearestTrain(ref, k);
			final int[] nearVal = np.nearestValidation(ref, kVal);
			final List<long[]> chosen = new ArrayList<>();
			for (final int t : nearTrain)
				chosen.add(dims[train[t]]);
			for (final int v : nearVal)
				chosen.add(dims[val[v]]);
			final Optional<long[]> coordinate = sampler.sample(chosen, scans.normalized(train[ref]),
				previous, rng);
			if (coordinate.isPresent()) return new VisualWord(c, train[ref], coordinate.get(),
				Arrays.stream(nearTrain).map(t -> train[t]).toArray(), Arrays.stream(nearVal).map(
					v -> val[v]).toArray(), consumed.stream().mapToInt(Integer::intValue).toArray());
		}
	}

	private static void cropWord(final VisualWord word, final VisualWordDatasetWriter w,
		final Scans scans, final MultiScaleCropper cropper, final RandomStreams rng,
		final Progress progress, final Cancellation cancel) throws IOException
	{
		final int total = word.trainPatients().length + word.validationPatients().length;
		int done = 0;
		for (final int p : word.trainPatients()) {
			cancel.check();
			final RandomAccessibleInterval<FloatType> vol = scans.normalized(p);
			for (final MultiScaleCropper.Crop crop : cropper.all(vol, word.coordinate(), rng.fork(p)))
				w.add(record(word.label(), p, crop, Split.TRAIN), crop.cube());
			progress.report((double) ++done / total, "visual word " + (word.label() + 1) +
				": patient " + done + "/" + total);
		}
		for (final int p : word.validationPatients()) {
			cancel.check();
			final MultiScaleCropper.Crop crop = cropper.fixed(scans.normalized(p), word.coordinate());
			w.add(record(word.label(), p, crop, Split.VALIDATION), crop.cube());
			progress.report((double) ++done / total, "visual word " + (word.label() + 1) +
				": patient " + done + "/" + total);
		}
	}

	private static InstanceRecord record(final int label, final int patient,
		final MultiScaleCropper.Crop crop, final Split split)
	{
		final long[] c = crop.corner();
		return new InstanceRecord(label, patient, (int) c[0], (int) c[1], c.length > 2 ? (int) c[2]
			: 0, crop.scale(), crop.resolution(), split);
	}

	/**
	 * The held-apart validation patients: {@code round(fraction * n)} of them, at least one
	 * training patient left, chosen by a seeded shuffle.
	 */
	static boolean[] splitValidation(final int n, final double fraction, final long seed) {
		return SeededSplit.holdOut(n, fraction, 0, RandomStreams.seeded(seed).fork("split"))
			.chosenMask();
	}

	private static int[] indices(final boolean[] flags, final boolean value) {
		final List<Integer> l = new ArrayList<>();
		for (int i = 0; i < flags.length; i++)
			if (flags[i] == value) l.add(i);
		return l.stream().mapToInt(Integer::intValue).toArray();
	}

	private static float[][] select(final float[][] all, final int[] idx) {
		final float[][] s = new float[idx.length][];
		for (int i = 0; i < idx.length; i++)
			s[i] = all[idx[i]];
		return s;
	}
}
