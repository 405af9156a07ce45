package org.transvw.data.normalize;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;

import org.junit.Test;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

public class NormalizationTest {

	@Test
	public void ctWindowMapsMinus1000To0And1000To1AndClips() {
		final Normalization n = Normalization.defaultFor(Modality.CT, ArrayImgs.floats(1));
		assertEquals(Normalization.CT_WINDOW, n.kind());
		assertEquals(0, n.apply(-1000), 0);
		assertEquals(1, n.apply(1000), 0);
		assertEquals(0.5, n.apply(0), 0);
		assertEquals(0.25, n.apply(-500), 0);
		assertEquals(0, n.apply(-3024), 0);
		assertEquals(1, n.apply(3071), 0);
	}

	@Test
	public void percentileReplaysIdenticallyFromItsMap() {
		// setup: an MR-like ramp 0..999 with two outliers
		final ArrayImg<FloatType, ?> raw = ArrayImgs.floats(10, 10, 10);
		int i = 0;
		for (final FloatType t : raw)
			t.set(i++);
		raw.randomAccess().setPositionAndGet(0, 0, 0).set(-1e6f);
		raw.randomAccess().setPositionAndGet(9, 9, 9).set(1e6f);
		final Volume v = Volume.of(raw, new double[] { 1, 1, 1 }, Modality.MR);
		// process
		final Normalization n = Normalization.defaultFor(Modality.MR, raw);
		final Map<String, Object> map = n.toMap();
		final Normalization replayed = Normalization.fromMap(map);
		final Volume normalized = n.applyTo(v);
		// test: percentiles measured (outliers clipped), replay is the same map
		assertEquals(Normalization.PERCENTILE, n.kind());
		assertEquals(0.5, n.percentileLow(), 0);
		assertEquals(99.5, n.percentileHigh(), 0);
		assertTrue(n.low() > 0 && n.low() < 10);
		assertTrue(n.high() > 990 && n.high() < 1000);
		assertEquals(n, replayed);
		for (double x = -2000; x <= 2000; x += 0.5)
			assertEquals(n.apply(x), replayed.apply(x), 0);
		final RandomAccess<FloatType> ra = normalized.floats().randomAccess();
		assertEquals(0, ra.setPositionAndGet(0, 0, 0).get(), 0);
		assertEquals(1, ra.setPositionAndGet(9, 9, 9).get(), 0);
		assertEquals(n, normalized.normalization());
	}

	@Test
	public void applyingTwiceIsRefused() {
		final Volume v = Normalization.normalizeByModality(Volume.of(ArrayImgs.floats(2, 2, 2),
			new double[] { 1, 1, 1 }, Modality.CT));
		try {
			Normalization.ctDefault().applyTo(v);
			fail("double normalisation must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("already normalised"));
		}
	}

	@Test
	public void otherModalityDefaultsToNone() {
		assertEquals(Normalization.none(), Normalization.defaultFor(Modality.OTHER, ArrayImgs
			.floats(1)));
	}
}
