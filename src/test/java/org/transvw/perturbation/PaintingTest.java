package org.transvw.perturbation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.transvw.common.RandomStreams;


/** In- and out-painting: sizes, margins, fills, untouched regions, Models Genesis loop counts. */
public class PaintingTest {

	private static final int[] DIMS = { 64, 64, 32 };

	/** Draws only read the extents: one shared image. */
	private static final net.imglib2.Dimensions CUBE = FloatCube.zeros(DIMS).toImg();

	@Test
	public void transvwHoleSizesAndMargins() {
		final InPainting t = new InPainting(1, 1, Fill.NOISE);
		for (int seed = 0; seed < 300; seed++) {
			final InPainting.Params p = t.draw(RandomStreams.seeded(seed), CUBE);
			assertEquals(1, p.holes().size());
			final Box h = p.holes().get(0);
			assertTrue(h.toString(), h.insideWithMargin(DIMS, 3));
			for (int a = 0; a < 3; a++)
				assertTrue(h.toString(), h.size(a) >= DIMS[a] / 6 && h.size(a) <= DIMS[a] / 3);
		}
	}

	@Test
	public void holeIsFilledAndTheRestIsUntouched() {
		final FloatCube in = Cubes.cube(1, 32, 32, 16);
		for (final Fill fill : Fill.values()) {
			final InPainting t = new InPainting(1, 1, fill);
			final InPainting.Params p = t.draw(RandomStreams.seeded(4), in.toImg());
			final FloatCube out = t.apply(p, in);
			final boolean[] inside = mask(in, p.holes());
			float first = Float.NaN;
			boolean allSame = true;
			for (int i = 0; i < inside.length; i++) {
				if (!inside[i]) {
					assertEquals(in.data()[i], out.data()[i], 0f);
					continue;
				}
				assertNotEquals(in.data()[i], out.data()[i], 0f);
				if (Float.isNaN(first)) first = out.data()[i];
				allSame &= out.data()[i] == first;
			}
			assertEquals(fill + ": constant fill", fill == Fill.CONSTANT, allSame);
			if (fill == Fill.CONSTANT) assertEquals(p.constant(), first, 0f);
		}
	}

	@Test
	public void transvwWindowSizesAndMargins() {
		final OutPainting t = new OutPainting(1, 1, Fill.NOISE);
		for (int seed = 0; seed < 300; seed++) {
			final OutPainting.Params p = t.draw(RandomStreams.seeded(seed), CUBE);
			assertEquals(1, p.windows().size());
			final Box w = p.windows().get(0);
			assertTrue(w.toString(), w.insideWithMargin(DIMS, 3));
			assertTrue(w.toString(), w.size(0) >= 28 && w.size(0) <= 37);
			assertTrue(w.toString(), w.size(1) >= 28 && w.size(1) <= 37);
			assertTrue(w.toString(), w.size(2) >= 14 && w.size(2) <= 19);
		}
	}

	@Test
	public void windowsKeepTheOriginalAndTheRestIsBackground() {
		final FloatCube in = Cubes.cube(2, 32, 32, 16);
		final OutPainting t = new OutPainting(5, 0.95, Fill.NOISE);
		final OutPainting.Params p = t.draw(RandomStreams.seeded(6), in.toImg());
		final FloatCube out = t.apply(p, in);
		final boolean[] kept = mask(in, p.windows());
		int background = 0;
		for (int i = 0; i < kept.length; i++) {
			if (kept[i]) assertEquals(in.data()[i], out.data()[i], 0f);
			else if (in.data()[i] != out.data()[i]) background++;
		}
		assertTrue(background > 0);
	}

	@Test
	public void genesisHoleCountsFollowTheLoop() {
		// while cnt(5) > 0 and U() < 0.95: P(k) = 0.95^k * 0.05 for k < 5, P(5) = 0.95^5
		final InPainting t = new InPainting(5, 0.95, Fill.NOISE);
		final long[] counts = new long[6];
		for (int seed = 0; seed < 4000; seed++)
			counts[t.draw(RandomStreams.seeded(seed), CUBE).holes().size()]++;
		Stats.assertChiSquare(counts, loop(0.95, 5, 0));
	}

	@Test
	public void genesisWindowCountsFollowTheLoop() {
		// the first window always, then while cnt(4) > 0 and U() < 0.95
		final OutPainting t = new OutPainting(5, 0.95, Fill.NOISE);
		final long[] counts = new long[6];
		for (int seed = 0; seed < 4000; seed++)
			counts[t.draw(RandomStreams.seeded(seed), CUBE).windows()
				.size()]++;
		Stats.assertChiSquare(counts, loop(0.95, 4, 1));
	}

	/** P(first + k) for k = 0..max further boxes, each kept with probability p. */
	private static double[] loop(final double p, final int max, final int first) {
		final double[] q = new double[first + max + 1];
		for (int k = 0; k <= max; k++)
			q[first + k] = Math.pow(p, k) * (k < max ? 1 - p : 1);
		return q;
	}

	@Test
	public void tinyCubesShrinkTheMargin() {
		final int[] tiny = { 16, 16, 8 };
		for (int seed = 0; seed < 50; seed++) {
			final Box w = new OutPainting(1, 1, Fill.NOISE).draw(RandomStreams.seeded(seed), FloatCube
				.zeros(tiny).toImg()).windows().get(0);
			assertTrue(w.toString(), w.insideWithMargin(tiny, 1));
			final Box h = new InPainting(1, 1, Fill.NOISE).draw(RandomStreams.seeded(seed), FloatCube
				.zeros(tiny).toImg()).holes().get(0);
			assertTrue(h.toString(), h.insideWithMargin(tiny, 1));
		}
	}

	private static boolean[] mask(final FloatCube c, final java.util.List<Box> boxes) {
		final boolean[] m = new boolean[c.data().length];
		for (final Box b : boxes)
			for (int z = 0; z < b.size(2); z++)
				for (int y = 0; y < b.size(1); y++)
					for (int x = 0; x < b.size(0); x++)
						m[c.index(b.min(0) + x, b.min(1) + y, b.min(2) + z)] = true;
		return m;
	}
}
