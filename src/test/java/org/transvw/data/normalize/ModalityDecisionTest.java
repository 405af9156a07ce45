package org.transvw.data.normalize;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.img.array.ArrayImgs;

/** The modality is given, recorded, 2D, or read off the intensities: never guessed silently. */
public class ModalityDecisionTest {

	private static Volume volume(final Modality recorded, final float... values) {
		return Volume.of(ArrayImgs.floats(values, values.length, 1, 1), new double[] { 1, 1, 1 },
			recorded);
	}

	@Test
	public void intensitiesTellCtFromMr() {
		// a head CT: air at -1024 HU, bone above 1000
		final ModalityDecision ct = ModalityDecision.detect(volume(Modality.OTHER, -1024, -50, 40,
			1500), "head_ct.nii.gz");
		assertEquals(Modality.CT, ct.modality());
		assertEquals("CT: head_ct.nii.gz has intensities [-1024, 1500]: a minimum at or below -500 " +
			"(air, about -1000 HU) and a range of 2524 (thousands of HU)", ct.reason());
		// a T1 MRI in arbitrary non-negative units (round 1 read these as OTHER: no normalisation)
		final ModalityDecision mr = ModalityDecision.detect(volume(Modality.OTHER, 0, 12, 480, 1890),
			"colin27_t1.nii");
		assertEquals(Modality.MR, mr.modality());
		assertTrue(mr.reason(), mr.reason().startsWith("MR: colin27_t1.nii has intensities [0, 1890], " +
			"none negative"));
	}

	@Test
	public void headerTwoDimensionsAndTheUserWin() {
		assertEquals(Modality.MR, ModalityDecision.detect(volume(Modality.MR, -1024, 3000), "x.dcm")
			.modality());
		final Volume radiograph = Volume.of(ArrayImgs.floats(4, 4), new double[] { 1, 1 },
			Modality.OTHER);
		assertEquals(Modality.XRAY, ModalityDecision.detect(radiograph, "cxr.png").modality());
		final ModalityDecision given = ModalityDecision.of(Modality.CT, volume(Modality.OTHER, 0, 4095),
			"offset_ct.nii");
		assertEquals(Modality.CT, given.modality());
		assertEquals("CT: given (modality=ct)", given.reason());
	}

	@Test
	public void undecidableIntensitiesAskForTheKey() {
		try {
			ModalityDecision.detect(volume(Modality.OTHER, -200, 0, 800), "odd.nii");
			fail("an intensity range that is neither CT nor MR must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertEquals("modality: cannot tell the modality of odd.nii from its intensities [-200, 800] " +
				"(neither CT in HU, with air at about -1000, nor non-negative MR) and its header " +
				"records none; give modality=ct, mr or xray", e.getMessage());
		}
		final ModalityDecision ct = ModalityDecision.given(Modality.CT);
		try {
			ct.requireSame(ModalityDecision.detect(volume(Modality.OTHER, 0, 300), "b.nii"),
				"the collection");
			fail("mixed modalities must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("modality: expected one modality " +
				"for the collection (CT: given (modality=ct)), got MR: b.nii has intensities [0, 300]"));
		}
	}
}
