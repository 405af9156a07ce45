package org.transvw.finetuning;

import java.util.Arrays;

import org.transvw.common.Checks;
import org.transvw.data.geometry.GeometryPlan;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * One training, validation or test case: the image already in the model's intensity range and
 * on the model's grid (see {@code data.prepare.InputPlan}), its label image of the same size
 * (class indices; the {@link SparseLabels} convention marks unlabelled voxels), and, when the
 * geometry step moved it, the plan and the labels on the input's own grid, so that evaluation
 * scores the prediction where the annotation was drawn.
 *
 * @param name the case (file name without ending); the unit of every split
 * @param image the model's input, (x, y, z), or (x, y) for a 2D network
 * @param labels the labels on the image's grid
 * @param plan the geometry step from the input's grid to the image's, or null when the image is
 *          on its own input grid
 * @param originalLabels the labels on {@code plan.original()} (null without a plan)
 */
public record LabelledCase(String name, RandomAccessibleInterval<FloatType> image,
	RandomAccessibleInterval<? extends RealType<?>> labels, GeometryPlan plan,
	RandomAccessibleInterval<? extends RealType<?>> originalLabels)
{

	public LabelledCase {
		Checks.notNull(name, "case name");
		Checks.notNull(image, "image of " + name);
		Checks.notNull(labels, "labels of " + name);
		Checks.require(image.numDimensions() == 3 || image.numDimensions() == 2, "image of " + name,
			"a 3D volume or a 2D image, got " + image.numDimensions() + "D");
		Checks.require(Arrays.equals(image.dimensionsAsLongArray(), labels.dimensionsAsLongArray()),
			"labels of " + name, "the image's size " + Arrays.toString(image.dimensionsAsLongArray()) +
				", got " + Arrays.toString(labels.dimensionsAsLongArray()));
		Checks.require((plan == null) == (originalLabels == null), "labels of " + name,
			"a geometry plan together with the labels on the input grid, or neither");
		if (plan != null) {
			Checks.require(Arrays.equals(plan.processed().dims(), image.dimensionsAsLongArray()),
				"image of " + name, "the processed grid of its plan " + plan.processed().describe() +
					", got " + Arrays.toString(image.dimensionsAsLongArray()));
			Checks.require(Arrays.equals(plan.original().dims(), originalLabels
				.dimensionsAsLongArray()), "labels of " + name, "the input grid " + plan.original()
					.describe() + ", got " + Arrays.toString(originalLabels.dimensionsAsLongArray()));
		}
	}

	/** A case on its own input grid (no geometry step). */
	public LabelledCase(final String name, final RandomAccessibleInterval<FloatType> image,
		final RandomAccessibleInterval<? extends RealType<?>> labels)
	{
		this(name, image, labels, null, null);
	}
}
