package org.transvw.data.geometry;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Optional;

import org.junit.Test;

/** Bad input of the geometry step: each message names the parameter and what was expected. */
public class GeometryChecksTest {

	private static String message(final Runnable r) {
		try {
			r.run();
		}
		catch (final IllegalArgumentException e) {
			return e.getMessage();
		}
		fail("expected an IllegalArgumentException");
		return null;
	}

	@Test
	public void uncalibratedFilesAskForSpacing() {
		final String m = message(() -> GeometryChecks.spacingFor("case_1.tif", new double[] { 1, 1,
			1 }, false, null));
		assertTrue(m, m.startsWith("voxel: expected a voxel size for case_1.tif"));
		assertTrue(m, m.contains("give it as voxel=0.8,0.8,2.5"));
		// voxel= fills in an uncalibrated header; a calibrated header keeps its own
		assertArrayEquals(new double[] { 0.5, 0.5, 2 }, GeometryChecks.spacingFor("case_1.tif",
			new double[] { 1, 1, 1 }, false, new double[] { 0.5, 0.5, 2 }), 0);
		assertArrayEquals(new double[] { 0.7, 0.7, 3 }, GeometryChecks.spacingFor("a.nii",
			new double[] { 0.7, 0.7, 3 }, true, null), 0);
		assertArrayEquals(new double[] { 0.7, 0.7, 3 }, GeometryChecks.spacingFor("a.nii",
			new double[] { 0.7, 0.7, 3 }, true, new double[] { 0.5, 0.5, 2 }), 0);
	}

	@Test
	public void zeroNegativeOrMalformedSpacingIsNamed() {
		String m = message(() -> GeometryChecks.parseSpacing("1,0,1", 3));
		assertEquals("spacing: expected 3 positive finite voxel sizes (mm), got [1.0, 0.0, 1.0] " +
			"(axis y is 0.0)", m);
		m = message(() -> GeometryChecks.parseSpacing("1,1,-2", 3));
		assertTrue(m, m.contains("axis z is -2.0"));
		m = message(() -> GeometryChecks.parseSpacing("1,1", 3));
		assertTrue(m, m.startsWith("spacing: expected 1 or 3 voxel sizes"));
		m = message(() -> GeometryChecks.parseSpacing("1,a,1", 3));
		assertTrue(m, m.contains("got 'a'"));
		m = message(() -> new Grid(new long[] { 2, 2, 2 }, new double[] { 1, Double.NaN, 1 },
			new double[3], new double[9]));
		assertTrue(m, m.startsWith("spacing: expected 3 positive finite"));
	}

	@Test
	public void labelsOnAnotherGridAreRefusedNamingBoth() {
		final Grid image = Grid.aligned(new long[] { 181, 217, 181 }, new double[] { 1, 1, 1 },
			new double[] { -90, -126, -72 });
		final Grid labels = Grid.aligned(new long[] { 90, 108, 90 }, new double[] { 2, 2, 2 },
			new double[] { -90, -126, -72 });
		final String m = message(() -> GeometryChecks.requireSameGrid(image, "ch2.nii.gz", labels,
			"mask.nii.gz"));
		assertTrue(m, m.startsWith("labels: expected the grid of their image ch2.nii.gz ([181, 217, " +
			"181] voxels of [1, 1, 1] mm, origin [-90, -126, -72] mm, RAS), got mask.nii.gz on [90, " +
			"108, 90] voxels of [2, 2, 2] mm"));
		// float32 header rounding is not a different grid
		GeometryChecks.requireSameGrid(image, "a", Grid.aligned(image.dims(), new double[] {
			1.0000001, 1, 1 }, new double[] { -90.000001, -126, -72 }), "b");
	}

	@Test
	public void spacingFarFromTheBundleGetsAWarning() {
		final double[] bundle = { 1, 1, 1 };
		final Optional<String> w = GeometryChecks.spacingMismatchWarning(bundle, List.of("colin",
			"subject", "fine"), List.of(new double[] { 1, 1, 1 }, new double[] { 2, 2, 3 },
				new double[] { 0.5, 0.5, 0.5 }), GeometryChecks.DEFAULT_SPACING_FACTOR);
		assertTrue(w.isPresent());
		// 0.5 mm is exactly 2x finer: not more than the factor
		assertEquals("spacing: 1 of 3 volumes differ from the bundle's training spacing [1, 1, 1] mm " +
			"by more than 2.0x on some axis: subject [2, 2, 3] mm (z 3.00x); they are resampled to " +
			"the bundle's spacing, which loses or invents detail", w.get());
		assertFalse(GeometryChecks.spacingMismatchWarning(bundle, List.of("a"), List.of(
			new double[] { 1.5, 1.5, 0.6 }), 2).isPresent());
	}
}
