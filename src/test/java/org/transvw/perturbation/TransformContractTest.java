package org.transvw.perturbation;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.Test;
import org.transvw.common.RandomStreams;

/**
 * The contract every transform keeps (STYLE example 5): replaying Params is bit-identical, the
 * input is never modified, values stay in [0, 1], extents are kept, same seed = same output,
 * different seeds differ, 2D patches work, applyOwned gives the same cube as apply.
 */
public class TransformContractTest {

	private static final List<Perturbation<?>> ALL = List.of(new ElasticDeformation(),
		new LocalShuffle(5), new LocalShuffle(10_000), new NonlinearIntensity(), new InPainting(1, 1,
			Fill.NOISE), new InPainting(5, 0.95, Fill.CONSTANT), new OutPainting(1, 1, Fill.NOISE),
		new OutPainting(5, 0.95, Fill.CONSTANT), new Flip(), new Rotation90(), new ContextSwap(),
		new Identity());

	@Test
	public void contractHoldsOn3dCubes() {
		for (final Perturbation<?> t : ALL)
			check(t, new int[] { 32, 32, 16 });
	}

	@Test
	public void contractHoldsOn2dPatches() {
		for (final Perturbation<?> t : ALL)
			check(t, new int[] { 48, 48 });
	}

	private static <P> void check(final Perturbation<P> t, final int[] dims) {
		final FloatCube in = Cubes.cube(9, dims);
		final float[] before = in.data().clone();
		int differing = 0;
		float[] previous = null;
		for (int seed = 0; seed < 6; seed++) {
			final P p = t.draw(RandomStreams.seeded(seed), in.toImg());
			assertEquals(t.name() + ": same seed, same params", p, t.draw(RandomStreams.seeded(seed),
				in.toImg()));
			final FloatCube a = t.apply(p, in), b = t.apply(p, in);
			assertArrayEquals(t.name() + ": replay", a.data(), b.data(), 0f);
			// applyOwned may overwrite its input, never change the result
			assertArrayEquals(t.name() + ": applyOwned", a.data(), t.applyOwned(p, in.copy()).data(),
				0f);
			assertArrayEquals(t.name() + ": input modified", before, in.data(), 0f);
			assertArrayEquals(t.name() + ": extents", dims, a.dims());
			for (final float v : a.data())
				if (!(v >= 0 && v <= 1)) throw new AssertionError(t.name() + ": value " + v +
					" outside [0, 1]");
			if (previous != null && !Arrays.equals(previous, a.data())) differing++;
			previous = a.data();
		}
		// NB: Models Genesis' flip leaves 60 % of the cubes alone, so fewer of its outputs differ
		if (!(t instanceof Identity)) assertTrue(t.name() + ": seeds give different outputs",
			differing >= (t instanceof Flip ? 1 : 3));
		else assertArrayEquals(before, previous, 0f);
	}

	@Test
	public void imageOverloadsAgreeWithCubes() {
		final FloatCube in = Cubes.cube(3, 20, 20, 10);
		final NonlinearIntensity t = new NonlinearIntensity();
		final NonlinearIntensity.Params p = t.draw(RandomStreams.seeded(1), in.toImg());
		assertArrayEquals(t.apply(p, in).data(), FloatCube.copyOf(t.apply(p, in.toImg())).data(),
			0f);
		assertArrayEquals(t.apply(in, RandomStreams.seeded(4)).data(), FloatCube.copyOf(t.apply(in
			.toImg(), RandomStreams.seeded(4))).data(), 0f);
	}

	@Test
	public void rejects4dImages() {
		try {
			new LocalShuffle(5).draw(RandomStreams.seeded(1), net.imglib2.img.array.ArrayImgs.floats(
				4, 4, 4, 4));
			assertFalse("accepted a 4D image", true);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("cube: expected"));
		}
	}
}
