package org.transvw.perturbation.op;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.scijava.Context;
import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.PluginService;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Cubes;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.LocalShuffle;
import org.transvw.perturbation.Transforms;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The ops are found through the PluginService under the names of the one transform registry,
 * and with their default parameters they do exactly what the registry's transform does.
 */
public class PerturbationOpsTest {

	@Test
	public void theOpsAreTheRegistrysTransforms() {
		try (Context ctx = new Context(PluginService.class)) {
			final PluginService plugins = ctx.service(PluginService.class);
			final List<String> names = new ArrayList<>();
			for (final PluginInfo<PerturbationOp> info : plugins.getPluginsOfType(PerturbationOp.class))
				names.add(info.getName());
			names.sort(null);
			assertEquals(Transforms.opNames(), names);
			final Img<FloatType> cube = Cubes.img(1, 24, 24, 12);
			for (final PluginInfo<PerturbationOp> info : plugins.getPluginsOfType(PerturbationOp.class)) {
				final PerturbationOp op = plugins.createInstance(info);
				assertEquals(info.getName(), Transforms.OP_PREFIX + op.perturbation().name());
				final Img<FloatType> out = op.apply(cube, RandomStreams.seeded(2));
				// the op is a thin delegate with the registry's defaults
				assertArrayEquals(info.getName(), FloatCube.copyOf(Transforms.byName(info.getName())
					.apply(cube, RandomStreams.seeded(2))).data(), FloatCube.copyOf(out).data(), 0f);
			}
		}
	}

	@Test
	public void typedParametersTakeEffect() {
		final LocalShuffleOp op = new LocalShuffleOp();
		assertEquals(LocalShuffle.TRANSVW_BLOCKS, op.blocks);
		op.blocks = LocalShuffle.GENESIS_BLOCKS;
		assertEquals(LocalShuffle.GENESIS_BLOCKS, ((LocalShuffle) op.perturbation()).blocks());
		final FloatCube cube = Cubes.cube(3, 32, 32, 16);
		final float[] out = FloatCube.copyOf(op.apply(cube.toImg(), RandomStreams.seeded(1))).data();
		int changed = 0;
		for (int i = 0; i < out.length; i++)
			if (out[i] != cube.data()[i]) changed++;
		assertTrue("10 000 blocks changed only " + changed, changed > out.length / 2);
	}
}
