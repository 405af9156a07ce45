package org.transvw.command;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.plugin.PluginService;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Cubes;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.policy.PerturbationPolicies;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

/** The preview command, run headless the way a macro runs it. */
public class PerturbationPreviewCommandTest {

	private static ImagePlus stack(final FloatCube cube, final float scale) {
		final int w = cube.dim(0), h = cube.dim(1);
		final ImageStack s = new ImageStack(w, h);
		for (int z = 0; z < cube.depth(); z++) {
			final float[] plane = new float[w * h];
			for (int i = 0; i < plane.length; i++)
				plane[i] = cube.data()[z * w * h + i] * scale;
			s.addSlice(new FloatProcessor(w, h, plane));
		}
		return new ImagePlus("cube", s);
	}

	private static CommandModule run(final Context ctx, final Object... inputs) throws Exception {
		return ctx.service(CommandService.class).run(PerturbationPreviewCommand.class, true, inputs)
			.get();
	}

	@Test
	public void showsTheOriginalAndTheSamplesSideBySide() throws Exception {
		// setup
		final FloatCube cube = Cubes.cube(1, 24, 20, 6);
		try (Context ctx = new Context(CommandService.class, StatusService.class,
			PluginService.class))
		{
			// process
			final CommandModule m = run(ctx, "input", stack(cube, 1), "transform", "transvw", "count",
				3, "seed", 5L, "rescale", false);
			final ImagePlus preview = (ImagePlus) m.getOutput("preview");
			final CommandModule again = run(ctx, "input", stack(cube, 1), "transform", "transvw",
				"count", 3, "seed", 5L, "rescale", false);
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			assertEquals(24 * 4, preview.getWidth());
			assertEquals(20, preview.getHeight());
			assertEquals(6, preview.getStackSize());
			final float[] panel1 = new float[24 * 20 * 6];
			for (int z = 0; z < 6; z++) {
				final float[] px = (float[]) preview.getStack().getPixels(z + 1);
				for (int y = 0; y < 20; y++)
					for (int x = 0; x < 24; x++) {
						assertEquals(cube.data()[cube.index(x, y, z)], px[y * 96 + x], 0f);
						panel1[cube.index(x, y, z)] = px[y * 96 + 24 + x];
					}
			}
			final float[] expected = FloatCube.copyOf(PerturbationPolicies.byName("transvw").apply(
				cube.toImg(), RandomStreams.seeded(5).fork(1)).input()).data();
			assertArrayEquals(expected, panel1, 0f);
			assertArrayEquals((float[]) preview.getStack().getPixels(3), (float[]) ((ImagePlus) again
				.getOutput("preview")).getStack().getPixels(3), 0f);
		}
	}

	@Test
	public void singleTransformOpsWorkOn2dImagesAndRescaleOnRequest() throws Exception {
		final FloatCube patch = Cubes.cube(2, 30, 30);
		try (Context ctx = new Context(CommandService.class, PluginService.class)) {
			final CommandModule m = run(ctx, "input", stack(patch, 1000), "transform",
				"transvw.rotation", "count", 2, "seed", 1L, "rescale", true);
			assertFalse(m.getCancelReason(), m.isCanceled());
			final ImagePlus preview = (ImagePlus) m.getOutput("preview");
			assertEquals(90, preview.getWidth());
			assertEquals(1, preview.getStackSize());
			for (final float v : (float[]) preview.getProcessor().getPixels())
				assertTrue(v >= 0 && v <= 1);
		}
	}

	@Test
	public void refusesIntensitiesOutsideTheUnitRangeWithAReason() throws Exception {
		try (Context ctx = new Context(CommandService.class, PluginService.class)) {
			final CommandModule m = run(ctx, "input", stack(Cubes.cube(3, 16, 16, 4), 1000),
				"transform", "genesis", "count", 2, "seed", 1L, "rescale", false);
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason(), m.getCancelReason().startsWith(
				"input: expected intensities in [0, 1]"));
			assertEquals(null, m.getOutput("preview"));
		}
	}
}
