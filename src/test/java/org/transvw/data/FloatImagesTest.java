package org.transvw.data;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Materialising views: values, size, zero min, independence from the source, mirrored crops. */
public class FloatImagesTest {

	/** value = 100 x + 10 y + z, not symmetric under any flip. */
	private static ArrayImg<FloatType, ?> probe() {
		final ArrayImg<FloatType, ?> img = ArrayImgs.floats(4, 3, 2);
		final var c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(100 * c.getIntPosition(0) + 10 * c.getIntPosition(1) + c.getIntPosition(2));
		}
		return img;
	}

	@Test
	public void copyOfAViewOwnsItsPixels() {
		// setup: a translated, flipped view
		final ArrayImg<FloatType, ?> src = probe();
		final RandomAccessibleInterval<FloatType> view = Views.translate(Views.invertAxis(src, 0), 7,
			-2, 5);
		// process
		final Img<FloatType> copy = FloatImages.copy(view);
		// test: same values in the same order, min at zero, a copy
		assertArrayEquals(new long[] { 4, 3, 2 }, copy.dimensionsAsLongArray());
		assertArrayEquals(new long[] { 0, 0, 0 }, copy.minAsLongArray());
		final var ra = copy.randomAccess();
		assertEquals(310, ra.setPositionAndGet(0, 1, 0).get(), 0);
		assertEquals(0 + 20 + 1, ra.setPositionAndGet(3, 2, 1).get(), 0);
		src.randomAccess().setPositionAndGet(3, 1, 1).set(-1);
		assertEquals(311, ra.setPositionAndGet(0, 1, 1).get(), 0);
	}

	@Test
	public void otherTypesAreConvertedWithoutRescaling() {
		final Img<FloatType> f = FloatImages.copy(ArrayImgs.shorts(new short[] { -1024, 0, 3071,
			Short.MIN_VALUE }, 2, 2));
		assertArrayEquals(new float[] { -1024, 0, 3071, Short.MIN_VALUE }, Pixels.of(f), 0f);
	}

	@Test
	public void cropsMirrorOutsideTheImage() {
		// a box from x = -2 to 1 over a 4-wide image mirrors with the edge repeated: 1 0 | 0 1
		final Img<FloatType> c = FloatImages.crop(probe(), new long[] { -2, 0, 0 }, new int[] { 4, 1,
			1 });
		assertArrayEquals(new float[] { 100, 0, 0, 100 }, Pixels.of(c), 0f);
		assertArrayEquals(new long[] { 4, 1, 1 }, c.dimensionsAsLongArray());
	}

	@Test(expected = IllegalArgumentException.class)
	public void cropRefusesAnEmptyBox() {
		FloatImages.crop(probe(), new long[] { 0, 0, 0 }, new int[] { 2, 0, 1 });
	}
}
