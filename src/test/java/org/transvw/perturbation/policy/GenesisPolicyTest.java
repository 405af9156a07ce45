package org.transvw.perturbation.policy;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.List;

import org.junit.Test;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Cubes;
import org.transvw.perturbation.Flip;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.InPainting;
import org.transvw.perturbation.LocalShuffle;
import org.transvw.perturbation.OutPainting;
import org.transvw.perturbation.Stats;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/** Models Genesis' generator: gate frequencies, loop constants, flipped target. */
public class GenesisPolicyTest {

	@Test
	public void gatesFollowModelsGenesisRates() {
		final PerturbationPolicy p = PerturbationPolicies.byName("genesis");
		final Img<FloatType> cube = FloatCube.zeros(64, 64, 32).toImg();
		final RandomStreams rng = RandomStreams.seeded(3);
		final long[] shuffle = new long[2], nonlinear = new long[2], paint = new long[3];
		final int draws = 1000; // expected counts >= 100 in every cell
		for (int i = 0; i < draws; i++) {
			final Plan plan = p.draw(rng, cube);
			assertEquals("flip", plan.augmentation().get(0).name());
			final List<String> names = plan.perturbationNames();
			shuffle[names.contains("shuffle") ? 1 : 0]++;
			nonlinear[names.contains("nonlinear") ? 1 : 0]++;
			paint[names.contains("inpainting") ? 1 : names.contains("outpainting") ? 2 : 0]++;
			final Step<?> s = plan.step("shuffle");
			if (s != null) assertEquals(LocalShuffle.GENESIS_BLOCKS, ((LocalShuffle.Params) s.params())
				.count());
		}
		Stats.assertChiSquare(shuffle, new double[] { 0.5, 0.5 });
		Stats.assertChiSquare(nonlinear, new double[] { 0.1, 0.9 });
		// painting 0.9, of which in-painting 0.2
		Stats.assertChiSquare(paint, new double[] { 0.1, 0.9 * 0.2, 0.9 * 0.8 });
	}

	@Test
	public void paintingUsesTheLoopsOfUpToFiveBoxes() {
		final PerturbationPolicy p = PerturbationPolicies.byName("genesis");
		final Img<FloatType> cube = FloatCube.zeros(32, 32, 16).toImg();
		int maxHoles = 0, maxWindows = 0;
		for (int seed = 0; seed < 300; seed++) {
			final Plan plan = p.draw(RandomStreams.seeded(seed), cube);
			final Step<?> in = plan.step("inpainting"), out = plan.step("outpainting");
			if (in != null) maxHoles = Math.max(maxHoles, ((InPainting.Params) in.params()).holes()
				.size());
			if (out != null) maxWindows = Math.max(maxWindows, ((OutPainting.Params) out.params())
				.windows().size());
		}
		assertEquals(5, maxHoles);
		assertEquals(5, maxWindows);
	}

	@Test
	public void targetIsTheFlippedOriginal() {
		final PerturbationPolicy p = PerturbationPolicies.byName("genesis");
		final FloatCube original = Cubes.cube(5, 32, 32, 16);
		int flipped = 0;
		for (int seed = 0; seed < 12; seed++) {
			final Plan plan = p.draw(RandomStreams.seeded(seed), original.toImg());
			final Step<?> flip = plan.step("flip");
			assertNotNull(flip);
			final PerturbedSample s = p.apply(plan, original.toImg());
			final FloatCube expected = new Flip().apply((Flip.Params) flip.params(), original);
			assertArrayEquals(expected.data(), FloatCube.copyOf(s.target()).data(), 0f);
			if (((Flip.Params) flip.params()).axes().length > 0) flipped++;
		}
		assertEquals("some samples flipped", true, flipped > 0);
	}
}
