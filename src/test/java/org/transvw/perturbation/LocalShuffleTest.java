package org.transvw.perturbation;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;

import org.junit.Test;
import org.transvw.common.RandomStreams;

/** Local shuffle: block bounds, at most 540 changed voxels (TransVW), most (Genesis), multiset. */
public class LocalShuffleTest {

	@Test
	public void transvwBlocksAreWithinBoundsAndChangeAtMost540Voxels() {
		final int[] dims = { 64, 64, 32 };
		final FloatCube in = Cubes.cube(1, dims);
		final LocalShuffle t = new LocalShuffle(LocalShuffle.TRANSVW_BLOCKS);
		int maxChanged = 0;
		for (int seed = 0; seed < 200; seed++) {
			final LocalShuffle.Params p = t.draw(RandomStreams.seeded(seed), in.toImg());
			assertEquals(5, p.blocks().size());
			for (final Box b : p.blocks())
				for (int a = 0; a < 3; a++) {
					assertTrue(b.toString(), b.size(a) >= 1 && b.size(a) <= dims[a] / 10);
					assertTrue(b.toString(), b.min(a) >= 0 && b.min(a) + b.size(a) <= dims[a]);
				}
			if (seed % 10 != 0) continue; // applying is the slow part: check every 10th
			final FloatCube out = t.apply(p, in);
			final int changed = changed(in, out);
			assertTrue("changed " + changed, changed <= 540);
			maxChanged = Math.max(maxChanged, changed);
			if (!overlapping(p)) assertSameMultiset(in, out); // overlaps duplicate values
			assertOnlyBlocksChanged(in, out, p);
		}
		assertTrue("shuffling changed nothing", maxChanged > 0);
	}

	@Test
	public void genesisShuffleChangesMostVoxels() {
		final FloatCube in = Cubes.cube(2, 64, 64, 32);
		final LocalShuffle t = new LocalShuffle(LocalShuffle.GENESIS_BLOCKS);
		for (int seed = 0; seed < 3; seed++) {
			final FloatCube out = t.apply(in, RandomStreams.seeded(seed));
			final double fraction = changed(in, out) / (double) in.data().length;
			// method.md §3.2: about 79 % in the reference run
			assertEquals(0.79, fraction, 0.05);
		}
	}

	@Test
	public void blocksReadTheOriginalNotEarlierBlocks() {
		// B overlaps A; B's voxels must be a permutation of the ORIGINAL values of box B (reading
		// the output after A would mix in values A moved across the overlap)
		final FloatCube in = Cubes.cube(3, 10, 10, 4);
		final Box a = new Box(new int[] { 0, 0, 0 }, new int[] { 5, 5, 3 });
		final Box b = new Box(new int[] { 3, 3, 1 }, new int[] { 5, 5, 3 });
		for (int seed = 0; seed < 5; seed++) {
			final FloatCube out = new LocalShuffle(2).apply(LocalShuffle.Params.of(java.util.List.of(a, b),
				seed), in);
			assertArrayEquals(sorted(in, b), sorted(out, b), 0f);
		}
	}

	private static float[] sorted(final FloatCube c, final Box b) {
		final float[] v = new float[b.volume()];
		int n = 0;
		for (int z = 0; z < b.size(2); z++)
			for (int y = 0; y < b.size(1); y++)
				for (int x = 0; x < b.size(0); x++)
					v[n++] = c.data()[c.index(b.min(0) + x, b.min(1) + y, b.min(2) + z)];
		Arrays.sort(v);
		return v;
	}

	private static boolean overlapping(final LocalShuffle.Params p) {
		for (int i = 0; i < p.blocks().size(); i++)
			for (int j = i + 1; j < p.blocks().size(); j++)
				if (ContextSwap.overlap(p.blocks().get(i), p.blocks().get(j))) return true;
		return false;
	}

	@Test
	public void smallAxesUseBlocksOfOne() {
		final LocalShuffle.Params p = new LocalShuffle(50).draw(RandomStreams.seeded(1), FloatCube
			.zeros(16, 16, 8).toImg());
		for (final Box b : p.blocks())
			assertEquals(1, b.size(2));
	}

	static int changed(final FloatCube a, final FloatCube b) {
		int n = 0;
		for (int i = 0; i < a.data().length; i++)
			if (a.data()[i] != b.data()[i]) n++;
		return n;
	}

	private static void assertSameMultiset(final FloatCube a, final FloatCube b) {
		final float[] x = a.data().clone(), y = b.data().clone();
		Arrays.sort(x);
		Arrays.sort(y);
		assertArrayEquals(x, y, 0f);
	}

	private static void assertOnlyBlocksChanged(final FloatCube in, final FloatCube out,
		final LocalShuffle.Params p)
	{
		final boolean[] inside = new boolean[in.data().length];
		for (final Box b : p.blocks())
			for (int z = 0; z < b.size(2); z++)
				for (int y = 0; y < b.size(1); y++)
					for (int x = 0; x < b.size(0); x++)
						inside[in.index(b.min(0) + x, b.min(1) + y, b.min(2) + z)] = true;
		for (int i = 0; i < inside.length; i++)
			if (!inside[i] && in.data()[i] != out.data()[i]) throw new AssertionError("voxel " + i +
				" outside every block changed");
	}
}
