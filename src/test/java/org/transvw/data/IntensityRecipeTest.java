package org.transvw.data;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/** The typed recipe: the CT window, per-volume percentiles, JSON round trips incl. round 1. */
public class IntensityRecipeTest {

	private static final Gson GSON = new Gson();

	@Test
	public void ctWindowMapsMinus1000To0And1000To1AndClips() {
		final IntensityMap m = IntensityRecipe.ctDefault().resolve(ArrayImgs.floats(1));
		assertEquals(0, m.apply(-1000), 0);
		assertEquals(1, m.apply(1000), 0);
		assertEquals(0.5, m.apply(0), 0);
		assertEquals(0.25, m.apply(-500), 0);
		assertEquals(0, m.apply(-3024), 0);
		assertEquals(1, m.apply(3071), 0);
		// the round-1 arithmetic, to the bit: (float) ((clip(v) + 1000) / 2000)
		for (double v = -1500; v <= 1500; v += 0.37)
			assertEquals((float) ((Math.min(Math.max(v, -1000), 1000) + 1000) / 2000), m.apply(v), 0);
	}

	@Test
	public void percentilesAreMeasuredPerVolumeAndRecorded() {
		// setup: an MR-like ramp 0..999 with two outliers, and the same ramp doubled
		final ArrayImg<FloatType, ?> raw = ramp(1);
		final ArrayImg<FloatType, ?> doubled = ramp(2);
		final IntensityRecipe r = IntensityRecipe.percentileDefault();
		// process
		final Volume a = r.replayOn(Volume.of(raw, new double[] { 1, 1, 1 }, Modality.MR));
		final Volume b = r.replayOn(Volume.of(doubled, new double[] { 1, 1, 1 }, Modality.MR));
		// test: each volume's own window, outliers clipped, the recipe and the window recorded
		final IntensityMap ma = a.normalization(), mb = b.normalization();
		assertEquals(r, ma.recipe());
		assertTrue(ma.clipLow() > 0 && ma.clipLow() < 10);
		assertTrue(ma.clipHigh() > 990 && ma.clipHigh() < 1000);
		assertEquals(2 * ma.clipLow(), mb.clipLow(), 1e-9);
		assertEquals(2 * ma.clipHigh(), mb.clipHigh(), 1e-9);
		final RandomAccess<FloatType> ra = a.floats().randomAccess();
		assertEquals(0, ra.setPositionAndGet(0, 0, 0).get(), 0);
		assertEquals(1, ra.setPositionAndGet(9, 9, 9).get(), 0);
		assertArrayEquals(Pixels.of(a.floats()), Pixels.of(b.floats()), 1e-6f);
	}

	@Test
	public void replayFromJsonIsBitIdentical() {
		final ArrayImg<FloatType, ?> raw = ramp(3);
		for (final IntensityRecipe r : List.of(IntensityRecipe.none(), IntensityRecipe.ctDefault(),
			IntensityRecipe.ctWindow(-160, 240), IntensityRecipe.percentileDefault(), IntensityRecipe
				.percentile(2, 98)))
		{
			final IntensityRecipe back = IntensityRecipe.fromMap(json(GSON.toJson(r.toMap())));
			assertEquals(r, back);
			assertEquals(r.kind(), back.kind());
			final Volume v = Volume.of(raw, new double[] { 1, 1, 1 }, Modality.MR);
			assertArrayEquals(r.toString(), Pixels.of(r.replayOn(v).floats()), Pixels.of(back.replayOn(v)
				.floats()), 0f);
			assertEquals(r.replayOn(v).normalization(), back.replayOn(v).normalization());
		}
	}

	@Test
	public void readsTheRoundOneJson() {
		// the exact forms round 1 wrote (datasets: percentile with a [0, 1] placeholder window;
		// bundles: the first case's measured window)
		assertEquals(IntensityRecipe.none(), IntensityRecipe.fromMap(json("{\"kind\":\"none\"}")));
		assertEquals(IntensityRecipe.ctDefault(), IntensityRecipe.fromMap(json(
			"{\"kind\":\"ct-window\",\"low\":-1000.0,\"high\":1000.0}")));
		assertEquals(IntensityRecipe.percentileDefault(), IntensityRecipe.fromMap(json(
			"{\"kind\":\"percentile\",\"low\":0.0,\"high\":1.0,\"percentileLow\":0.5," +
				"\"percentileHigh\":99.5}")));
		assertEquals(IntensityRecipe.percentile(1, 99), IntensityRecipe.fromMap(json(
			"{\"kind\":\"percentile\",\"low\":12.5,\"high\":843.25,\"percentileLow\":1," +
				"\"percentileHigh\":99}")));
	}

	@Test
	public void writesOnlyWhatTheRecipeNeeds() {
		assertEquals(Map.of("kind", "none"), IntensityRecipe.none().toMap());
		assertEquals(Map.of("kind", "ct-window", "low", -1000.0, "high", 1000.0), IntensityRecipe
			.ctDefault().toMap());
		assertEquals(Map.of("kind", "percentile", "percentileLow", 0.5, "percentileHigh", 99.5),
			IntensityRecipe.percentileDefault().toMap());
		assertEquals(Map.of("kind", "zscore", "clipSd", 5.0), IntensityRecipe.zScoreDefault()
			.toMap());
	}

	@Test
	public void zScoreIsMeasuredOnTheForegroundAndMappedToTheUnitRange() {
		// setup: 61 % background at 0, a foreground of 13 x 100, 200, 300 (mean 200, sd 81.65)
		final float[] v = new float[100];
		for (int i = 61; i < 100; i++)
			v[i] = 100 * (1 + i % 3);
		final Volume raw = Volume.of(ArrayImgs.floats(v, 10, 10), new double[] { 1, 1 },
			Modality.MR);
		// process
		final IntensityMap m = IntensityRecipe.zScoreDefault().replayOn(raw).normalization();
		// test: mean -> 0.5, one sd -> 0.1 more, background (-2.45 sd) -> 0.255, clip at 5 sd
		final double sd = Math.sqrt(2.0 / 3) * 100;
		assertEquals(200, (double) m.toMap().get("mean"), 1e-9);
		assertEquals(sd, (double) m.toMap().get("sd"), 1e-9);
		assertEquals(0.5, m.apply(200), 1e-6);
		assertEquals(0.6, m.apply(200 + sd), 1e-6);
		assertEquals(0.5 - 200 / sd / 10, m.apply(0), 1e-6);
		assertEquals(1, m.apply(1e6), 0);
		assertEquals(IntensityRecipe.zScore(3), IntensityRecipe.fromMap(IntensityRecipe.zScore(3)
			.toMap()));
	}

	@Test
	public void badJsonNamesTheKey() {
		expectMessage(() -> IntensityRecipe.fromMap(json("{\"kind\":\"minmax\"}")),
			"normalization.kind: expected one of none, ct-window, percentile, zscore");
		expectMessage(() -> IntensityRecipe.fromMap(json("{\"kind\":\"zscore\"}")),
			"normalization.clipSd: expected a number");
		expectMessage(() -> IntensityRecipe.fromMap(json("{\"kind\":\"ct-window\",\"low\":0}")),
			"normalization.high: expected a number");
		expectMessage(() -> IntensityRecipe.fromMap(null), "normalization: expected");
		expectMessage(() -> IntensityRecipe.ctWindow(5, 5), "normalization window: expected");
		expectMessage(() -> IntensityRecipe.percentile(50, 40), "percentiles: expected");
	}

	@Test
	public void applyingTwiceIsRefused() {
		final Volume v = IntensityRecipe.ctDefault().replayOn(Volume.of(ArrayImgs.floats(2, 2, 2),
			new double[] { 1, 1, 1 }, Modality.CT));
		assertFalse(v.normalization().isRaw());
		expectMessage(() -> IntensityRecipe.ctDefault().replayOn(v), "already normalised");
	}

	@Test
	public void noneIsTheIdentityAndStaysRaw() {
		final ArrayImg<FloatType, ?> raw = ramp(1);
		final Volume v = IntensityRecipe.none().replayOn(Volume.of(raw, new double[] { 1, 1, 1 },
			Modality.OTHER));
		assertTrue(v.normalization().isRaw());
		assertEquals(IntensityMap.raw(), v.normalization());
		assertArrayEquals(Pixels.of(raw), Pixels.of(v.floats()), 0f);
		assertEquals(Float.NaN, IntensityMap.raw().apply(Double.NaN), 0f);
	}

	@Test
	public void theMapPrintsAndStoresItsNumbers() {
		final IntensityMap m = IntensityRecipe.ctWindow(-100, 300).resolve(ArrayImgs.floats(1));
		assertEquals(-100.0, m.toMap().get("clipLow"));
		assertEquals(400.0, m.toMap().get("scale"));
		assertEquals("ct-window", m.toMap().get("kind"));
		assertTrue(m.toString(), m.toString().contains("ct-window") && m.toString().contains("400"));
	}

	private static ArrayImg<FloatType, ?> ramp(final float factor) {
		final ArrayImg<FloatType, ?> raw = ArrayImgs.floats(10, 10, 10);
		int i = 0;
		for (final FloatType t : raw)
			t.set(factor * i++);
		raw.randomAccess().setPositionAndGet(0, 0, 0).set(-1e6f);
		raw.randomAccess().setPositionAndGet(9, 9, 9).set(1e6f);
		return raw;
	}

	private static Map<String, Object> json(final String s) {
		return GSON.fromJson(s, new TypeToken<Map<String, Object>>() {}.getType());
	}

	private static void expectMessage(final Runnable r, final String part) {
		try {
			r.run();
			fail("expected an IllegalArgumentException saying " + part);
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains(part));
		}
	}
}
