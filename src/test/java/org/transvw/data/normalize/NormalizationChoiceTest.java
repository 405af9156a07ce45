package org.transvw.data.normalize;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;

/**
 * Round 1's defect and its fix: a bundle's recipe is replayed only on its own modality, so the
 * arm from scratch and the arm from a bundle get the same normalisation; otherwise the command
 * refuses naming both, with two explicit overrides.
 */
public class NormalizationChoiceTest {

	private static final ModalityDecision MR = new ModalityDecision(Modality.MR,
		"MR: colin27_t1.nii has intensities [0, 1890], none negative");
	private static final ModalityDecision CT = new ModalityDecision(Modality.CT,
		"CT: head_ct.nii.gz has intensities [-1024, 3071]");
	private static final InputConvention CT_BUNDLE = new InputConvention(Modality.CT,
		IntensityRecipe.ctDefault(), new double[] { 1, 1, 1 }, InputConvention.RAS);
	private static final InputConvention MR_BUNDLE = new InputConvention(Modality.MR,
		IntensityRecipe.percentileDefault(), new double[] { 1, 1, 1 }, InputConvention.RAS);

	@Test
	public void bothArmsOfAComparisonGetTheSameRecipe() {
		final NormalizationChoice auto = NormalizationChoice.auto();
		final NormalizationChoice.Decision scratch = auto.decide(MR, null);
		final NormalizationChoice.Decision fromBundle = auto.decide(MR, MR_BUNDLE);
		assertEquals(IntensityRecipe.percentileDefault(), scratch.recipe());
		assertEquals(scratch.recipe(), fromBundle.recipe());
		assertNull(fromBundle.warning());
		assertEquals(IntensityRecipe.ctDefault(), auto.decide(CT, CT_BUNDLE).recipe());
	}

	@Test
	public void aBundleOfAnotherModalityIsRefusedNamingBoth() {
		try {
			NormalizationChoice.auto().decide(MR, CT_BUNDLE);
			fail("a CT bundle's window must not be forced onto MR intensities silently");
		}
		catch (final IllegalArgumentException e) {
			assertEquals("normalization: expected images of the modality the bundle was pre-trained " +
				"on: the bundle was pre-trained on CT (normalization ct-window [-1000.00, 1000.00] HU); " +
				"these images are MR: colin27_t1.nii has intensities [0, 1890], none negative. Give " +
				"normalization=bundle to force the bundle's recipe onto them, or " +
				"normalization=mr-percentile (or zscore) to normalise them as MR (the pre-trained " +
				"weights then see inputs unlike those of their pre-training)", e.getMessage());
		}
		// the two explicit overrides
		final NormalizationChoice.Decision forced = NormalizationChoice.parse("bundle", null).decide(
			MR, CT_BUNDLE);
		assertEquals(IntensityRecipe.ctDefault(), forced.recipe());
		assertNotNull(forced.warning());
		final NormalizationChoice.Decision own = NormalizationChoice.parse("mr-percentile", null)
			.decide(MR, CT_BUNDLE);
		assertEquals(IntensityRecipe.percentileDefault(), own.recipe());
		assertTrue(own.warning(), own.warning().contains("overrides the bundle's"));
	}

	@Test
	public void roundOneBundlesAreJudgedByTheirRecipe() {
		final InputConvention old = InputConvention.of(IntensityRecipe.ctDefault());
		assertEquals(IntensityRecipe.ctDefault(), NormalizationChoice.auto().decide(CT, old).recipe());
		try {
			NormalizationChoice.auto().decide(MR, old);
			fail("a round-1 CT-window bundle must be refused on MR");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("pre-trained on CT (modality not " +
				"recorded; a CT window implies CT)"));
		}
	}

	@Test
	public void windowAndZScoreAndBadOptions() {
		final NormalizationChoice w = NormalizationChoice.parse("auto", "-160, 240");
		assertEquals(IntensityRecipe.ctWindow(-160, 240), w.decide(CT, null).recipe());
		try {
			w.decide(CT, CT_BUNDLE);
			fail("a window that contradicts the bundle's must not be ignored");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("window: expected the bundle's"));
		}
		assertEquals(IntensityRecipe.ctWindow(-160, 240), NormalizationChoice.parse("ct-window",
			"-160,240").decide(CT, CT_BUNDLE).recipe());
		assertEquals(IntensityRecipe.zScoreDefault(), NormalizationChoice.parse("zscore", null)
			.decide(MR, null).recipe());
		final NormalizationChoice.Decision z = NormalizationChoice.auto().decide(MR,
			new InputConvention(Modality.MR, IntensityRecipe.zScoreDefault(), null,
				InputConvention.NATIVE));
		assertTrue(z.warning(), z.warning().contains("give the from-scratch arm of a comparison " +
			"normalization=zscore"));
		for (final String[] bad : new String[][] { { "minmax", null }, { "auto", "1" }, { "auto",
			"5,5" } })
			try {
				NormalizationChoice.parse(bad[0], bad[1]);
				fail("expected a refusal of " + String.join(" ", bad[0], String.valueOf(bad[1])));
			}
			catch (final IllegalArgumentException e) {
				assertTrue(e.getMessage(), e.getMessage().startsWith("normalization") || e.getMessage()
					.startsWith("window"));
			}
		try {
			NormalizationChoice.parse("bundle", null).decide(MR, null);
			fail("normalization=bundle needs a bundle");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().contains("a bundle for normalization=bundle"));
		}
	}
}
