package org.transvw.data.geometry;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.List;

import org.junit.Test;

/** nnU-Net's target-spacing rule on worked examples (numbers by hand in the comments). */
public class TargetSpacingTest {

	@Test
	public void mixedIsotropicCollectionTakesTheMedian() {
		// Colin27 at 1 mm and a subject at 2 x 2 x 3 mm: median of two = their mean; z 2 is not
		// above 3 x 1.5, so no anisotropy rule
		final double[] t = TargetSpacing.median(List.of(new double[] { 1, 1, 1 }, new double[] { 2,
			2, 3 }), List.of(new long[] { 181, 217, 181 }, new long[] { 90, 108, 60 }));
		assertArrayEquals(new double[] { 1.5, 1.5, 2 }, t, 1e-12);
	}

	@Test
	public void anisotropicCollectionTakesTheTenthPercentileThroughPlane() {
		// medians (0.8, 0.8, 5); 5 > 3 x 0.8 and median z size 40 x 3 < 512: anisotropic.
		// z spacings sorted (1.5, 5, 5): 10th percentile at rank 0.2 -> 1.5 + 0.2 x 3.5 = 2.2
		final double[] t = TargetSpacing.median(List.of(new double[] { 0.8, 0.8, 5 }, new double[] {
			0.7, 0.7, 5 }, new double[] { 0.9, 0.9, 1.5 }), List.of(new long[] { 512, 512, 30 },
				new long[] { 512, 512, 40 }, new long[] { 512, 512, 120 }));
		assertArrayEquals(new double[] { 0.8, 0.8, 2.2 }, t, 1e-12);
	}

	@Test
	public void anisotropicSpacingWithoutFewSlicesKeepsTheMedian() {
		// 4 > 3 x 1, but 200 slices x 3 is not below 100 voxels in-plane: median kept
		final double[] t = TargetSpacing.median(List.of(new double[] { 1, 1, 4 }, new double[] { 1,
			1, 4 }), List.of(new long[] { 100, 100, 200 }, new long[] { 100, 100, 200 }));
		assertArrayEquals(new double[] { 1, 1, 4 }, t, 1e-12);
	}

	@Test
	public void throughPlaneTargetNeverGetsFinerThanInPlane() {
		// z spacings sorted (0.2, 0.2, 4, 4, 4): 10th percentile at rank 0.4 -> 0.2 < 1, so the
		// target is max(1, 0.2) + 1e-5
		final double[] z4 = { 1, 1, 4 }, z02 = { 1, 1, 0.2 };
		final long[] few = { 256, 256, 30 };
		final double[] t = TargetSpacing.median(List.of(z4, z4, z4, z02, z02), List.of(few, few, few,
			few, few));
		assertArrayEquals(new double[] { 1, 1, 1 + TargetSpacing.CLAMP_NUDGE }, t, 1e-12);
	}

	@Test
	public void theRuleRunsOnRasOrderedHeaders() {
		// the 3 mm axis is index y of a coronal-like grid (index y runs towards superior): in RAS
		// order it is z for both volumes
		final double[] coronal = { 1, 0, 0, 0, 0, 1, 0, 1, 0 };
		final Grid a = new Grid(new long[] { 100, 40, 100 }, new double[] { 0.7, 3, 0.7 },
			new double[3], coronal);
		final Grid b = Grid.aligned(new long[] { 100, 100, 40 }, new double[] { 0.7, 0.7, 3 },
			new double[3]);
		assertArrayEquals(new double[] { 0.7, 0.7, 3 }, TargetSpacing.median(List.of(a, b),
			Reorientation.DEFAULT_TOLERANCE), 1e-12);
	}

	@Test
	public void throughPlaneAxisFollowsTheSourceThenTheTarget() {
		assertEquals(2, TargetSpacing.throughPlaneAxis(new double[] { 0.7, 0.7, 5 }, new double[] {
			1, 1, 1 }));
		assertEquals(1, TargetSpacing.throughPlaneAxis(new double[] { 1, 1, 1 }, new double[] { 1,
			3.5, 1 }));
		assertEquals(-1, TargetSpacing.throughPlaneAxis(new double[] { 1, 1, 3 }, new double[] { 1.5,
			1.5, 2 }));
		// two axes share the coarsest spacing: no single through-plane axis
		assertEquals(-1, TargetSpacing.throughPlaneAxis(new double[] { 4, 4, 1 }, new double[] { 4,
			4, 1 }));
	}

	@Test
	public void parseAcceptsMedianIsotropicAndPerAxis() {
		assertFalse(TargetSpacing.parse("median", 3).isPresent());
		assertFalse(TargetSpacing.parse(" ", 3).isPresent());
		assertArrayEquals(new double[] { 1.5, 1.5, 1.5 }, TargetSpacing.parse("1.5", 3).get(), 0);
		assertArrayEquals(new double[] { 0.8, 0.8, 2.5 }, TargetSpacing.parse("0.8 x 0.8 x 2.5", 3)
			.get(), 0);
	}
}
