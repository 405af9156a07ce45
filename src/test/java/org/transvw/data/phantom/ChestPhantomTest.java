package org.transvw.data.phantom;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.function.IntUnaryOperator;

import org.junit.Test;
import org.transvw.data.Modality;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

public class ChestPhantomTest {

	/** Test size 64 x 64 x 32 keeps each case around 50 ms. */
	private static final PhantomConfig SMALL = PhantomConfig.defaults().withSize(64, 64, 32);
	private static final PhantomConfig CLEAN = SMALL.withNoise(0);

	@Test
	public void deterministicBySeedAndIndependentOfThreads() {
		final float[] a = floats(ChestPhantom.generate(SMALL, 7, 3).ct().pixels());
		final float[] b = Parallelization.runSingleThreaded(() -> floats(ChestPhantom.generate(
			SMALL, 7, 3).ct().pixels()));
		assertArrayEquals(a, b, 0);
		assertFalse(java.util.Arrays.equals(a, floats(ChestPhantom.generate(SMALL, 8, 3).ct()
			.pixels())));
		final PhantomCase c = ChestPhantom.generate(SMALL, 7, 3);
		assertEquals(Modality.CT, c.ct().modality());
		assertArrayEquals(SMALL.spacing(), c.ct().spacing(), 0);
		assertEquals(3 % SMALL.groups(), c.group());
	}

	@Test
	public void tissuesHaveTheirHounsfieldRanges() {
		for (int index = 0; index < 3; index++) {
			final float[] hu = floats(ChestPhantom.generate(CLEAN, 1, index).ct().pixels());
			final float[] t = floats(ChestPhantom.tissues(CLEAN, 1, index));
			int lung = 0, bone = 0, body = 0;
			for (int o = 0; o < hu.length; o++) {
				final Tissue tissue = Tissue.values()[(int) t[o]];
				if (tissue == Tissue.LUNG) {
					lung++;
					assertTrue("lung voxel at " + hu[o] + " HU", hu[o] < -500);
				}
				if (tissue.isBone()) {
					bone++;
					assertTrue("bone voxel at " + hu[o] + " HU", hu[o] > 200);
				}
				if (tissue == Tissue.SOFT) assertEquals(40, hu[o], 0);
				if (tissue != Tissue.AIR) body++;
			}
			// lungs take roughly 10..40 % of the body, bone at least a few hundred voxels
			assertTrue("lung fraction " + lung / (double) body, lung > 0.1 * body && lung < 0.4 *
				body);
			assertTrue("bone voxels " + bone, bone > 200);
		}
	}

	@Test
	public void noisyLungsStayBelowMinus500OnAverage() {
		final float[] hu = floats(ChestPhantom.generate(SMALL, 2, 0).ct().pixels());
		final float[] t = floats(ChestPhantom.tissues(SMALL, 2, 0));
		double sum = 0;
		int n = 0;
		for (int o = 0; o < hu.length; o++)
			if (t[o] == Tissue.LUNG.ordinal()) {
				sum += hu[o];
				n++;
			}
		assertTrue(sum / n < -700);
	}

	@Test
	public void lesionMasksLieInsideTheLungs() {
		final PhantomConfig without = CLEAN.withLesions(false);
		int found = 0;
		for (int index = 0; index < 4; index++) {
			final float[] mask = floats(ChestPhantom.generate(CLEAN, 5, index).lesions());
			final float[] plain = floats(ChestPhantom.tissues(without, 5, index));
			final float[] withLesions = floats(ChestPhantom.generate(CLEAN, 5, index).ct().pixels());
			final float[] noLesions = floats(ChestPhantom.generate(without, 5, index).ct().pixels());
			for (int o = 0; o < mask.length; o++) {
				if (mask[o] == 1) {
					found++;
					assertTrue("lesion voxel outside the lungs", Tissue.values()[(int) plain[o]].inLung());
					assertEquals(Tissue.LESION.hu(), withLesions[o], 0);
				}
				else {
					assertEquals("lesions must change nothing else", noLesions[o], withLesions[o], 0);
					assertEquals(0, mask[o], 0);
				}
			}
		}
		assertTrue("some case must have a lesion", found > 0);
		for (final float m : floats(ChestPhantom.generate(without, 5, 0).lesions()))
			assertEquals(0, m, 0);
	}

	@Test
	public void patientsVaryAndLookAlikesAreCloser() {
		final PhantomConfig cfg = CLEAN.withLesions(false).withGroups(2);
		final float[][] v = new float[6][];
		for (int i = 0; i < v.length; i++)
			v[i] = floats(ChestPhantom.generate(cfg, 11, i).ct().pixels());
		assertLookAlikesCloser(v, cfg::groupOf, 1);
	}

	/**
	 * Every pair differs by more than {@code minDiff} (mean absolute difference), and pairs of
	 * the same group differ by less than 0.7 x pairs of different groups.
	 */
	static void assertLookAlikesCloser(final float[][] v, final IntUnaryOperator groupOf,
		final double minDiff)
	{
		double within = 0, between = 0;
		int nw = 0, nb = 0;
		for (int i = 0; i < v.length; i++)
			for (int j = i + 1; j < v.length; j++) {
				final double d = meanAbsDiff(v[i], v[j]);
				assertTrue("cases " + i + " and " + j + " must differ: " + d, d > minDiff);
				if (groupOf.applyAsInt(i) == groupOf.applyAsInt(j)) {
					within += d;
					nw++;
				}
				else {
					between += d;
					nb++;
				}
			}
		assertTrue("within " + within / nw + " between " + between / nb, within / nw < 0.7 *
			between / nb);
	}

	private static double meanAbsDiff(final float[] a, final float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++)
			s += Math.abs(a[i] - b[i]);
		return s / a.length;
	}

	static float[] floats(final RandomAccessibleInterval<? extends RealType<?>> img) {
		final float[] f = new float[(int) Views.iterable(img).size()];
		int i = 0;
		for (final RealType<?> t : Views.flatIterable(img))
			f[i++] = t.getRealFloat();
		return f;
	}
}
