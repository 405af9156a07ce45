package org.transvw.command;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Checks (or, on request, rescales) the preview input to intensities in [0, 1]. */
final class PreviewInput {

	private PreviewInput() {}

	/**
	 * {@code in} itself if its values lie in [0, 1]; with {@code rescale}, a lazy min-max view onto
	 * [0, 1] (a constant image maps to 0); otherwise null.
	 */
	static RandomAccessibleInterval<FloatType> unitRange(final RandomAccessibleInterval<FloatType> in,
		final boolean rescale)
	{
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (final FloatType t : Views.flatIterable(in)) {
			min = Math.min(min, t.get());
			max = Math.max(max, t.get());
		}
		if (!rescale) return min >= 0 && max <= 1 ? in : null;
		final float lo = min, scale = max > min ? 1 / (max - min) : 0;
		return Converters.convert(in, (a, b) -> b.set(Math.min(1, Math.max(0, (a.get() - lo) *
			scale))), new FloatType());
	}
}
