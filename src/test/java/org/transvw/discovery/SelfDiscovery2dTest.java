package org.transvw.discovery;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.Modality;
import org.transvw.data.phantom.RadiographCollection;
import org.transvw.data.phantom.RadiographConfig;
import org.transvw.discovery.dataset.InstanceRecord;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDataset;

/**
 * Self-discovery of 2D visual words on digitally reconstructed chest radiographs (4 groups of
 * look-alike patients): the 2D auto-encoder's features, K nearest images per word, 2D
 * coordinates and multi-scale 2D crops, in the same dataset format with 2D records.
 */
@Category(EngineTests.class)
public class SelfDiscovery2dTest {

	@ClassRule
	public static TemporaryFolder tmp = new TemporaryFolder();

	private static final int IMAGES = 12, GROUPS = 4;
	private static Path collection;
	private static final Map<String, Integer> groups = new HashMap<>();
	private static final List<String> log = new ArrayList<>();
	private static SelfDiscoveryResult result;

	@BeforeClass
	public static void discoverOnce() throws IOException {
		final Path drr = tmp.newFolder("drr").toPath();
		RadiographCollection.write(RadiographConfig.defaults().withSize(64, 64).withGroups(GROUPS),
			7, IMAGES, drr, ".tif", Progress.NONE, Cancellation.NEVER);
		collection = drr.resolve("images");
		for (final String line : Files.readAllLines(drr.resolve(RadiographCollection.CSV)).subList(
			1, IMAGES + 1))
		{
			final String[] f = line.split(",");
			groups.put(f[0], Integer.parseInt(f[1]));
		}
		// NB: the default 3D grid; self-discovery takes its x, y for 2D images
		final SelfDiscoveryConfig config = SelfDiscoveryConfig.defaults().withPatch(16, 16)
			.withCounts(3, 4, 2).withValidationFraction(0.25).withExtractor(ExtractorSettings
				.defaults().withGrid(32, 32, 16).withNetwork(8, true).withTraining(ExtractorSettings
					.defaultTraining().withMaxEpochs(40).withBatch(4)).withDevice("cpu")).withSeed(3);
		result = SelfDiscovery.run(collection, tmp.newFolder("words").toPath(), config, (f,
			m) -> log.add(m), Cancellation.NEVER);
	}

	@Test
	public void twoDimensionalWordsOfKTimesThreeInstancesFromTheChosenImages() throws IOException {
		assertTrue(String.join("\n", log), log.contains(
			"grid: [32, 32] for the 2D images (the x, y of grid [32, 32, 16])"));
		try (VisualWordDataset ds = VisualWordDataset.open(result.dataset())) {
			assertEquals(3, ds.numClasses());
			assertArrayEquals(new int[] { 16, 16 }, ds.cubeSize());
			assertEquals(Modality.XRAY, ds.input().modality());
			assertEquals(3 * 4 * 3, ds.size(Split.TRAIN));
			assertEquals(3 * 2, ds.size(Split.VALIDATION));
			for (int i = 0; i < ds.size(Split.TRAIN); i++) {
				assertArrayEquals(new long[] { 16, 16 }, ds.cube(Split.TRAIN, i).dimensionsAsLongArray());
				final InstanceRecord r = ds.record(Split.TRAIN, i);
				assertEquals("2D records have z = 0", 0, r.z());
				final VisualWord w = result.words().get(r.label());
				assertTrue(SelfDiscoveryTest.contains(w.trainPatients(), r.patient()));
				if (r.resolution() == 0) assertArrayEquals(w.coordinate(), new long[] { r.x(), r.y() });
			}
		}
	}

	@Test
	public void nearestImagesAreMostlyFromTheReferenceGroup() throws IOException {
		try (VisualWordDataset ds = VisualWordDataset.open(result.dataset())) {
			int same = 0, total = 0;
			for (final VisualWord w : result.words()) {
				assertEquals("the reference comes first", w.reference(), w.trainPatients()[0]);
				final int g = groups.get(stem(ds.patient(w.reference())));
				for (int j = 1; j < w.trainPatients().length; j++) {
					total++;
					if (groups.get(stem(ds.patient(w.trainPatients()[j]))) == g) same++;
				}
			}
			// 9 training images in 4 groups (3, 2, 2, 2): a random other image shares the
			// reference's group with probability (3*2 + 6*1) / (9*8) = 1/6, 1.5 of the 9 neighbours
			// of the 3 words by chance; the auto-encoder's features gave 3 of 9 (seed 3)
			assertTrue("neighbour purity " + same + "/" + total, same >= 2);
		}
	}

	@Test
	public void aThreeDimensionalPatchIsRefusedForTwoDimensionalImages() throws IOException {
		try {
			SelfDiscovery.run(collection, tmp.newFolder("refused").toPath(), SelfDiscoveryConfig
				.defaults().withPatch(16, 16, 8), Progress.NONE, Cancellation.NEVER);
			fail();
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith(
				"patch: expected 2 sizes x,y such as 224,224 for the 2D images of the collection"));
		}
	}

	private static String stem(final String name) {
		final String file = Path.of(name).getFileName().toString();
		return file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
	}
}
