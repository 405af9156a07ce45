package org.transvw.data.geometry;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
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
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** The plan as a whole: world-consistent forward and inverse, labels, JSON, refusals. */
public class GeometryPlanTest {

	/** Float32 pixels of a ramp up to ~20: rounding ~2e-6. */
	private static final double FLOAT_TOLERANCE = 1e-4;

	/** A function linear in world coordinates (mm); linear and B-spline reproduce it. */
	private static double ramp(final double[] w) {
		return 3 + 0.2 * w[0] - 0.1 * w[1] + 0.05 * w[2];
	}

	private static Volume rampVolume(final Grid g) {
		final RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(g.dims());
		for (final Cursor<FloatType> c = Views.flatIterable(img).localizingCursor(); c.hasNext();) {
			c.fwd();
			c.get().set((float) ramp(g.world(c.getDoublePosition(0), c.getDoublePosition(1), c
				.getDoublePosition(2))));
		}
		return g.on(img, Modality.MR, IntensityMap.raw());
	}

	/** Whether voxel {@code j} of the resampled axis reads the input inside [margin, n-1-margin]. */
	private static boolean interior(final long j, final long n, final long m, final double margin) {
		final double x = (j + 0.5) * n / m - 0.5;
		return x >= margin && x <= n - 1 - margin;
	}

	@Test
	public void forwardAndInverseAreConsistentInWorldCoordinates() {
		// setup: three orientations, anisotropic spacing, a target that up- and downsamples
		final double[][] directions = { Volume.identity(3), { -1, 0, 0, 0, -1, 0, 0, 0, 1 }, { 0, -1,
			0, 0, 0, 1, 1, 0, 0 } };
		for (final Interpolation ip : new Interpolation[] { Interpolation.LINEAR,
			Interpolation.BSPLINE3 })
			for (final double[] dir : directions) {
				final Grid g = new Grid(new long[] { 20, 17, 18 }, new double[] { 0.9, 1.1, 2.5 },
					new double[] { 12.5, -40, 3 }, dir);
				final Volume v = rampVolume(g);
				final GeometryConfig config = GeometryConfig.defaults().withTargetSpacing(1.3, 0.7, 1.9)
					.withInterpolation(ip, ip);
				// process
				final GeometryPlan plan = GeometryPlan.of(v, config);
				final Volume out = plan.forwardImage(v);
				final Volume back = plan.invertProbabilities(out, 0);
				// test: every processed voxel that reads the interior holds f(its world position)
				final String name = ip + " " + g.orientationCode();
				final Grid p = plan.processed(), c = plan.cropped();
				// B-spline: the mirror boundary's influence decays as 0.268^k; 7 samples in, < 1e-4
				final double margin = ip == Interpolation.LINEAR ? 0 : 7;
				int checked = 0;
				for (final Cursor<? extends RealType<?>> k = Views.flatIterable(out.pixels())
					.localizingCursor(); k.hasNext();)
				{
					final double value = k.next().getRealDouble();
					boolean inside = true;
					for (int d = 0; d < 3; d++)
						inside &= interior(k.getLongPosition(d), c.dims()[d], p.dims()[d], margin);
					if (!inside) continue;
					checked++;
					assertEquals(name, ramp(p.world(k.getDoublePosition(0), k.getDoublePosition(1), k
						.getDoublePosition(2))), value, FLOAT_TOLERANCE);
				}
				assertTrue(name + ": " + checked, checked > (ip == Interpolation.LINEAR ? 500 : 40));
				// and the way back is on the input grid, holding f there (linear back, interior)
				assertEquals(g, Grid.of(back));
				int inner = 0;
				for (final Cursor<? extends RealType<?>> k = Views.flatIterable(back.pixels())
					.localizingCursor(); k.hasNext();)
				{
					final double value = k.next().getRealDouble();
					final double[] w = g.world(k.getDoublePosition(0), k.getDoublePosition(1), k
						.getDoublePosition(2));
					final double[] q = rasIndex(p, w);
					boolean inside = true;
					// both processed neighbours must themselves be exact (read the input's interior)
					for (int d = 0; d < 3; d++)
						inside &= q[d] >= 0 && q[d] <= p.dims()[d] - 1 && interior((long) Math.floor(q[d]), c
							.dims()[d], p.dims()[d], 0) && interior((long) Math.ceil(q[d]), c.dims()[d], p
								.dims()[d], 0);
					if (!inside || ip != Interpolation.LINEAR) continue;
					inner++;
					assertEquals(name + " back", ramp(w), value, FLOAT_TOLERANCE);
				}
				assertTrue(ip != Interpolation.LINEAR || inner > 100);
			}
	}

	/** Continuous index on an axis-aligned (identity direction) grid of a world point. */
	private static double[] rasIndex(final Grid p, final double[] w) {
		final double[] q = new double[3];
		for (int d = 0; d < 3; d++)
			q[d] = (w[d] - p.origin()[d]) / p.spacing()[d];
		return q;
	}

	private static Volume labels(final Grid g) {
		final RandomAccessibleInterval<UnsignedByteType> img = ArrayImgs.unsignedBytes(g.dims());
		for (final Cursor<UnsignedByteType> c = Views.flatIterable(img).localizingCursor(); c
			.hasNext();)
		{
			c.fwd();
			final int x = c.getIntPosition(0), y = c.getIntPosition(1), z = c.getIntPosition(2);
			final boolean body = x >= 3 && x < 15 && y >= 2 && y < 14 && z >= 1 && z < 9;
			c.get().set(!body ? 0 : z % 4 == 0 ? 255 : 1 + (x + y) % 3);
		}
		return g.on(img, Modality.OTHER, IntensityMap.raw());
	}

	@Test
	public void labelsCropAndComeBackExactlyAtTheirOwnSpacing() {
		// setup: labels 1..3 and 255 (unlabelled slices) inside a body, crop to the body
		final Grid g = new Grid(new long[] { 20, 17, 12 }, new double[] { 0.9, 1.1, 2.5 },
			new double[] { 12.5, -40, 3 }, new double[] { -1, 0, 0, 0, 0, 1, 0, -1, 0 });
		final Volume l = labels(g);
		final GeometryPlan plan = GeometryPlan.of(l, GeometryConfig.defaults().withCrop(
			ForegroundCrop.above(0, 0)));
		// process
		final Volume forward = plan.forwardLabels(l);
		final Volume back = plan.invertLabels(forward);
		// test: cropped to the body (12 x 12 x 8 voxels, axes permuted), nothing lost on the way
		assertEquals("LIA", g.orientationCode());
		assertArrayEquals(new long[] { 12, 8, 12 }, forward.dimensions());
		assertEquals(UnsignedByteType.class, forward.pixels().getType().getClass());
		assertEquals(g, Grid.of(back));
		final Cursor<? extends RealType<?>> a = Views.flatIterable(l.pixels()).cursor();
		final Cursor<? extends RealType<?>> b = Views.flatIterable(back.pixels()).cursor();
		while (a.hasNext())
			assertEquals(a.next().getRealDouble(), b.next().getRealDouble(), 0);
	}

	@Test
	public void jsonRoundTripIsExact() {
		// setup: a slightly oblique LPS grid, crop, anisotropic target, B-spline
		final double e = 2e-4;
		final Grid g = new Grid(new long[] { 20, 17, 12 }, new double[] { 0.9, 1.1, 2.5 },
			new double[] { 12.5, -40, 3.0000001 }, new double[] { -1, 0, 0, 0, -Math.cos(e), Math.sin(
				e), 0, Math.sin(e), Math.cos(e) });
		final Volume l = labels(g);
		final GeometryPlan plan = GeometryPlan.of(l, GeometryConfig.defaults().withTargetSpacing(0.5,
			0.5, 2.6).withInterpolation(Interpolation.BSPLINE3, Interpolation.NEAREST).withCrop(
				ForegroundCrop.above(0, 1.5)));
		// process
		final String json = plan.toJson();
		final GeometryPlan parsed = GeometryPlan.fromJson(json);
		// test
		assertEquals(plan, parsed);
		assertEquals(json, parsed.toJson());
		assertEquals(plan.notes().toString(), 4, plan.notes().size());
		assertTrue(json, json.contains("\"code\": \"LPS\""));
		assertTrue(json, json.contains("\"interpolation\": [\n    \"BSPLINE3\",\n    \"BSPLINE3\",\n" +
			"    \"NEAREST\"\n  ]"));
		// a plan whose processed grid does not follow from the rest is refused
		final String tampered = json.replaceFirst("(\"processed\": \\{\\s*\"dims\": \\[\\s*)\\d+",
			"$199");
		try {
			GeometryPlan.fromJson(tampered);
			fail("an inconsistent plan must be refused");
		}
		catch (final IllegalArgumentException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().startsWith("processed grid: expected the grid " +
				"that follows"));
		}
	}

	@Test
	public void gridsThatDoNotMatchAreRefusedNamingBoth() {
		final Grid g = Grid.aligned(new long[] { 20, 17, 12 }, new double[] { 1, 1, 2 },
			new double[3]);
		final Volume image = rampVolume(g);
		final GeometryPlan plan = GeometryPlan.of(image, GeometryConfig.defaults().withTargetSpacing(2,
			2, 2));
		final Volume otherLabels = labels(Grid.aligned(g.dims(), new double[] { 1, 1, 2.5 },
			new double[3]));
		for (final Runnable r : List.<Runnable> of(() -> plan.forwardLabels(otherLabels),
			() -> plan.forwardImage(otherLabels), () -> plan.invertLabels(image)))
			try {
				r.run();
				fail("a volume on another grid must be refused");
			}
			catch (final IllegalArgumentException ex) {
				// both grids are named: the expected one and the one given
				assertTrue(ex.getMessage(), ex.getMessage().matches("(labels|image): expected the .*grid" +
					".* got .*"));
				assertEquals(ex.getMessage(), 2, ex.getMessage().split("voxels of").length - 1);
			}
	}

	@Test
	public void twoDimensionalImagesWork() {
		final RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(new float[] { 0, 1, 2, 3, 4,
			5 }, 3, 2);
		final Volume v = new Volume(img, new double[] { 2, 1 }, new double[2], new double[] { -1, 0,
			0, 1 }, Modality.XRAY, IntensityMap.raw());
		final GeometryPlan plan = GeometryPlan.of(v, GeometryConfig.defaults().withTargetSpacing(1,
			1));
		final Volume out = plan.forwardImage(v);
		assertArrayEquals(new long[] { 6, 2 }, out.dimensions());
		assertEquals(Grid.of(v), Grid.of(plan.invertProbabilities(out, 0)));
		assertEquals(plan, GeometryPlan.fromJson(plan.toJson()));
	}
}
