package org.transvw.data.phantom;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;
import java.util.List;

import org.junit.Test;
import org.transvw.data.FloatImages;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.img.array.ArrayImgs;

public class VariantsTest {

	/** A 40 x 40 x 30 MR-like volume at 1 mm with a ball of radius 12 (intensity 100, label 1). */
	private static Volume[] ball() {
		final int w = 40, h = 40, d = 30;
		final float[] img = new float[w * h * d];
		final byte[] lab = new byte[img.length];
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					final double r = Math.sqrt((x - 19.5) * (x - 19.5) + (y - 19.5) * (y - 19.5) + (z -
						14.5) * (z - 14.5));
					final int i = (z * h + y) * w + x;
					img[i] = r < 12 ? 100 : 10;
					lab[i] = (byte) (r < 12 ? 1 : 0);
				}
		final double[] s = { 1, 1, 1 };
		return new Volume[] { Volume.of(ArrayImgs.floats(img, w, h, d), s, Modality.MR), Volume.of(
			ArrayImgs.unsignedBytes(lab, w, h, d), s, Modality.MR) };
	}

	private static float[] values(final Volume v) {
		return FloatImages.copy(v.floats()).update(null).getCurrentStorageArray();
	}

	@Test
	public void sameSeedSameVariantOtherSeedOrIndexAnother() {
		final Volume[] b = ball();
		final VariantConfig c = VariantConfig.defaults();
		final float[] a = values(Variants.generate(b[0], b[1], c, 7, 3).image());
		assertArrayEquals(a, values(Variants.generate(b[0], b[1], c, 7, 3).image()), 0f);
		assertFalse(Arrays.equals(a, values(Variants.generate(b[0], b[1], c, 8, 3).image())));
		assertFalse(Arrays.equals(a, values(Variants.generate(b[0], b[1], c, 7, 4).image())));
	}

	@Test
	public void labelsFollowTheImageAndKeepTheirVolume() {
		final Volume[] b = ball();
		final double ballMm3 = 4 / 3.0 * Math.PI * 12 * 12 * 12;
		final VariantConfig c = VariantConfig.defaults().withSpacings(List.of(new double[] { 2, 2,
			3 })).withIntensity(0, 0);
		for (int i = 0; i < 4; i++) {
			final Variants.Variant v = Variants.generate(b[0], b[1], c, 1, i);
			assertArrayEquals(new double[] { 2, 2, 3 }, v.image().spacing(), 1e-9);
			assertArrayEquals(new long[] { 20, 20, 10 }, v.image().dimensions());
			final float[] img = values(v.image()), lab = values(v.labels());
			long ones = 0, agree = 0;
			for (int j = 0; j < lab.length; j++) {
				assertTrue("labels only 0/1, got " + lab[j], lab[j] == 0 || lab[j] == 1);
				if (lab[j] == 1) ones++;
				// without noise or bias, inside the label the image is bright, outside dark
				if ((lab[j] == 1) == (img[j] > 55)) agree++;
			}
			final double mm3 = ones * 2 * 2 * 3;
			// scale 1 +- 0.05 per axis changes a volume by at most ~16 %; the elastic part adds a few %
			assertEquals("variant " + i + " keeps the ball's volume", ballMm3, mm3, 0.25 * ballMm3);
			assertTrue("variant " + i + ": labels on the image's ball, " + agree + "/" + lab.length,
				agree > 0.97 * lab.length);
		}
	}

	@Test
	public void sparseLabelsKeepEveryNthSliceAnd255Elsewhere() {
		final Volume[] b = ball();
		final Variants.Variant v = Variants.generate(b[0], b[1], VariantConfig.defaults()
			.withLabelledEvery(4), 1, 0);
		final float[] lab = values(v.labels());
		final long[] d = v.labels().dimensions();
		final int slice = (int) (d[0] * d[1]);
		for (int j = 0; j < lab.length; j++) {
			final boolean labelled = (j / slice) % 4 == 0;
			if (labelled) assertTrue(lab[j] == 0 || lab[j] == 1);
			else assertEquals(255f, lab[j], 0f);
		}
	}

	@Test
	public void badValuesNameTheirKey() {
		final Volume[] b = ball();
		expect("spacings", () -> VariantConfig.parseSpacings("2,2", 3));
		expect("spacings", () -> VariantConfig.parseSpacings("2,x,2", 3));
		expect("spacings", () -> VariantConfig.parseSpacings("0", 3));
		expect("elastic", () -> VariantConfig.defaults().withDeformation(-1, 40, 5, 0.05, 5));
		expect("control", () -> VariantConfig.defaults().withDeformation(3, 0, 5, 0.05, 5));
		expect("scale", () -> VariantConfig.defaults().withDeformation(3, 40, 5, 0.7, 5));
		expect("noise", () -> VariantConfig.defaults().withIntensity(0.1, -2));
		expect("labelled", () -> VariantConfig.defaults().withLabelledEvery(0));
		final Volume other = Volume.of(ArrayImgs.unsignedBytes(10, 10, 10), new double[] { 1, 1,
			1 }, Modality.MR);
		expect("labels", () -> Variants.generate(b[0], other, VariantConfig.defaults(), 1, 0));
		assertEquals(2, VariantConfig.parseSpacings("2,2,2;2,2,3", 3).size());
		assertArrayEquals(new double[] { 1.5, 1.5, 1.5 }, VariantConfig.parseSpacings("1.5", 3)
			.get(0), 0);
	}

	private static void expect(final String key, final Runnable r) {
		try {
			r.run();
			fail("expected a message naming " + key);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith(key + ":"));
		}
	}
}
