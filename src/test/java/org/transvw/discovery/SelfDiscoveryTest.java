package org.transvw.discovery;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.normalize.Normalizations;
import org.transvw.data.phantom.PhantomCollection;
import org.transvw.data.phantom.PhantomConfig;
import org.transvw.discovery.dataset.InstanceRecord;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDataset;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Self-discovery end to end on a phantom collection with 4 groups of look-alike patients, with a
 * tiny true auto-encoder (no skip connections, width 4, grid 32 x 32 x 16) and 8 x 8 x 4 patches (48 x 48 x 24 scans,
 * whose lungs are about 10 voxels wide).
 */
@Category(EngineTests.class)
public class SelfDiscoveryTest {

	@ClassRule
	public static TemporaryFolder tmp = new TemporaryFolder();

	private static final int PATIENTS = 16, GROUPS = 4;
	private static Path collection;
	private static Map<String, Integer> groups;
	private static SelfDiscoveryConfig config;
	private static Path first;
	private static SelfDiscoveryResult result;

	@BeforeClass
	public static void discoverOnce() throws IOException {
		final Path phantoms = tmp.newFolder("phantoms").toPath();
		PhantomCollection.write(PhantomConfig.defaults().withSize(48, 48, 24).withGroups(GROUPS)
			.withLesions(false), 11, PATIENTS, phantoms, Progress.NONE, Cancellation.NEVER);
		collection = phantoms.resolve("images");
		groups = new HashMap<>();
		for (final String line : Files.readAllLines(phantoms.resolve("phantom.csv")).subList(1,
			PATIENTS + 1))
		{
			final String[] f = line.split(",");
			groups.put(stem(f[0]), Integer.parseInt(f[1]));
		}
		config = SelfDiscoveryConfig.defaults().withPatch(8, 8, 4).withCounts(4, 3, 2)
			.withValidationFraction(0.25).withExtractor(ExtractorSettings.defaults().withGrid(32, 32,
				16).withNetwork(4, false).withTraining(ExtractorSettings.defaultTraining().withMaxEpochs(6)
					.withBatch(4)).withDevice("cpu")).withSeed(5);
		first = tmp.newFolder("first").toPath();
		result = SelfDiscovery.run(collection, first, config, Progress.NONE, Cancellation.NEVER);
	}

	@Test
	public void everyWordHasKTimesThreeBalancedInstancesOfThePatchSize() throws IOException {
		try (VisualWordDataset ds = VisualWordDataset.open(first)) {
			assertEquals(4, ds.numClasses());
			assertEquals(3, ds.k());
			assertEquals(IntensityRecipe.ctDefault(), ds.normalization());
			assertEquals(4 * 3 * 3, ds.size(Split.TRAIN));
			assertEquals(4 * 2, ds.size(Split.VALIDATION));
			final int[] perClass = new int[4], perClassVal = new int[4];
			for (int i = 0; i < ds.size(Split.TRAIN); i++) {
				perClass[ds.record(Split.TRAIN, i).label()]++;
				assertArrayEquals(new long[] { 8, 8, 4 }, ds.cube(Split.TRAIN, i)
					.dimensionsAsLongArray());
			}
			for (int i = 0; i < ds.size(Split.VALIDATION); i++)
				perClassVal[ds.record(Split.VALIDATION, i).label()]++;
			assertArrayEquals(new int[] { 9, 9, 9, 9 }, perClass);
			assertArrayEquals(new int[] { 2, 2, 2, 2 }, perClassVal);
		}
	}

	@Test
	public void instancesComeFromTheChosenPatientsAtTheWordCoordinate() throws IOException {
		try (VisualWordDataset ds = VisualWordDataset.open(first)) {
			for (int i = 0; i < ds.size(Split.TRAIN); i++) {
				final InstanceRecord r = ds.record(Split.TRAIN, i);
				final VisualWord w = result.words().get(r.label());
				assertTrue(contains(w.trainPatients(), r.patient()));
				if (r.resolution() == 0) assertArrayEquals(w.coordinate(), new long[] { r.x(), r.y(), r
					.z() });
			}
			final Set<Integer> val = new HashSet<>();
			for (int i = 0; i < ds.size(Split.VALIDATION); i++)
				val.add(ds.record(Split.VALIDATION, i).patient());
			for (final VisualWord w : result.words())
				for (final int p : w.trainPatients())
					assertFalse("validation patients are held apart", val.contains(p));
		}
	}

	@Test
	public void coordinatesRespectMarginsDistanceAndTheLungCriterion() throws IOException {
		final CoordinateSampler sampler = new CoordinateSampler(config.crops(), config.rules());
		final VolumeCollection col = VolumeCollection.open(collection);
		final List<VisualWord> words = result.words();
		for (int c = 0; c < words.size(); c++) {
			final VisualWord w = words.get(c);
			for (final int p : concat(w.trainPatients(), w.validationPatients())) {
				final long[] dims = col.load(p).dimensions();
				for (int d = 0; d < 3; d++) {
					final long[] r = sampler.range(d, dims[d]);
					assertTrue(w.coordinate()[d] >= r[0] && w.coordinate()[d] <= r[1]);
				}
			}
			final RandomAccessibleInterval<FloatType> ref = Normalizations.forModel(col.load(w
				.reference()), IntensityRecipe.ctDefault()).floats();
			assertTrue("lung criterion on the reference", config.rules().criterion().accepts(ref, w
				.coordinate(), config.crops().patch()));
			for (int e = 0; e < c; e++) {
				double s = 0;
				for (int d = 0; d < 3; d++)
					s += Math.pow(w.coordinate()[d] - words.get(e).coordinate()[d], 2);
				assertTrue(Math.sqrt(s) >= config.rules().minDistance());
			}
		}
	}

	@Test
	public void nearestNeighboursAreMostlyFromTheReferenceGroup() throws IOException {
		// setup: the cached features of the first run and its training patients
		final VolumeCollection col = VolumeCollection.open(collection);
		for (final VisualWord w : result.words())
			assertEquals("the reference comes first", w.reference(), w.trainPatients()[0]);
		final Path featureFile;
		try (Stream<Path> s = Files.list(first.resolve(SelfDiscovery.CACHE))) {
			featureFile = s.filter(p -> p.getFileName().toString().startsWith("features-"))
				.findFirst().get();
		}
		final float[][] all = FeatureCache.read(featureFile, PATIENTS);
		final int[] train;
		try (VisualWordDataset ds = VisualWordDataset.open(first)) {
			train = ((List<?>) ds.header().parameters().get("trainPatients")).stream().mapToInt(
				o -> ((Number) o).intValue()).toArray();
		}
		final float[][] f = new float[train.length][];
		for (int i = 0; i < train.length; i++)
			f[i] = all[train[i]];
		final NearestPatients np = new NearestPatients(f, new float[0][]);
		// process: every training patient as a reference, its K - 1 = 2 nearest neighbours
		int same = 0, total = 0;
		double chance = 0;
		for (int r = 0; r < train.length; r++) {
			final int g = groups.get(stem(col.name(train[r])));
			int mates = 0;
			for (final int t : train)
				if (t != train[r] && groups.get(stem(col.name(t))) == g) mates++;
			chance += 2.0 * mates / (train.length - 1);
			final int[] near = np.nearestTrain(r, 3);
			for (int j = 1; j < near.length; j++) {
				total++;
				if (groups.get(stem(col.name(train[near[j]]))) == g) same++;
			}
		}
		// test: mostly group-mates and at least twice the share expected by chance (group-mates /
		// other patients, about 0.2 here). Measured with this tiny 6-epoch auto-encoder: 17/24
		// without skip connections; 9-12/24 with them (the skips bypass the bottleneck)
		System.err.println("SelfDiscoveryTest: neighbour purity " + same + "/" + total +
			", chance " + chance / total + ", first run " + result.seconds() + " s");
		assertTrue("neighbour purity " + same + "/" + total + " vs chance " + chance / total,
			same >= 0.5 * total && same >= 2 * chance);
	}

	@Test
	public void identicalSeedGivesAnIdenticalDatasetAndAnInterruptedRunResumesToIt()
		throws IOException
	{
		// setup: the features of the first run (scan grid, auto-encoder, features) are reused:
		// PyTorch does not promise bit-identical CPU training across runs, and this test is about
		// everything after the features (the cache key must match for the copy to be used)
		final Path again = tmp.newFolder("again").toPath();
		copyTree(first.resolve(SelfDiscovery.CACHE), again.resolve(SelfDiscovery.CACHE));
		// process: an interrupted run (cancelled inside the third visual word), then resumed
		final Cancellation cancel = Cancellation.create();
		final List<String> messages = new java.util.ArrayList<>();
		try {
			SelfDiscovery.run(collection, again, config, (f, m) -> {
				messages.add(m);
				if (m.startsWith("visual word 3: patient 2")) cancel.cancel();
			}, cancel);
			fail("the run should have been cancelled");
		}
		catch (final CancellationException expected) {
			// the interrupted state: two words committed, a third half written
		}
		assertTrue("the copied features were used", messages.stream().anyMatch(m -> m.startsWith(
			"features: cached")));
		try {
			VisualWordDataset.open(again).close();
			fail("an interrupted dataset must not open");
		}
		catch (final IllegalArgumentException expected) {
			assertTrue(expected.getMessage().contains("unfinished"));
		}
		SelfDiscovery.run(collection, again, config, Progress.NONE, Cancellation.NEVER);
		// test: byte-identical dataset files
		final List<String> files = datasetFiles(first);
		assertEquals(files, datasetFiles(again));
		for (final String f : files)
			assertArrayEquals(f, Files.readAllBytes(first.resolve(f)), Files.readAllBytes(again
				.resolve(f)));
	}

	private static void copyTree(final Path from, final Path to) throws IOException {
		try (Stream<Path> s = Files.walk(from)) {
			for (final Path p : (Iterable<Path>) s::iterator) {
				final Path t = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(t);
				else Files.copy(p, t);
			}
		}
	}

	private static List<String> datasetFiles(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted()
				.collect(Collectors.toList());
		}
	}

	private static String stem(final String name) {
		return name.replace(".nii.gz", "");
	}

	static boolean contains(final int[] a, final int v) {
		for (final int x : a)
			if (x == v) return true;
		return false;
	}

	private static int[] concat(final int[] a, final int[] b) {
		final int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}
}
