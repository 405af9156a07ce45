package org.transvw.data.geometry;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.view.Views;

/** Reorientation to RAS: exact for every signed axis permutation, snapping, refusals. */
public class ReorientationTest {

	/** World positions are compared to this (mm): pure float64 rounding. */
	private static final double WORLD_TOLERANCE = 1e-9;

	private static final long[] DIMS = { 4, 5, 6 };
	private static final double[] SPACING = { 0.5, 0.75, 2 };
	private static final double[] ORIGIN = { -12.25, 30.5, 7 };

	/** A probe whose value encodes its own index: 100 x + 10 y + z. */
	private static Volume probe(final double[] direction) {
		final RandomAccessibleInterval<IntType> img = ArrayImgs.ints(DIMS);
		final Cursor<IntType> c = Views.flatIterable(img).localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(100 * c.getIntPosition(0) + 10 * c.getIntPosition(1) + c.getIntPosition(2));
		}
		return new Volume(img, SPACING, ORIGIN, direction, Modality.OTHER, IntensityMap.raw());
	}

	@Test
	public void all48SignedPermutationsRoundTripExactly() {
		final List<Reorientation> all = Reorientation.all(3);
		assertEquals(48, all.size());
		for (final Reorientation expected : all) {
			// setup
			final Volume v = probe(expected.direction());
			final Grid in = Grid.of(v);
			// process
			final GeometryPlan plan = GeometryPlan.of(v, GeometryConfig.defaults());
			final Volume ras = plan.forwardLabels(v);
			final Volume back = plan.invertLabels(ras);
			// test: the orientation read off the direction is the one that built it
			assertEquals(expected.code(), plan.orientation().code());
			assertEquals(expected.code(), in.orientationCode());
			final Grid g = Grid.of(ras);
			assertArrayEquals(Volume.identity(3), g.direction(), 0);
			// every RAS voxel carries the value of the input voxel at the same world position
			final Cursor<? extends RealType<?>> c = Views.flatIterable(ras.pixels()).localizingCursor();
			while (c.hasNext()) {
				final int value = (int) c.next().getRealDouble();
				final double[] src = { value / 100, value / 10 % 10, value % 10 };
				final double[] dst = { c.getIntPosition(0), c.getIntPosition(1), c.getIntPosition(2) };
				assertArrayEquals(expected.code(), in.world(src), g.world(dst), WORLD_TOLERANCE);
			}
			// the inverse gives back the same pixels on the same grid, exactly
			assertEquals(in, Grid.of(back));
			assertEquals(IntType.class, back.pixels().getType().getClass());
			final Cursor<? extends RealType<?>> a = Views.flatIterable(v.pixels()).cursor();
			final Cursor<? extends RealType<?>> b = Views.flatIterable(back.pixels()).cursor();
			while (a.hasNext())
				assertEquals(expected.code(), a.next().getRealDouble(), b.next().getRealDouble(), 0);
		}
	}

	@Test
	public void codesFollowTheWorldDirectionOfEachIndexAxis() {
		assertEquals("RAS", Reorientation.code(Volume.identity(3), 3));
		assertEquals("LPS", Reorientation.code(new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }, 3));
		// index x runs towards superior, y towards left, z towards anterior
		assertEquals("SLA", Reorientation.code(new double[] { 0, -1, 0, 0, 0, 1, 1, 0, 0 }, 3));
		assertEquals("RA", Reorientation.code(Volume.identity(2), 2));
		assertTrue(Reorientation.of(Volume.identity(3), 3, 1e-3).isIdentity());
	}

	@Test
	public void slightlyObliqueGridsSnapWithANote() {
		// setup: z axis tilted by 0.5e-3 rad about x, within the 1e-3 tolerance
		final double e = 0.5e-3, c = Math.cos(e), s = Math.sin(e);
		final double[] dir = { 1, 0, 0, 0, c, -s, 0, s, c };
		final Volume v = probe(dir);
		// process
		final GeometryPlan plan = GeometryPlan.of(v, GeometryConfig.defaults());
		// test
		assertEquals(s, plan.orientation().obliqueness(), 1e-12);
		assertTrue(plan.notes().toString(), plan.notes().get(0).startsWith("direction: snapped"));
		assertArrayEquals(Volume.identity(3), plan.processed().direction(), 0);
		assertEquals(Grid.of(v), Grid.of(plan.invertLabels(plan.forwardLabels(v))));
		assertNull(Reorientation.of(Volume.identity(3), 3, 1e-3).note(Grid.of(v)));
	}

	@Test
	public void obliqueGridsAreRefusedWithTheReason() {
		final double e = Math.toRadians(10), c = Math.cos(e), s = Math.sin(e);
		final double[] dir = { c, -s, 0, s, c, 0, 0, 0, 1 };
		try {
			Reorientation.of(dir, 3, Reorientation.DEFAULT_TOLERANCE);
			fail("a 10 degree rotation must be refused");
		}
		catch (final IllegalArgumentException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().startsWith("direction: expected"));
			assertTrue(ex.getMessage(), ex.getMessage().contains("10.0 degrees"));
			assertTrue(ex.getMessage(), ex.getMessage().contains("does not resample rotated"));
		}
	}

	@Test
	public void shearedGridsAreRefusedWithTheReason() {
		// x tilted towards +y and y towards +x, each by less than the tolerance 0.01, but they
		// meet at 88.97 degrees: a shear of twice the tolerance
		final double b = 0.009, c = Math.sqrt(1 - b * b);
		try {
			Reorientation.of(new double[] { c, b, 0, b, c, 0, 0, 0, 1 }, 3, 0.01);
			fail("a sheared affine must be refused");
		}
		catch (final IllegalArgumentException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains("sheared"));
			assertTrue(ex.getMessage(), ex.getMessage().contains("88.969 degrees"));
		}
		final double h = Math.sqrt(0.5);
		try {
			Reorientation.of(new double[] { 1, h, 0, 0, h, 0, 0, 0, 1 }, 3, 0.45);
			fail("two index axes nearest one world axis must be refused");
		}
		catch (final IllegalArgumentException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains("distinct world axes"));
		}
		try {
			Reorientation.of(new double[] { 1, 0, 0, 0, 2, 0, 0, 0, 1 }, 3, 1e-3);
			fail("non-unit direction cosines must be refused");
		}
		catch (final IllegalArgumentException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains("unit direction cosines"));
		}
	}

	@Test
	public void inverseUndoesTheView() {
		for (final Reorientation r : Reorientation.all(3)) {
			final Volume v = probe(Volume.identity(3));
			final RandomAccessibleInterval<? extends RealType<?>> there = r.apply(v.pixels());
			final RandomAccessibleInterval<? extends RealType<?>> back = r.invert(there);
			assertArrayEquals(DIMS, back.dimensionsAsLongArray());
			final Cursor<? extends RealType<?>> a = Views.flatIterable(v.pixels()).cursor();
			final Cursor<? extends RealType<?>> b = Views.flatIterable(back).cursor();
			while (a.hasNext())
				assertEquals(a.next().getRealDouble(), b.next().getRealDouble(), 0);
			assertNotNull(r.inverse().code());
		}
	}
}
