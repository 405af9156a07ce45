package org.transvw.data.phantom;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;

import org.junit.Test;
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** The projection physics and geometry of {@link Drr} on volumes whose DRR is known. */
public class DrrTest {

	/** Float32 storage of a double sum: relative rounding of the stored line integral. */
	private static final double FLOAT_REL = 1e-6;

	private static final int W = 20, H = 16, D = 12;
	private static final double[] SPACING = { 0.5, 0.8, 1.25 };
	private static final double HU = 500;

	/** Air with a box of {@link #HU} at x 5..12, y 3..10, z 2..7 (index ranges inclusive). */
	private static ArrayImg<FloatType, FloatArray> box() {
		final ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(W, H, D);
		for (final FloatType t : img)
			t.set(-1000);
		for (final FloatType t : Views.iterable(Views.interval(img, new long[] { 5, 3, 2 },
			new long[] { 12, 10, 7 })))
			t.set((float) HU);
		return img;
	}

	private static boolean inBoxColumn(final int x, final int z) {
		return x >= 5 && x <= 12 && z >= 2 && z <= 7;
	}

	@Test
	public void uniformBoxProjectsToMuTimesPathLengthAndAirToZero() {
		// setup: 8 voxels of 0.8 mm along AP = 6.4 mm of HU 500
		final Volume ct = new Volume(box(), SPACING, new double[] { -4, 10, -2 }, Volume.identity(3),
			Modality.CT, IntensityMap.raw());
		final double inside = Drr.MU_WATER_60KEV * (1 + HU / 1000) * 8 * 0.8;
		// process
		final Volume drr = Drr.project(ct);
		// test: 2D, spacing of the lateral and cranio-caudal axes, radiograph layout
		assertEquals(Modality.XRAY, drr.modality());
		assertArrayEquals(new long[] { W, D }, drr.dimensions());
		assertArrayEquals(new double[] { 0.5, 1.25 }, drr.spacing(), 0);
		assertArrayEquals(new double[] { -1, 0, 0, -1 }, drr.direction(), 0);
		// pixel (0, 0) is the patient's right (largest x) and superior (largest z) corner
		assertArrayEquals(new double[] { -4 + 19 * 0.5, -2 + 11 * 1.25 }, drr.origin(), 1e-12);
		final RandomAccess<FloatType> ra = drr.floats().randomAccess();
		for (int x = 0; x < W; x++)
			for (int z = 0; z < D; z++) {
				final float p = ra.setPositionAndGet(W - 1 - x, D - 1 - z).get();
				if (inBoxColumn(x, z)) assertEquals("ray x=" + x + " z=" + z, inside, p, inside *
					FLOAT_REL);
				else assertEquals("air ray x=" + x + " z=" + z, 0, p, 0);
			}
	}

	@Test
	public void waterPathGivesTheTabulatedAttenuation() {
		// 100 mm of water (HU 0): p = 0.02059 * 100 = 2.059, I/I0 = exp(-2.059) = 0.128
		final Volume ct = Volume.of(ArrayImgs.floats(2, 50, 3), new double[] { 1, 2, 1 },
			Modality.CT);
		for (final FloatType t : Views.iterable(Drr.project(ct).floats()))
			assertEquals(2.059, t.get(), 2.059 * FLOAT_REL);
	}

	@Test
	public void storageOrderAndDirectionDoNotChangeTheRadiograph() {
		// setup: the same box stored (a) RAS+ identity, (b) DICOM-like: x and y mirrored with
		// direction diag(-1, -1, 1), (c) axes permuted to (x, z, y)
		final Volume a = new Volume(box(), SPACING, new double[] { 0, 0, 0 }, Volume.identity(3),
			Modality.CT, IntensityMap.raw());
		final RandomAccessibleInterval<FloatType> mirrored = Views.zeroMin(Views.invertAxis(Views
			.invertAxis(box(), 0), 1));
		final Volume b = new Volume(mirrored, SPACING, new double[] { (W - 1) * 0.5, (H - 1) * 0.8,
			0 }, new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }, Modality.CT, IntensityMap.raw());
		final RandomAccessibleInterval<FloatType> xzy = Views.zeroMin(Views.permute(box(), 1, 2));
		final Volume c = new Volume(xzy, new double[] { 0.5, 1.25, 0.8 }, new double[3], new double[] {
			1, 0, 0, 0, 0, 1, 0, 1, 0 }, Modality.CT, IntensityMap.raw());
		// process
		final float[] pa = pixels(Drr.project(a)), pb = pixels(Drr.project(b)), pc = pixels(Drr
			.project(c));
		// test
		assertArrayEquals(pa, pb, 0);
		assertArrayEquals(pa, pc, 0);
		assertArrayEquals(Drr.project(a).origin(), Drr.project(b).origin(), 1e-12);
		assertTrue("the box is visible", max(pa) > 0);
	}

	@Test
	public void maskProjectsToOneWhereAnyVoxelOnTheRayIsSet() {
		// setup: two voxels on one AP ray, one elsewhere
		final Volume ct = Volume.of(ArrayImgs.floats(W, H, D), SPACING, Modality.CT);
		final var mask = ArrayImgs.unsignedBytes(W, H, D);
		final RandomAccess<UnsignedByteType> m = mask.randomAccess();
		m.setPositionAndGet(3, 1, 4).set(1);
		m.setPositionAndGet(3, 9, 4).set(1);
		m.setPositionAndGet(15, 7, 0).set(1);
		// process
		final RandomAccessibleInterval<UnsignedByteType> p = Drr.projectMask(ct, mask);
		// test
		assertArrayEquals(new long[] { W, D }, p.dimensionsAsLongArray());
		int ones = 0;
		for (final UnsignedByteType t : Views.iterable(p))
			ones += t.get();
		assertEquals(2, ones);
		final RandomAccess<UnsignedByteType> r = p.randomAccess();
		assertEquals(1, r.setPositionAndGet(W - 1 - 3, D - 1 - 4).get());
		assertEquals(1, r.setPositionAndGet(W - 1 - 15, D - 1).get());
	}

	@Test
	public void quantumNoiseIsUnbiasedWithPoissonSpread() {
		// setup: a flat radiograph p = 2 at 1e4 photons: 1353 counts, sd(p) ~ 1/sqrt(1353) = 0.0272
		final int n = 128 * 128;
		final float[] flat = new float[n];
		Arrays.fill(flat, 2f);
		final Volume drr = Volume.of(ArrayImgs.floats(flat, 128, 128), new double[] { 1, 1 },
			Modality.XRAY);
		// process
		final float[] a = pixels(Drr.withQuantumNoise(drr, 1e4, RandomStreams.seeded(3)));
		// test: replayable, mean within 4 standard errors, sd within 5 %
		assertArrayEquals(a, pixels(Drr.withQuantumNoise(drr, 1e4, RandomStreams.seeded(3))), 0);
		double s = 0, s2 = 0;
		for (final float v : a) {
			s += v;
			s2 += v * v;
		}
		final double mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
		final double expected = 1 / Math.sqrt(1e4 * Math.exp(-2));
		assertEquals(2, mean, 4 * expected / Math.sqrt(n));
		assertEquals(expected, sd, 0.05 * expected);
	}

	@Test
	public void smallMeanPoissonHasItsMeanAndVariance() {
		final RandomStreams rng = RandomStreams.seeded(5);
		final int n = 50_000;
		double s = 0, s2 = 0;
		for (int i = 0; i < n; i++) {
			final double k = Drr.poisson(3, rng);
			assertEquals("an integer count", Math.rint(k), k, 0);
			s += k;
			s2 += k * k;
		}
		final double mean = s / n;
		// standard error of the mean sqrt(3 / n) = 0.0077; variance within 3 %
		assertEquals(3, mean, 0.035);
		assertEquals(3, s2 / n - mean * mean, 0.09);
	}

	@Test
	public void badVolumesAreRefusedWithTheReason() {
		expectRefusal(() -> Drr.project(Volume.of(ArrayImgs.floats(8, 8), new double[] { 1, 1 },
			Modality.CT)), "ct: expected a 3D CT volume, got a 2D image [8, 8]");
		expectRefusal(() -> Drr.project(Volume.of(ArrayImgs.floats(8, 8, 8), new double[] { 1, 1, 1 },
			Modality.MR)), "ct: expected a CT volume in HU, got modality MR");
		final double c = Math.cos(0.3), s = Math.sin(0.3);
		expectRefusal(() -> Drr.project(new Volume(ArrayImgs.floats(8, 8, 8), new double[] { 1, 1,
			1 }, new double[3], new double[] { c, -s, 0, s, c, 0, 0, 0, 1 }, Modality.CT, IntensityMap
				.raw())), "ct: expected an axis-aligned volume");
		expectRefusal(() -> Drr.project(Volume.of(ArrayImgs.floats(8, 8, 8), new double[] { 1, 1, 1 },
			Modality.CT), 0), "muWater: expected an attenuation of water in (0, 1]");
		expectRefusal(() -> Drr.projectMask(Volume.of(ArrayImgs.floats(8, 8, 8), new double[] { 1, 1,
			1 }, Modality.CT), ArrayImgs.unsignedBytes(8, 8, 4)), "mask: expected the size");
	}

	private static void expectRefusal(final Runnable r, final String message) {
		try {
			r.run();
			fail("expected a refusal: " + message);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith(message));
		}
	}

	/** The pixels as floats in flat (x fastest) order. */
	public static float[] pixels(final Volume v) {
		final float[] f = new float[(int) Views.iterable(v.pixels()).size()];
		int i = 0;
		for (final FloatType t : Views.flatIterable(v.floats()))
			f[i++] = t.get();
		return f;
	}

	private static float max(final float[] a) {
		float m = Float.NEGATIVE_INFINITY;
		for (final float v : a)
			m = Math.max(m, v);
		return m;
	}
}
