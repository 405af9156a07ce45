package org.transvw.study;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;
import org.transvw.finetuning.LabelledCube;

import net.imglib2.img.array.ArrayImgs;

/** The test figures of a classification cell besides AUC: predicted classes, accuracy, scores. */
public class ClassificationCellsTest {

	@Test
	public void binaryPredictsAboveOneHalfAndMultiClassTheArgMax() {
		assertEquals(1, ClassificationCells.predicted(new float[] { 0.51f }));
		assertEquals(0, ClassificationCells.predicted(new float[] { 0.5f }));
		assertEquals(2, ClassificationCells.predicted(new float[] { 0.2f, 0.3f, 0.5f }));
		assertEquals(0, ClassificationCells.predicted(new float[] { 0.6f, 0.3f, 0.1f }));
	}

	@Test
	public void accuracyCountsCorrectPredictions() {
		final float[][] p = { { 0.9f }, { 0.2f }, { 0.7f }, { 0.4f } };
		assertEquals(0.5, ClassificationCells.accuracy(new int[] { 1, 0, 0, 1 }, p), 0);
		assertEquals(1.0, ClassificationCells.accuracy(new int[] { 1, 0, 1, 0 }, p), 0);
		assertEquals(Double.NaN, ClassificationCells.accuracy(new int[0], new float[0][]), 0);
	}

	@Test
	public void scoresListEveryTestCubeWithItsProbabilities() {
		final List<LabelledCube> cubes = List.of(new LabelledCube("a.nii@1,2,3", ArrayImgs.floats(8,
			8, 8), 1, "a.nii"), new LabelledCube("b.nii@4,5,6", ArrayImgs.floats(8, 8, 8), 0,
				"b.nii"));
		final List<String> lines = ClassificationCells.scores(cubes, new float[][] { { 0.25f }, {
			0.75f } });
		assertEquals(List.of("cube,source,label,predicted,p1", "\"a.nii@1,2,3\",a.nii,1,0,0.250000",
			"\"b.nii@4,5,6\",b.nii,0,1,0.750000"), lines);
	}
}
