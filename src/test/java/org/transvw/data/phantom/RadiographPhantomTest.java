package org.transvw.data.phantom;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.transvw.data.Modality;

import net.imglib2.RandomAccess;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/** Anatomy, nodules, noise and look-alike groups of the phantom radiographs. */
public class RadiographPhantomTest {

	/** 96 x 96 pixels of 3.6 x 3.3 mm: a CT of 96^3 voxels, ~0.1 s per case. */
	private static final RadiographConfig SMALL = RadiographConfig.defaults().withSize(96, 96);
	private static final RadiographConfig CLEAN = SMALL.withPhotons(0);

	@Test
	public void deterministicBySeedAndIndependentOfThreads() {
		final float[] a = DrrTest.pixels(RadiographPhantom.generate(SMALL, 7, 2).image());
		final float[] b = Parallelization.runSingleThreaded(() -> DrrTest.pixels(RadiographPhantom
			.generate(SMALL, 7, 2).image()));
		assertArrayEquals(a, b, 0);
		assertFalse(java.util.Arrays.equals(a, DrrTest.pixels(RadiographPhantom.generate(SMALL, 8, 2)
			.image())));
		final RadiographCase c = RadiographPhantom.generate(SMALL, 7, 2);
		assertEquals(Modality.XRAY, c.image().modality());
		assertArrayEquals(new long[] { 96, 96 }, c.image().dimensions());
		assertArrayEquals(SMALL.spacing(), c.image().spacing(), 0);
		assertEquals(2 % SMALL.ct().groups(), c.group());
	}

	@Test
	public void boneIsBrightAndLungsDark() {
		for (int index = 0; index < 3; index++) {
			final RadiographCase c = RadiographPhantom.generate(CLEAN.withLesions(false), 4, index);
			final RandomAccess<net.imglib2.type.numeric.real.FloatType> ra = c.image().floats()
				.randomAccess();
			// a mid-thorax row: the midline (spine, sternum, mediastinum) against the two lung
			// fields a quarter of the width to either side
			final int row = 96 * 2 / 5, mid = 48;
			final float spine = ra.setPositionAndGet(mid, row).get();
			final float right = ra.setPositionAndGet(mid - 24, row).get();
			final float left = ra.setPositionAndGet(mid + 24, row).get();
			assertTrue("midline " + spine + " vs lungs " + right + ", " + left, spine > 1.5 *
				Math.max(right, left));
			assertTrue("lungs still attenuate (chest wall): " + right, right > 0.5);
			for (final float p : DrrTest.pixels(c.image()))
				assertTrue("noise-free line integrals are >= 0, got " + p, p >= 0);
			// a ray through about 25 cm of soft tissue gives p ~ 5; the midline must be in 2..12
			assertTrue("midline " + spine, spine > 2 && spine < 12);
		}
	}

	@Test
	public void noduleMasksAreProjectedInsideTheBody() {
		int withNodules = 0;
		for (int index = 0; index < 4; index++) {
			final RadiographCase c = RadiographPhantom.generate(CLEAN, 5, index);
			final RandomAccess<net.imglib2.type.numeric.real.FloatType> ra = c.image().floats()
				.randomAccess();
			final var cursor = Views.iterable(c.lesions()).localizingCursor();
			int pixels = 0;
			while (cursor.hasNext()) {
				final UnsignedByteType t = cursor.next();
				assertTrue("0/1 mask", t.get() <= 1);
				if (t.get() == 0) continue;
				pixels++;
				ra.setPosition(cursor);
				assertTrue("a nodule pixel lies on a ray through the body", ra.get().get() > 0.5);
			}
			assertEquals("pixels iff nodules", c.nodules() > 0, pixels > 0);
			if (c.nodules() > 0) withNodules++;
		}
		assertTrue("lesions are on: some cases have nodules", withNodules > 0);
	}

	@Test
	public void photonNoiseHasThePredictedSpread() {
		// setup: the same case noise-free and at 1e4 photons per pixel
		final float[] clean = DrrTest.pixels(RadiographPhantom.generate(CLEAN, 9, 0).image());
		final float[] noisy = DrrTest.pixels(RadiographPhantom.generate(SMALL.withPhotons(1e4), 9, 0)
			.image());
		// test: the standardised residual (p' - p) * sqrt(N exp(-p)) has unit variance where
		// counts are large (p < 4: more than 180 photons)
		double s2 = 0;
		int n = 0;
		for (int i = 0; i < clean.length; i++) {
			if (clean[i] >= 4) continue;
			final double z = (noisy[i] - clean[i]) * Math.sqrt(1e4 * Math.exp(-clean[i]));
			s2 += z * z;
			n++;
		}
		assertTrue("enough pixels " + n, n > 1000);
		assertEquals("standardised variance", 1, s2 / n, 0.1);
	}

	@Test
	public void lookAlikesAreCloserThanOtherPatients() {
		final RadiographConfig cfg = CLEAN.withLesions(false).withGroups(2);
		final float[][] v = new float[6][];
		for (int i = 0; i < v.length; i++)
			v[i] = DrrTest.pixels(RadiographPhantom.generate(cfg, 11, i).image());
		// line integrals are ~1000x smaller numbers than HU: radiographs differ by > 0.01
		ChestPhantomTest.assertLookAlikesCloser(v, cfg.ct()::groupOf, 0.01);
	}
}
