package org.transvw.study;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.junit.Test;
import org.transvw.finetuning.LabelledCase;
import org.transvw.finetuning.SparseLabels;

import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/** The slice budget keeps every N-th z slice of a training case's labels; the rest is 255. */
public class SparseSlicesTest {

	@Test
	public void everyNthSliceKeepsItsLabelsTheOthersBecomeUnlabelled() {
		final Img<FloatType> image = ArrayImgs.floats(4, 3, 7);
		final Img<UnsignedByteType> labels = ArrayImgs.unsignedBytes(4, 3, 7);
		final RandomAccess<UnsignedByteType> w = labels.randomAccess();
		for (int z = 0; z < 7; z++) {
			w.setPositionAndGet(1, 2, z).set(1);
		}
		final LabelledCase c = new LabelledCase("c", image, labels);
		assertSame(c, SegmentationCells.sparse(c, 0));
		assertSame(c, SegmentationCells.sparse(c, 1));
		final LabelledCase s = SegmentationCells.sparse(c, 3);
		assertEquals(3, s.labels().numDimensions());
		final RandomAccess<? extends RealType<?>> r = s.labels().randomAccess();
		for (int z = 0; z < 7; z++) {
			final boolean kept = z % 3 == 0;
			assertEquals("z " + z, kept ? 1 : SparseLabels.UNLABELLED, r.setPositionAndGet(1, 2, z)
				.getRealDouble(), 0);
			assertEquals("z " + z, kept ? 0 : SparseLabels.UNLABELLED, r.setPositionAndGet(0, 0, z)
				.getRealDouble(), 0);
		}
	}
}
