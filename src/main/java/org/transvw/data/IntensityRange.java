package org.transvw.data;

import java.util.Locale;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The exact minimum and maximum intensity of an image (one pass over every voxel), e.g. for the
 * modality detection of {@code data.normalize.ModalityDecision}.
 *
 * @param min smallest value
 * @param max largest value (>= min)
 */
public record IntensityRange(double min, double max) {

	public IntensityRange {
		Checks.require(min <= max, "intensity range", "min <= max, got [" + min + ", " + max + "]");
	}

	/** The range of every voxel of {@code img}; NaN voxels are skipped. */
	public static IntensityRange of(final RandomAccessibleInterval<? extends RealType<?>> img) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (final RealType<?> t : Views.flatIterable(img)) {
			final double v = t.getRealDouble();
			if (v < min) min = v;
			if (v > max) max = v;
		}
		Checks.require(min <= max, "image", "at least one voxel with a number, got none");
		return new IntensityRange(min, max);
	}

	/** max - min. */
	public double width() {
		return max - min;
	}

	/** E.g. "[-1024, 3071]". */
	@Override
	public String toString() {
		return String.format(Locale.ROOT, "[%s, %s]", format(min), format(max));
	}

	private static String format(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(
			Locale.ROOT, "%.4g", v);
	}
}
