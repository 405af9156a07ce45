package org.transvw.finetuning;

import java.util.Arrays;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One training or validation case: the image already in the model's intensity range (see
 * {@code Normalizations.forModel}) and its label image of the same size (class indices; the
 * {@link SparseLabels} convention marks unlabelled voxels).
 */
public record LabelledCase(String name, RandomAccessibleInterval<FloatType> image,
	RandomAccessibleInterval<? extends RealType<?>> labels)
{

	public LabelledCase {
		Checks.notNull(name, "case name");
		Checks.notNull(image, "image of " + name);
		Checks.notNull(labels, "labels of " + name);
		Checks.require(image.numDimensions() == 3, "image of " + name, "a 3D image, got " + image
			.numDimensions() + "D");
		Checks.require(Arrays.equals(image.dimensionsAsLongArray(), labels.dimensionsAsLongArray()),
			"labels of " + name, "the image's size " + Arrays.toString(image.dimensionsAsLongArray()) +
				", got " + Arrays.toString(labels.dimensionsAsLongArray()));
	}
}
