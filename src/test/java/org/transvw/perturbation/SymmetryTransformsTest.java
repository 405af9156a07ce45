package org.transvw.perturbation;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.Test;
import org.transvw.common.RandomStreams;

/** Flip, 90-degree rotations and context swaps: exact voxel permutations. */
public class SymmetryTransformsTest {

	@Test
	public void flipCountsFollowModelsGenesis() {
		// U() < 0.4 and cnt > 0, at most 3: P(0..3) = 0.6, 0.24, 0.096, 0.064
		final Flip f = new Flip();
		final long[] counts = new long[4];
		final long[] axes = new long[3];
		for (int seed = 0; seed < 5000; seed++) {
			final int[] a = f.draw(RandomStreams.seeded(seed), FloatCube.zeros(8, 8, 4).toImg()).axes();
			counts[a.length]++;
			for (final int x : a)
				axes[x]++;
		}
		Stats.assertChiSquare(counts, new double[] { 0.6, 0.24, 0.096, 0.064 });
		Stats.assertChiSquare(axes, new double[] { 1 / 3.0, 1 / 3.0, 1 / 3.0 });
	}

	@Test
	public void flipNeverTouchesDepthAndChannelAxisIsANoOp() {
		final FloatCube in = Cubes.cube(1, 6, 5, 4);
		final Flip f = new Flip();
		assertArrayEquals(in.data(), f.apply(new Flip.Params(new int[] { 0 }), in).data(), 0f);
		assertArrayEquals(in.data(), f.apply(new Flip.Params(new int[] { 1, 1 }), in).data(), 0f);
		final FloatCube x = f.apply(new Flip.Params(new int[] { 1 }), in);
		final FloatCube y = f.apply(new Flip.Params(new int[] { 2 }), in);
		for (int z = 0; z < 4; z++)
			for (int j = 0; j < 5; j++)
				for (int i = 0; i < 6; i++) {
					assertEquals(in.data()[in.index(5 - i, j, z)], x.data()[in.index(i, j, z)], 0f);
					assertEquals(in.data()[in.index(i, 4 - j, z)], y.data()[in.index(i, j, z)], 0f);
				}
	}

	@Test
	public void rotationsAreExactlyInvertibleAndDistinct() {
		for (final int[] dims : new int[][] { { 16, 16, 8 }, { 12, 12 } }) {
			final FloatCube in = Cubes.cube(2, dims);
			final Rotation90 r = new Rotation90();
			final Set<String> outputs = new HashSet<>();
			for (int c = 0; c < Rotation90.CLASSES; c++) {
				final Rotation90.Params p = new Rotation90.Params(c);
				final FloatCube out = r.apply(p, in);
				assertArrayEquals(dims, out.dims());
				assertArrayEquals("class " + c, in.data(), r.apply(Rotation90.inverse(p), out).data(),
					0f);
				outputs.add(Arrays.toString(out.data()));
			}
			assertEquals("8 different rotations", Rotation90.CLASSES, outputs.size());
		}
	}

	@Test
	public void quarterTurnMapsAxesAsDocumented() {
		final FloatCube in = Cubes.cube(3, 5, 5, 2);
		final FloatCube out = new Rotation90().apply(new Rotation90.Params(1), in);
		for (int z = 0; z < 2; z++)
			for (int y = 0; y < 5; y++)
				for (int x = 0; x < 5; x++)
					assertEquals(in.data()[in.index(y, 4 - x, z)], out.data()[out.index(x, y, z)], 0f);
		// four quarter turns are the identity
		FloatCube r = in;
		for (int q = 0; q < 4; q++)
			r = new Rotation90().apply(new Rotation90.Params(1), r);
		assertArrayEquals(in.data(), r.data(), 0f);
	}

	@Test
	public void nonSquareCubesDrawOnlyShapeKeepingClasses() {
		final Rotation90 r = new Rotation90();
		final long[] counts = new long[8];
		for (int seed = 0; seed < 2000; seed++)
			counts[r.draw(RandomStreams.seeded(seed), FloatCube.zeros(16, 12, 8).toImg())
				.rotationClass()]++;
		Stats.assertChiSquare(counts, new double[] { 0.25, 0, 0.25, 0, 0.25, 0, 0.25, 0 });
		try {
			r.apply(new Rotation90.Params(1), FloatCube.zeros(16, 12, 8));
			assertFalse("a quarter turn of a 16x12 cube was accepted", true);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("rotation: expected equal x and y"));
		}
	}

	@Test
	public void contextSwapsExchangeDisjointPatches() {
		final FloatCube in = Cubes.cube(4, 64, 64, 32);
		final ContextSwap t = new ContextSwap();
		final ContextSwap.Params p = t.draw(RandomStreams.seeded(5), in.toImg());
		assertEquals(ContextSwap.SWAPS, p.first().size());
		for (int i = 0; i < p.first().size(); i++) {
			final Box a = p.first().get(i), b = p.second().get(i);
			assertArrayEquals(new int[] { 8, 8, 4 }, a.size());
			assertFalse(ContextSwap.overlap(a, b));
			assertTrue(a.insideWithMargin(in.dims(), 0) && b.insideWithMargin(in.dims(), 0));
		}
		final FloatCube out = t.apply(p, in);
		final float[] x = in.data().clone(), y = out.data().clone();
		Arrays.sort(x);
		Arrays.sort(y);
		assertArrayEquals("swaps only move values", x, y, 0f);
		// a single swap: the patches trade places exactly
		final ContextSwap.Params one = new ContextSwap.Params(p.first().subList(0, 1), p.second()
			.subList(0, 1));
		final FloatCube swapped = t.apply(one, in);
		final Box a = one.first().get(0), b = one.second().get(0);
		for (int z = 0; z < 4; z++)
			for (int j = 0; j < 8; j++)
				for (int i = 0; i < 8; i++)
					assertEquals(in.data()[in.index(b.min(0) + i, b.min(1) + j, b.min(2) + z)], swapped
						.data()[in.index(a.min(0) + i, a.min(1) + j, a.min(2) + z)], 0f);
	}
}
