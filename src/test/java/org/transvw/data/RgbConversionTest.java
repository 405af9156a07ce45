package org.transvw.data;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.real.FloatType;

public class RgbConversionTest {

	private static ArrayImg<ARGBType, IntArray> image(final int... argb) {
		return ArrayImgs.argbs(argb, argb.length, 1);
	}

	@Test
	public void meanAndLumaUseTheirWeightsWithoutRescaling() {
		final ArrayImg<ARGBType, IntArray> rgb = image(ARGBType.rgba(200, 100, 30, 255), ARGBType
			.rgba(7, 7, 7, 0));
		final RandomAccess<FloatType> mean = RgbConversion.toGrey(rgb, RgbConversion.MEAN)
			.randomAccess();
		final RandomAccess<FloatType> luma = RgbConversion.toGrey(rgb, RgbConversion.LUMA)
			.randomAccess();
		assertEquals(110, mean.setPositionAndGet(0, 0).get(), 1e-4);
		assertEquals(0.299 * 200 + 0.587 * 100 + 0.114 * 30, luma.setPositionAndGet(0, 0).get(),
			1e-4);
		// a grey pixel stays its value in both (alpha ignored)
		assertEquals(7, mean.setPositionAndGet(1, 0).get(), 1e-5);
		assertEquals(7, luma.setPositionAndGet(1, 0).get(), 1e-5);
	}

	@Test
	public void refusalSaysWhetherTheChannelsAreEqual() {
		assertTrue(RgbConversion.channelsEqual(image(ARGBType.rgba(5, 5, 5, 255))));
		assertFalse(RgbConversion.channelsEqual(image(ARGBType.rgba(5, 5, 5, 255), ARGBType.rgba(5,
			6, 5, 255))));
		try {
			RgbConversion.toGrey(image(ARGBType.rgba(5, 5, 5, 255)), RgbConversion.REFUSE);
			fail("refuse must refuse");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("its three channels are equal"));
		}
		try {
			RgbConversion.parse("grey");
			fail("unknown option");
		}
		catch (final IllegalArgumentException e) {
			assertEquals("rgb: expected one of refuse, mean, luma, got 'grey'", e.getMessage());
		}
		assertEquals(RgbConversion.LUMA, RgbConversion.parse(" Luma "));
		assertEquals("mean", RgbConversion.MEAN.key());
	}
}
