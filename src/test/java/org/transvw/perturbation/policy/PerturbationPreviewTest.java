package org.transvw.perturbation.policy;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.Cubes;
import org.transvw.perturbation.FloatCube;

import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/** The preview montage: panel layout on 2D patches, and a cancel between samples. */
public class PerturbationPreviewTest {

	@Test
	public void panelsOf2dPatchesSitSideBySide() {
		final FloatCube patch = Cubes.cube(1, 10, 7);
		final Img<FloatType> m = PerturbationPreview.montage(patch.toImg(), PerturbationPolicies
			.byName("rotation"), 2, RandomStreams.seeded(4), Progress.NONE, Cancellation.NEVER);
		assertEquals(30, m.dimension(0));
		assertEquals(7, m.dimension(1));
		final float[] a = FloatCube.copyOf(m).data();
		final float[] sample2 = FloatCube.copyOf(PerturbationPolicies.byName("rotation").apply(patch
			.toImg(), RandomStreams.seeded(4).fork(2)).input()).data();
		for (int y = 0; y < 7; y++)
			for (int x = 0; x < 10; x++) {
				assertEquals(patch.data()[y * 10 + x], a[y * 30 + x], 0f);
				assertEquals(sample2[y * 10 + x], a[y * 30 + 20 + x], 0f);
			}
	}

	@Test
	public void cancellingStopsBetweenSamples() {
		final Cancellation cancel = Cancellation.create();
		final AtomicInteger reports = new AtomicInteger();
		try {
			PerturbationPreview.montage(Cubes.img(2, 16, 16, 8), PerturbationPolicies.byName(
				"identity"), 5, RandomStreams.seeded(1), (f, msg) -> {
					reports.incrementAndGet();
					cancel.cancel();
				}, cancel);
			assertFalse("not cancelled", true);
		}
		catch (final CancellationException e) {
			assertEquals("stopped after the first sample", 1, reports.get());
		}
		assertArrayEquals(new long[] { 16, 16, 8 }, Cubes.img(2, 16, 16, 8).dimensionsAsLongArray());
	}
}
