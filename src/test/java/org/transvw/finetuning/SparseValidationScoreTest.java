package org.transvw.finetuning;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.transvw.evaluation.ConfusionCounts;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * A sparsely labelled validation volume is scored on its labelled slices only: found on the
 * brain demo, where a validation volume labelled on every 4th slice scored Dice ~0.36 for a
 * prediction whose held-out test Dice was 0.92.
 */
public class SparseValidationScoreTest {

	@Test
	public void unlabelledSlicesAreNeitherFalsePositivesNorFalseNegatives() {
		// foreground everywhere in the truth; labels on every 4th z slice, 255 elsewhere
		final Img<UnsignedByteType> labels = ArrayImgs.unsignedBytes(6, 5, 8);
		final Img<FloatType> perfect = ArrayImgs.floats(6, 5, 8);
		LoopBuilder.setImages(perfect).forEachPixel(p -> p.set(0.9f));
		for (long z = 0; z < 8; z++)
			for (final UnsignedByteType v : Views.hyperSlice(labels, 2, z))
				v.set(z % 4 == 0 ? 1 : SparseLabels.UNLABELLED);
		final RandomAccessibleInterval<FloatType> truth = Views.hyperSlice(ArrayImgs.floats(6, 5, 8,
			1), 3, 0);
		for (long z = 0; z < 8; z++)
			if (z % 4 == 0) for (final FloatType t : Views.hyperSlice(truth, 2, z)) t.set(1);

		assertEquals("unmasked: every unlabelled slice counts as false positive", 2 * 0.25 / 1.25,
			ConfusionCounts.of(perfect, truth, ConfusionCounts.HALF).dice(), 1e-9);
		assertEquals(1.0, ConfusionCounts.of(SegmentationFineTuner.labelledOnly(perfect, labels), truth, ConfusionCounts.HALF)
			.dice(), 1e-9);

		// a wrong labelled voxel still counts
		perfect.randomAccess().setPositionAndGet(0, 0, 0).set(0);
		assertEquals(2.0 * 59 / (59 + 60), ConfusionCounts.of(SegmentationFineTuner.labelledOnly(
			perfect, labels), truth, ConfusionCounts.HALF).dice(), 1e-9);
	}
}
