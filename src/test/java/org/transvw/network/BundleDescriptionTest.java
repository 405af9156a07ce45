package org.transvw.network;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;

/** model.json's normalisation: typed round trip, the round-1 form, the input-size rule. */
public class BundleDescriptionTest {

	private static BundleDescription with(final IntensityRecipe r) {
		return new BundleDescription(UNet3dConfig.defaults(), new int[] { 64, 64, 32 }, r,
			"segmentation", 1, Map.of("seed", 3));
	}

	@Test
	public void everyRecipeSurvivesTheJsonRoundTrip() {
		for (final IntensityRecipe r : List.of(IntensityRecipe.none(), IntensityRecipe.ctDefault(),
			IntensityRecipe.ctWindow(-200, 300), IntensityRecipe.percentileDefault()))
		{
			final BundleDescription back = BundleDescription.fromJson(with(r).toJson());
			assertEquals(r, back.normalization());
			assertArrayEquals(new int[] { 64, 64, 32 }, back.patch());
		}
	}

	@Test
	public void readsARoundOneModelJson() {
		// round 1 recorded the first case's measured window with the percentiles
		final String json = with(IntensityRecipe.none()).toJson().replace("\"kind\": \"none\"",
			"\"kind\": \"percentile\", \"low\": 37.5, \"high\": 912.0, \"percentileLow\": 0.5, " +
				"\"percentileHigh\": 99.5");
		assertTrue(json, json.contains("\"low\": 37.5"));
		assertEquals(IntensityRecipe.percentileDefault(), BundleDescription.fromJson(json)
			.normalization());
	}

	@Test
	public void theInputConventionSurvivesAndRoundOneReadsAsUnknown() {
		final InputConvention in = new InputConvention(Modality.MR, IntensityRecipe.zScoreDefault(),
			new double[] { 1, 1, 2.5 }, InputConvention.RAS);
		final BundleDescription d = new BundleDescription(UNet3dConfig.defaults(), new int[] { 64, 64,
			32 }, in, "transvw", 45, Map.of());
		final String json = d.toJson();
		assertTrue(json, json.contains("\"modality\": \"MR\"") && json.contains("\"orientation\": " +
			"\"RAS\""));
		assertEquals(in, BundleDescription.fromJson(json).input());
		// a round-1 model.json records only the normalisation: modality unknown, native grid
		final InputConvention old = BundleDescription.fromJson(with(IntensityRecipe.ctDefault())
			.toJson().replace("\"modality\": \"OTHER\",", "").replace("\"orientation\": \"native\",",
				"")).input();
		assertEquals(InputConvention.of(IntensityRecipe.ctDefault()), old);
		assertEquals(null, old.spacing());
	}

	@Test
	public void anUnknownKindIsRefusedByName() {
		final String json = with(IntensityRecipe.none()).toJson().replace("\"kind\": \"none\"",
			"\"kind\": \"histogram\"");
		try {
			BundleDescription.fromJson(json);
			fail("an unknown normalisation was accepted");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("normalization.kind: expected one of"));
		}
	}

	@Test
	public void inputSizesMustBeMultiplesOfTheUNetsDivisor() {
		assertEquals(8, UNet3d.REQUIRED_MULTIPLE);
		assertArrayEquals(new int[] { 64, 64, 32 }, UNet3d.requireInputSizes("patch", 64, 64, 32));
		for (final int[] bad : new int[][] { { 64, 60, 32 }, { 0, 8, 8 }, { -8, 8, 8 }, {} }) {
			try {
				UNet3d.requireInputSizes("patch", bad);
				fail("accepted " + java.util.Arrays.toString(bad));
			}
			catch (final IllegalArgumentException e) {
				assertTrue(e.getMessage(), e.getMessage().startsWith("patch: expected"));
			}
		}
	}
}
