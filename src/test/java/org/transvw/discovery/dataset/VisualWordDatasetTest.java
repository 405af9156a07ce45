package org.transvw.discovery.dataset;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.IntensityRecipe;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

public class VisualWordDatasetTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static final int[] CUBE = { 4, 3, 2 };

	private static DatasetHeader header(final long seed) {
		return new DatasetHeader(CUBE, 3, 2, IntensityRecipe.ctDefault(), seed, "fp-1", List.of("a",
			"b", "c"), Map.of("minScale", 3, "criterion", "lung"));
	}

	/** value = 1000 id + 100 x + 10 y + z: any axis or record mix-up changes values. */
	private static Img<FloatType> cube(final int id, final int[] dims) {
		final Img<FloatType> img = ArrayImgs.floats(dims[0], dims[1], dims[2]);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(1000 * id + 100 * c.getIntPosition(0) + 10 * c.getIntPosition(1) + c
				.getIntPosition(2));
		}
		return img;
	}

	/** Shard c: 2 train records and 1 validation record of class c; ids 10 c + j. */
	private static void writeShard(final VisualWordDatasetWriter w, final int c) throws IOException {
		w.add(new InstanceRecord(c, 0, 1, 2, 3, 4, 0, Split.TRAIN), cube(10 * c, CUBE));
		w.add(new InstanceRecord(c, 2, 0, 0, 0, 5, 1, Split.VALIDATION), cube(10 * c + 9, CUBE));
		w.add(new InstanceRecord(c, 1, 5, 6, 7, 3, 2, Split.TRAIN), cube(10 * c + 1, CUBE));
	}

	private static void assertSameImage(final RandomAccessibleInterval<FloatType> expected,
		final RandomAccessibleInterval<FloatType> actual)
	{
		assertArrayEquals(expected.dimensionsAsLongArray(), actual.dimensionsAsLongArray());
		final Cursor<FloatType> e = Views.flatIterable(expected).cursor();
		final Cursor<FloatType> a = Views.flatIterable(actual).cursor();
		while (e.hasNext())
			assertEquals(e.next().get(), a.next().get(), 0f);
	}

	@Test
	public void roundTripKeepsRecordsValuesAndOrder() throws IOException {
		// setup
		final Path dir = tmp.newFolder("ds").toPath();
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header(1))) {
			for (int c = 0; c < 3; c++) {
				writeShard(w, c);
				w.commitShard(Map.of("reference", c));
			}
			w.finish();
		}
		// process
		try (VisualWordDataset ds = VisualWordDataset.open(dir)) {
			// test
			assertEquals(6, ds.size(Split.TRAIN));
			assertEquals(3, ds.size(Split.VALIDATION));
			assertArrayEquals(CUBE, ds.cubeSize());
			assertEquals(3, ds.numClasses());
			assertEquals(2, ds.k());
			assertEquals(IntensityRecipe.ctDefault(), ds.normalization());
			assertEquals(header(1), ds.header());
			assertEquals("c", ds.patient(2));
			assertEquals(2.0, ((Number) ds.shardMeta(2).get("reference")).doubleValue(), 0);
			for (int c = 0; c < 3; c++) {
				assertSameImage(cube(10 * c, CUBE), ds.cube(Split.TRAIN, 2 * c));
				assertSameImage(cube(10 * c + 1, CUBE), ds.cube(Split.TRAIN, 2 * c + 1));
				assertSameImage(cube(10 * c + 9, CUBE), ds.cube(Split.VALIDATION, c));
				assertEquals(new InstanceRecord(c, 1, 5, 6, 7, 3, 2, Split.TRAIN), ds.record(
					Split.TRAIN, 2 * c + 1));
				assertEquals(new InstanceRecord(c, 2, 0, 0, 0, 5, 1, Split.VALIDATION), ds.record(
					Split.VALIDATION, c));
			}
		}
	}

	@Test
	public void recordsAreLittleEndianFloat32WithLastAxisFastest() throws IOException {
		// setup
		final Path dir = tmp.newFolder("layout").toPath();
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header(1))) {
			writeShard(w, 0);
			w.commitShard(Map.of());
		}
		// process
		final byte[] bytes = Files.readAllBytes(dir.resolve("shard-00000.train.f32"));
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		// test: 2 records of 4 x 3 x 2 floats; z fastest, then y, then x
		assertEquals(2 * 24 * 4, bytes.length);
		assertEquals(0f, b.getFloat(0), 0);
		assertEquals(1f, b.getFloat(4), 0); // (0, 0, 1)
		assertEquals(10f, b.getFloat(8), 0); // (0, 1, 0)
		assertEquals(100f, b.getFloat(24), 0); // (1, 0, 0)
		assertEquals(1000f, b.getFloat(24 * 4), 0); // record 1 = id 1, (0, 0, 0)
	}

	@Test
	public void readCopiesInTensorOrder() throws IOException {
		// setup
		final Path dir = tmp.newFolder("read").toPath();
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header(1))) {
			for (int c = 0; c < 3; c++) {
				writeShard(w, c);
				w.commitShard(Map.of());
			}
			w.finish();
		}
		try (VisualWordDataset ds = VisualWordDataset.open(dir)) {
			// process
			final float[] buf = new float[2 + 24];
			ds.read(Split.TRAIN, 3, buf, 2);
			// test: record 3 = id 11; index z + 2 (y + 3 x)
			assertEquals(11000f, buf[2], 0);
			assertEquals(11000f + 100 * 3 + 10 * 2 + 1, buf[2 + 1 + 2 * (2 + 3 * 3)], 0);
		}
	}

	@Test
	public void interruptedShardIsDiscardedAndResumeGivesTheSameFiles() throws IOException {
		// setup: a reference written in one go
		final Path ref = tmp.newFolder("ref").toPath();
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(ref, header(1))) {
			for (int c = 0; c < 3; c++) {
				writeShard(w, c);
				w.commitShard(Map.of("c", c));
			}
			w.finish();
		}
		final Path dir = tmp.newFolder("crash").toPath();
		// process: commit shard 0, half-write shard 1 and "crash" (writer abandoned, not closed)
		final VisualWordDatasetWriter crashed = VisualWordDatasetWriter.open(dir, header(1));
		writeShard(crashed, 0);
		crashed.commitShard(Map.of("c", 0));
		crashed.add(new InstanceRecord(1, 0, 1, 2, 3, 4, 0, Split.TRAIN), cube(77, CUBE));
		try (var files = Files.list(dir)) {
			assertTrue("a hidden temporary of shard 1", files.map(p -> p.getFileName().toString())
				.anyMatch(n -> n.startsWith(".shard-00001.train.f32.") && n.endsWith(".tmp")));
		}
		assertFalse(Files.exists(dir.resolve("shard-00001.train.f32")));
		try (VisualWordDataset ds = VisualWordDataset.open(dir)) {
			fail("an unfinished dataset must not open");
		}
		catch (final IllegalArgumentException expected) {
			assertTrue(expected.getMessage(), expected.getMessage().contains("unfinished"));
		}
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header(1))) {
			assertEquals(1, w.committedShards());
			assertFalse(Files.exists(dir.resolve("shard-00001.train.f32.tmp")));
			for (int c = w.committedShards(); c < 3; c++) {
				writeShard(w, c);
				w.commitShard(Map.of("c", c));
			}
			w.finish();
		}
		// test
		assertEquals(listing(ref), listing(dir));
		for (final String f : listing(ref))
			assertArrayEquals(f, Files.readAllBytes(ref.resolve(f)), Files.readAllBytes(dir
				.resolve(f)));
	}

	@Test
	public void resumingWithOtherSettingsFailsNamingTheField() throws IOException {
		// setup
		final Path dir = tmp.newFolder("other").toPath();
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header(1))) {
			writeShard(w, 0);
			w.commitShard(Map.of());
		}
		// process + test
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header(2))) {
			fail("a different seed must not resume");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("'seed'"));
		}
	}

	@Test
	public void aFreshStartReplacesADatasetOfOtherSettingsAndKeepsOtherFiles() throws IOException {
		// setup: 2 shards of seed 1 and a file of the user's
		final Path dir = tmp.newFolder("replace").toPath();
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header(1))) {
			for (int c = 0; c < 2; c++) {
				writeShard(w, c);
				w.commitShard(Map.of());
			}
		}
		Files.writeString(dir.resolve("notes.txt"), "mine");
		// process: seed 2 with replace, one shard
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header(2), true)) {
			assertEquals("nothing of seed 1 is resumed", 0, w.committedShards());
			writeShard(w, 0);
			w.commitShard(Map.of());
			w.finish();
		}
		// test
		try (VisualWordDataset ds = VisualWordDataset.open(dir)) {
			assertEquals(2, ds.header().seed());
			assertEquals(2, ds.size(Split.TRAIN));
		}
		assertFalse("seed 1's second shard is gone", Files.exists(dir.resolve(Manifest.dataFile(dir,
			1, Split.TRAIN).getFileName())));
		assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
	}

	@Test
	public void wrongCubeSizeIsRefused() throws IOException {
		// setup
		final Path dir = tmp.newFolder("size").toPath();
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header(1))) {
			// process + test
			w.add(new InstanceRecord(0, 0, 0, 0, 0, 4, 0, Split.TRAIN), cube(1, new int[] { 4, 3,
				3 }));
			fail("a 4x3x3 cube must not enter a 4x3x2 dataset");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("cube: expected size [4, 3, 2]"));
		}
	}

	@Test
	public void readingEveryRecordKeepsTheHeapFlat() throws IOException {
		// setup: 8 shards x 50 records of 32 x 32 x 16 floats = 26 MB on disk
		final int[] big = { 32, 32, 16 };
		final Path dir = tmp.newFolder("flat").toPath();
		final DatasetHeader h = new DatasetHeader(big, 8, 50, IntensityRecipe.none(), 3, "fp",
			List.of("p"), Map.of());
		final Img<FloatType> template = cube(0, big);
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, h)) {
			for (int c = 0; c < 8; c++) {
				for (int i = 0; i < 50; i++)
					w.add(new InstanceRecord(c, 0, i, 0, 0, 32, 0, Split.TRAIN), template);
				w.commitShard(Map.of());
			}
			w.finish();
		}
		// process
		final long before = usedHeapAfterGc();
		double sum = 0;
		try (VisualWordDataset ds = VisualWordDataset.open(dir)) {
			for (int i = 0; i < ds.size(Split.TRAIN); i++)
				for (final FloatType t : Views.flatIterable(ds.cube(Split.TRAIN, i)))
					sum += t.get();
			// test: every record read (the value sum is exact), and the heap did not keep them
			final long after = usedHeapAfterGc();
			double one = 0;
			for (final FloatType t : template)
				one += t.get();
			assertEquals(400 * one, sum, 1e-6 * sum);
			assertTrue("heap grew by " + (after - before) / 1e6 + " MB while streaming 26 MB",
				after - before < 8_000_000);
		}
	}

	private static long usedHeapAfterGc() {
		final Runtime rt = Runtime.getRuntime();
		for (int i = 0; i < 3; i++)
			System.gc();
		return rt.totalMemory() - rt.freeMemory();
	}

	private static List<String> listing(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

}
