package org.transvw.perturbation.policy;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Test;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Cubes;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.Rotation90;
import org.transvw.perturbation.Stats;
import org.transvw.perturbation.Transforms;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/** Every named policy: contract, targets, labels, the paper and rotation frequencies. */
public class PoliciesTest {

	@Test
	public void everyNameResolvesAndKeepsTheContract() {
		for (final String name : PerturbationPolicies.names()) {
			final PerturbationPolicy p = PerturbationPolicies.byName(name);
			assertEquals(name, p.name());
			for (final int[] dims : new int[][] { { 32, 32, 16 }, { 40, 40 } }) {
				final Img<FloatType> cube = Cubes.img(7, dims);
				final float[] before = FloatCube.copyOf(cube).data();
				final PerturbedSample a = p.apply(cube, RandomStreams.seeded(1));
				final PerturbedSample b = p.apply(cube, RandomStreams.seeded(1));
				assertArrayEquals(name + ": same seed", FloatCube.copyOf(a.input()).data(), FloatCube
					.copyOf(b.input()).data(), 0f);
				assertArrayEquals(name + ": cube modified", before, FloatCube.copyOf(cube).data(), 0f);
				assertNotSame(a.input(), a.target());
				assertEquals(dims.length, a.input().numDimensions());
				assertTrue(name, p.numPretextClasses() == 0 ? a.pretextLabel() == -1 : a
					.pretextLabel() >= 0 && a.pretextLabel() < p.numPretextClasses());
				if (!name.equals("genesis")) assertArrayEquals(name + ": target = original", before,
					FloatCube.copyOf(a.target()).data(), 0f);
				if (name.equals("identity")) assertArrayEquals(before, FloatCube.copyOf(a.input())
					.data(), 0f);
				else assertFalse(name + ": seeds differ", Arrays.equals(FloatCube.copyOf(a.input())
					.data(), inputOf(p, cube, 2)) && Arrays.equals(inputOf(p, cube, 3), inputOf(p, cube,
						4)));
			}
		}
	}

	private static float[] inputOf(final PerturbationPolicy p, final Img<FloatType> cube,
		final long seed)
	{
		return FloatCube.copyOf(p.apply(cube, RandomStreams.seeded(seed)).input()).data();
	}

	@Test
	public void transformNamesGiveSingleTransformPolicies() {
		final List<String> choices = PerturbationPolicies.choices();
		assertEquals(PerturbationPolicies.names(), choices.subList(0, PerturbationPolicies.names()
			.size()));
		assertTrue(choices.containsAll(Transforms.opNames()));
		final Img<FloatType> cube = Cubes.img(5, 32, 32, 16);
		for (final String op : Transforms.opNames()) {
			final PerturbationPolicy p = PerturbationPolicies.byName(op);
			assertEquals(op, p.name());
			assertEquals(0, p.numPretextClasses());
			assertArrayEquals(op, FloatCube.copyOf(Transforms.byName(op).apply(cube, RandomStreams
				.seeded(4))).data(), FloatCube.copyOf(p.apply(cube, RandomStreams.seeded(4)).input())
					.data(), 0f);
		}
	}

	@Test
	public void samplesDoNotDependOnTheThreadTheyRunOn() throws Exception {
		// the data loader perturbs samples on worker threads, one forked stream per sample
		final PerturbationPolicy policy = PerturbationPolicies.byName("transvw");
		final RandomStreams rng = RandomStreams.seeded(99);
		final List<Callable<float[]>> tasks = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			final Img<FloatType> cube = Cubes.img(i, 32, 32, 16);
			final RandomStreams r = rng.fork(100 + i);
			tasks.add(() -> FloatCube.copyOf(policy.apply(cube, r).input()).data());
		}
		final ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			final List<Future<float[]>> parallel = pool.invokeAll(tasks);
			for (int i = 0; i < 6; i++)
				assertArrayEquals(FloatCube.copyOf(policy.apply(Cubes.img(i, 32, 32, 16), rng.fork(100 +
					i)).input()).data(), parallel.get(i).get(), 0f);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	public void unknownNamesAreRefusedWithTheList() {
		try {
			PerturbationPolicies.byName("mg");
			assertFalse(true);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("policy: expected one of [transvw"));
		}
		assertEquals("transvw", PerturbationPolicies.byName(" TransVW ").name());
		assertEquals(PerturbationPolicies.DEFAULT, PerturbationPolicies.names().get(0));
	}

	@Test
	public void paperPicksOneOfFiveUniformly() {
		final PerturbationPolicy p = PerturbationPolicies.byName("paper");
		final List<String> branches = List.of("shuffle", "nonlinear", "inpainting", "outpainting",
			"identity");
		final long[] counts = new long[5];
		final Img<FloatType> cube = FloatCube.zeros(64, 64, 32).toImg();
		for (int seed = 0; seed < 5000; seed++) {
			final List<String> names = p.draw(RandomStreams.seeded(seed), cube).perturbationNames();
			assertEquals(1, names.size());
			counts[branches.indexOf(names.get(0))]++;
		}
		Stats.assertChiSquare(counts, new double[] { 0.2, 0.2, 0.2, 0.2, 0.2 });
	}

	@Test
	public void rotationLabelsAreTheRotationClass() {
		final PerturbationPolicy p = PerturbationPolicies.byName("rotation");
		assertEquals(8, p.numPretextClasses());
		final FloatCube cube = Cubes.cube(8, 16, 16, 8);
		final long[] counts = new long[8];
		for (int seed = 0; seed < 1600; seed++) {
			final Plan plan = p.draw(RandomStreams.seeded(seed), cube.toImg());
			counts[plan.pretextLabel()]++;
			assertEquals(plan.pretextLabel(), ((Rotation90.Params) plan.step("rotation").params())
				.rotationClass());
		}
		final double[] uniform = new double[8];
		Arrays.fill(uniform, 1 / 8.0);
		Stats.assertChiSquare(counts, uniform);
		final PerturbedSample s = p.apply(cube.toImg(), RandomStreams.seeded(3));
		final FloatCube expected = new Rotation90().apply(new Rotation90.Params(s.pretextLabel()),
			cube);
		assertArrayEquals(expected.data(), FloatCube.copyOf(s.input()).data(), 0f);
	}
}
