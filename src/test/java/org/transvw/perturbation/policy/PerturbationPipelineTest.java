package org.transvw.perturbation.policy;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Cubes;
import org.transvw.perturbation.FloatCube;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/** Batches: deterministic per sample whatever the thread count; failures propagate. */
public class PerturbationPipelineTest {

	@Test
	public void batchesAreIdenticalForAnyThreadCountAndMatchForkedSamples() {
		final PerturbationPolicy policy = PerturbationPolicies.byName("transvw");
		final List<RandomAccessibleInterval<FloatType>> cubes = new ArrayList<>();
		for (int i = 0; i < 6; i++)
			cubes.add(Cubes.img(i, 32, 32, 16));
		final RandomStreams rng = RandomStreams.seeded(99);
		final List<PerturbedSample> one, three;
		try (PerturbationPipeline p = new PerturbationPipeline(policy, 1)) {
			one = p.apply(cubes, rng, 100);
		}
		try (PerturbationPipeline p = new PerturbationPipeline(policy, 3)) {
			three = p.apply(cubes, rng, 100);
		}
		assertEquals(6, three.size());
		for (int i = 0; i < 6; i++) {
			final float[] a = FloatCube.copyOf(one.get(i).input()).data();
			assertArrayEquals(a, FloatCube.copyOf(three.get(i).input()).data(), 0f);
			assertArrayEquals(a, FloatCube.copyOf(policy.apply(cubes.get(i), rng.fork(100 + i))
				.input()).data(), 0f);
			assertArrayEquals(FloatCube.copyOf(cubes.get(i)).data(), FloatCube.copyOf(three.get(i)
				.target()).data(), 0f);
		}
		assertFalse(java.util.Arrays.equals(FloatCube.copyOf(one.get(0).input()).data(), FloatCube
			.copyOf(one.get(1).input()).data()));
	}

	@Test
	public void failuresReachTheCaller() {
		final List<RandomAccessibleInterval<FloatType>> cubes = List.of(Cubes.img(1, 16, 16, 8),
			ArrayImgs.floats(4, 4, 4, 4));
		try (PerturbationPipeline p = new PerturbationPipeline(PerturbationPolicies.byName(
			"identity"), 2))
		{
			p.apply(cubes, RandomStreams.seeded(1), 0);
			assertFalse("a 4D cube was accepted", true);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("cube: expected"));
		}
	}
}
