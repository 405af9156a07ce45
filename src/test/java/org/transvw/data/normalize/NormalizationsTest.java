package org.transvw.data.normalize;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Pixels;
import org.transvw.data.Volume;

import net.imglib2.img.array.ArrayImgs;

/** The one replay: defaults per modality, a bundle's recipe, already normalised input. */
public class NormalizationsTest {

	private static final float[] HU = { -2000, -1000, 0, 500, 1000, 3000, 20, -30 };

	private static Volume raw(final Modality m) {
		return Volume.of(ArrayImgs.floats(HU.clone(), 2, 2, 2), new double[] { 1, 1, 1 }, m);
	}

	@Test
	public void defaultsPerModality() {
		assertEquals(IntensityRecipe.ctDefault(), Normalizations.defaultFor(Modality.CT));
		assertEquals(IntensityRecipe.percentileDefault(), Normalizations.defaultFor(Modality.MR));
		assertEquals(IntensityRecipe.percentileDefault(), Normalizations.defaultFor(Modality.XRAY));
		assertEquals(IntensityRecipe.none(), Normalizations.defaultFor(Modality.OTHER));
	}

	@Test
	public void aNewModelGetsTheModalityDefault() {
		final Volume ct = Normalizations.forModel(raw(Modality.CT), null);
		assertEquals(IntensityRecipe.ctDefault(), ct.normalization().recipe());
		assertArrayEquals(new float[] { 0, 0, 0.5f, 0.75f, 1, 1, 0.51f, 0.485f }, Pixels.of(ct
			.floats()), 1e-7f);
		assertEquals(IntensityRecipe.percentileDefault(), Normalizations.forModel(raw(Modality.MR),
			null).normalization().recipe());
		final Volume other = raw(Modality.OTHER);
		assertSame(other, Normalizations.forModel(other, null));
	}

	@Test
	public void aBundleRecipeWinsOverTheModality() {
		// an MR volume fed to a CT-trained model gets the CT window (issue 13 will refuse this)
		final Volume v = Normalizations.forModel(raw(Modality.MR), IntensityRecipe.ctDefault());
		assertEquals(IntensityRecipe.ctDefault(), v.normalization().recipe());
		assertEquals(Modality.MR, v.modality());
		assertEquals(IntensityRecipe.ctDefault(), Normalizations.recipeFor(raw(Modality.MR),
			IntensityRecipe.ctDefault()));
	}

	@Test
	public void theReplayEqualsTheRecipeAppliedByHand() {
		for (final IntensityRecipe r : new IntensityRecipe[] { IntensityRecipe.ctDefault(),
			IntensityRecipe.percentile(10, 90) })
		{
			final Volume in = raw(Modality.CT);
			assertArrayEquals(Pixels.of(r.resolve(in.pixels()).apply(in.pixels())), Pixels.of(Normalizations
				.forModel(in, r).floats()), 0f);
		}
	}

	@Test
	public void inputAlreadyInTheModelsRangeIsLeftAlone() {
		final Volume once = Normalizations.forModel(raw(Modality.CT), IntensityRecipe.ctDefault());
		assertSame(once, Normalizations.forModel(once, IntensityRecipe.ctDefault()));
		assertSame(once, Normalizations.forModel(once, null));
		// a model trained on data as they are takes them as they are
		assertSame(once, Normalizations.forModel(once, IntensityRecipe.none()));
	}

	@Test
	public void inputNormalisedOtherwiseIsRefused() {
		final Volume other = Normalizations.forModel(raw(Modality.CT), IntensityRecipe.ctWindow(-500,
			500));
		try {
			Normalizations.forModel(other, IntensityRecipe.ctDefault());
			fail("a volume normalised with another window was accepted");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("input: expected raw intensities or " +
				"the model's normalization ct-window"));
		}
	}

	@Test
	public void parsesTheUsersChoice() {
		assertEquals(IntensityRecipe.ctDefault(), Normalizations.parse(" CT "));
		assertEquals(IntensityRecipe.percentileDefault(), Normalizations.parse("percentile"));
		assertEquals(IntensityRecipe.none(), Normalizations.parse("none"));
		assertEquals(IntensityRecipe.zScoreDefault(), Normalizations.parse("mr-zscore"));
		assertEquals(IntensityRecipe.ctDefault(), Normalizations.parse("ct-window"));
		try {
			Normalizations.parse("minmax");
			fail();
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith(
				"normalization: expected ct-window, mr-percentile, zscore or none"));
		}
	}
}
