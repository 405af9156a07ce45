package org.transvw.perturbation.policy;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Cubes;
import org.transvw.perturbation.FloatCube;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/** The transvw policy: branch frequencies, target = original, determinism, 2D and tiny cubes. */
public class TransVwPolicyTest {

	@Test
	public void elasticAlwaysThenExactlyOneOfFourAtAQuarterEach() {
		final PerturbationPolicy p = PerturbationPolicies.byName("transvw");
		final List<String> branches = List.of("shuffle", "nonlinear", "inpainting", "outpainting");
		final long[] counts = new long[4];
		final RandomStreams rng = RandomStreams.seeded(11);
		final Img<FloatType> cube = Cubes.img(1, 64, 64, 32);
		final int draws = 20_000;
		for (int i = 0; i < draws; i++) {
			final List<String> names = p.draw(rng, cube).perturbationNames();
			assertEquals(2, names.size());
			assertEquals("elastic", names.get(0));
			counts[branches.indexOf(names.get(1))]++;
		}
		Stats.assertChiSquare(counts, new double[] { 0.25, 0.25, 0.25, 0.25 });
	}

	@Test
	public void targetIsTheUntouchedOriginal() {
		final PerturbationPolicy p = PerturbationPolicies.byName("transvw");
		final Img<FloatType> cube = Cubes.img(2, 32, 32, 16);
		final float[] before = FloatCube.copyOf(cube).data();
		for (int s = 0; s < 8; s++) {
			final PerturbedSample sample = p.apply(cube, RandomStreams.seeded(s));
			assertArrayEquals(before, FloatCube.copyOf(sample.target()).data(), 0f);
			assertArrayEquals("input cube modified", before, FloatCube.copyOf(cube).data(), 0f);
			assertFalse(java.util.Arrays.equals(before, FloatCube.copyOf(sample.input()).data()));
			assertEquals(PerturbedSample.NO_LABEL, sample.pretextLabel());
			assertEquals(0, p.numPretextClasses());
		}
	}

	@Test
	public void sameSeedSameOutputDifferentSeedsDiffer() {
		final PerturbationPolicy p = PerturbationPolicies.byName("transvw");
		final Img<FloatType> cube = Cubes.img(3, 32, 32, 16);
		final float[] a = FloatCube.copyOf(p.apply(cube, RandomStreams.seeded(5)).input()).data();
		final float[] b = FloatCube.copyOf(p.apply(cube, RandomStreams.seeded(5)).input()).data();
		final float[] c = FloatCube.copyOf(p.apply(cube, RandomStreams.seeded(6)).input()).data();
		assertArrayEquals(a, b, 0f);
		assertFalse(java.util.Arrays.equals(a, c));
	}

	@Test
	public void worksOn2dPatchesAndTinyCubes() {
		final PerturbationPolicy p = PerturbationPolicies.byName("transvw");
		for (final int[] dims : new int[][] { { 64, 64 }, { 16, 16, 8 }, { 224, 224 } }) {
			final Img<FloatType> cube = Cubes.img(4, dims);
			for (int s = 0; s < 12; s++) {
				final PerturbedSample sample = p.apply(cube, RandomStreams.seeded(s));
				assertEquals(dims.length, sample.input().numDimensions());
				for (int d = 0; d < dims.length; d++)
					assertEquals(dims[d], sample.input().dimension(d));
				for (final float v : FloatCube.copyOf(sample.input()).data())
					assertTrue(v >= 0 && v <= 1);
			}
		}
	}
}
