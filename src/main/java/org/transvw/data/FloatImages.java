package org.transvw.data;

import org.transvw.common.Checks;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Materialising a view: the one place where a lazy view (a crop, a flip, a converted or
 * normalised image) becomes a new float {@code ArrayImg} that owns its pixels, for samples that
 * must outlive their source or be read many times (training patches, cached cubes, the first
 * pass of a resampling). Threads come from the caller's ImgLib2 {@code Parallelization} context
 * (a data-loader worker runs single-threaded, a whole-volume step uses all cores).
 */
public final class FloatImages {

	private FloatImages() {}

	/**
	 * A new float image with the values of {@code view} (any real type, converted as
	 * {@code (float) getRealDouble()}), the same size, min at zero; its {@code float[]} is
	 * {@code copy.update(null).getCurrentStorageArray()} (x fastest).
	 */
	public static ArrayImg<FloatType, FloatArray> copy(
		final RandomAccessibleInterval<? extends RealType<?>> view)
	{
		Checks.notNull(view, "view");
		final ArrayImg<FloatType, FloatArray> out = ArrayImgs.floats(view.dimensionsAsLongArray());
		LoopBuilder.setImages(Views.zeroMin(view), out).multiThreaded().forEachPixel((s, t) -> t
			.setReal(s.getRealDouble()));
		return out;
	}

	/**
	 * A copy of the box {@code [min, min + size)} of {@code image}; where the box leaves the
	 * image, the image is mirrored with the edge voxel repeated ({@code extendMirrorDouble},
	 * numpy's 'symmetric'): {@code ... 1 0 | 0 1 ...}.
	 */
	public static ArrayImg<FloatType, FloatArray> crop(
		final RandomAccessibleInterval<? extends RealType<?>> image,
		final long[] min, final int[] size)
	{
		Checks.require(min.length == image.numDimensions() && size.length == min.length, "box",
			image.numDimensions() + " coordinates and sizes, got " + min.length + " and " +
				size.length);
		final long[] max = new long[min.length];
		for (int d = 0; d < min.length; d++) {
			Checks.require(size[d] > 0, "box", "positive sizes, got " + size[d] + " on axis " + d);
			max[d] = min[d] + size[d] - 1;
		}
		return copy(Views.interval(Views.extendMirrorDouble(image), new FinalInterval(min, max)));
	}
}
