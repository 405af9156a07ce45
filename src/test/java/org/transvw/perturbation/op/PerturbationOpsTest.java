package org.transvw.perturbation.op;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.scijava.Context;
import org.scijava.plugin.PluginService;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Cubes;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.LocalShuffle;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/** The ops are found by name through the PluginService and delegate to the core transforms. */
public class PerturbationOpsTest {

	private static final List<String> NAMES = List.of("transvw.contextswap", "transvw.elastic",
		"transvw.flip", "transvw.identity", "transvw.inpainting", "transvw.nonlinear",
		"transvw.outpainting", "transvw.rotation", "transvw.shuffle");

	@Test
	public void everyTransformIsDiscoverableByName() {
		try (Context ctx = new Context(PluginService.class)) {
			final PluginService plugins = ctx.service(PluginService.class);
			assertEquals(NAMES, PerturbationOps.names(plugins));
			final Img<FloatType> cube = Cubes.img(1, 24, 24, 12);
			for (final String name : NAMES) {
				final PerturbationOp op = PerturbationOps.create(plugins, name);
				assertEquals(name, PerturbationOps.PREFIX + op.perturbation().name());
				final Img<FloatType> out = op.apply(cube, RandomStreams.seeded(2));
				// the op is a thin delegate: same result as the core transform
				assertArrayEquals(name, FloatCube.copyOf(op.perturbation().apply(cube, RandomStreams
					.seeded(2))).data(), FloatCube.copyOf(out).data(), 0f);
			}
		}
	}

	@Test
	public void typedParametersTakeEffect() {
		try (Context ctx = new Context(PluginService.class)) {
			final LocalShuffleOp op = (LocalShuffleOp) PerturbationOps.create(ctx.service(
				PluginService.class), "transvw.shuffle");
			assertEquals(LocalShuffle.TRANSVW_BLOCKS, op.blocks);
			op.blocks = LocalShuffle.GENESIS_BLOCKS;
			assertEquals(LocalShuffle.GENESIS_BLOCKS, ((LocalShuffle) op.perturbation()).blocks());
			final FloatCube cube = Cubes.cube(3, 32, 32, 16);
			final float[] out = FloatCube.copyOf(op.apply(cube.toImg(), RandomStreams.seeded(1)))
				.data();
			int changed = 0;
			for (int i = 0; i < out.length; i++)
				if (out[i] != cube.data()[i]) changed++;
			assertTrue("10 000 blocks changed only " + changed, changed > out.length / 2);
		}
	}

	@Test
	public void unknownNamesListTheKnownOnes() {
		try (Context ctx = new Context(PluginService.class)) {
			PerturbationOps.create(ctx.service(PluginService.class), "transvw.blur");
			assertFalse(true);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("op: expected one of [transvw."));
		}
	}
}
