package org.transvw.data.geometry;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.transvw.data.Modality;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.view.Views;

/** The crop to the body: threshold, margin, percentile, nothing above the threshold. */
public class ForegroundCropTest {

	/** A CT-like volume: air (-1000 HU) with a block of tissue (40 HU) at x 5..9, y 3..4, z 2..6. */
	private static RandomAccessibleInterval<ShortType> ct() {
		final RandomAccessibleInterval<ShortType> img = ArrayImgs.shorts(16, 12, 10);
		for (final ShortType t : Views.iterable(img))
			t.set((short) -1000);
		for (final ShortType t : Views.iterable(Views.interval(img, new long[] { 5, 3, 2 },
			new long[] { 9, 4, 6 })))
			t.set((short) 40);
		return img;
	}

	@Test
	public void ctDefaultKeepsTheBodyWithItsMargin() {
		// setup: 5 mm margin at spacing (1, 2, 2.5) mm is 5, 3 and 2 voxels
		final ForegroundCrop rule = ForegroundCrop.defaultFor(Modality.CT);
		// process
		final CropBox box = rule.box(ct(), new double[] { 1, 2, 2.5 });
		// test
		assertEquals(ForegroundCrop.CT_BODY_HU, rule.value(), 0);
		assertArrayEquals(new long[] { 0, 0, 0 }, box.min());
		assertArrayEquals(new long[] { 14, 7, 8 }, box.max());
		assertArrayEquals(new long[] { 5, 3, 2 }, ForegroundCrop.above(-500, 0).box(ct(),
			new double[] { 1, 1, 1 }).min());
		assertArrayEquals(new long[] { 9, 4, 6 }, ForegroundCrop.above(-500, 0).box(ct(),
			new double[] { 1, 1, 1 }).max());
	}

	@Test
	public void nothingAboveTheThresholdKeepsEverything() {
		final CropBox box = ForegroundCrop.above(100, 0).box(ct(), new double[] { 1, 1, 1 });
		assertEquals(CropBox.all(new long[] { 16, 12, 10 }), box);
		assertEquals(CropBox.all(new long[] { 16, 12, 10 }), ForegroundCrop.none().box(ct(),
			new double[] { 1, 1, 1 }));
	}

	@Test
	public void percentileThresholdIsMeasuredOnTheVolume() {
		// 50 of 1920 voxels are tissue: the 25th percentile is air, so the box is the block
		final ForegroundCrop rule = ForegroundCrop.abovePercentile(25, 0);
		assertEquals(-1000, rule.threshold(ct()), 0);
		assertArrayEquals(new long[] { 5, 3, 2 }, rule.box(ct(), new double[] { 1, 1, 1 }).min());
		assertTrue(ForegroundCrop.defaultFor(Modality.XRAY).isNone());
		assertEquals(rule, ForegroundCrop.fromMap(rule.toMap()));
	}
}
