package org.transvw.discovery;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.transvw.common.RandomStreams;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

public class MultiScaleCropperTest {

	private static Img<FloatType> probe(final long... dims) {
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(100 * c.getIntPosition(0) + 10 * c.getIntPosition(1) + (dims.length > 2 ? c
				.getIntPosition(2) : 0));
		}
		return img;
	}

	@Test
	public void fixedCropIsTheCubeAtTheCoordinateAndRandomCropsAreResized() {
		// setup
		final CropGeometry g = CropGeometry.forPatch(16, 16, 8);
		final MultiScaleCropper cropper = new MultiScaleCropper(g);
		final Img<FloatType> vol = probe(64, 64, 24);
		final long[] corner = { 20, 22, 5 };
		// process
		final List<MultiScaleCropper.Crop> crops = cropper.all(vol, corner, RandomStreams.seeded(
			5));
		// test
		assertEquals(3, crops.size());
		final MultiScaleCropper.Crop fixed = crops.get(0);
		assertEquals(16, fixed.scale());
		assertEquals(0, fixed.resolution());
		final RandomAccess<FloatType> ra = fixed.cube().randomAccess();
		assertEquals(100 * 20 + 10 * 22 + 5, ra.setPositionAndGet(0, 0, 0).get(), 0);
		assertEquals(100 * 35 + 10 * 37 + 12, ra.setPositionAndGet(15, 15, 7).get(), 0);
		for (int r = 1; r < 3; r++) {
			final MultiScaleCropper.Crop c = crops.get(r);
			assertArrayEquals(new long[] { 16, 16, 8 }, c.cube().dimensionsAsLongArray());
			assertEquals(r, c.resolution());
			assertTrue(c.scale() >= g.minScale() && c.scale() <= g.maxScale());
			for (int d = 0; d < 2; d++) {
				final long dx = c.corner()[d] - corner[d];
				assertTrue("jitter " + dx, dx >= g.jitterLow() && dx <= g.jitterHigh());
			}
			assertEquals("depth is never jittered", corner[2], c.corner()[2]);
			// z is not rescaled: the linear probe's z part passes unchanged
			final RandomAccess<FloatType> a = c.cube().randomAccess();
			assertEquals(1, a.setPositionAndGet(7, 7, 4).get() - a.setPositionAndGet(7, 7, 3)
				.get(), 1e-3);
		}
		// reference scale ranges for 16: 13..20, jitter -3..2
		assertEquals(13, g.minScale());
		assertEquals(20, g.maxScale());
		assertEquals(-3, g.jitterLow());
		assertEquals(2, g.jitterHigh());
	}

	@Test
	public void twoDimensionalPatchesWork() {
		final CropGeometry g = CropGeometry.forPatch(224, 224);
		final List<MultiScaleCropper.Crop> crops = new MultiScaleCropper(g).all(probe(400, 400),
			new long[] { 80, 90 }, RandomStreams.seeded(1));
		assertEquals(3, crops.size());
		for (final MultiScaleCropper.Crop c : crops)
			assertArrayEquals(new long[] { 224, 224 }, c.cube().dimensionsAsLongArray());
		assertEquals(175, g.minScale());
		assertEquals(277, g.maxScale());
	}
}
