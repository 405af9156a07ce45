package org.transvw.finetuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The sparse-label convention of fine-tuning: a label voxel whose value is {@value #UNLABELLED}
 * or negative (e.g. -1 in a signed or float image) is <em>unlabelled</em> and ignored by the loss
 * and by validation; every other value is a class index: 0 .. C-1 for C classes (binary, C = 2:
 * 0 background, 1 foreground). So a user may annotate only a few slices and leave the rest at
 * 255. {@link #requireValues} refuses any other value before training starts.
 */
public final class SparseLabels {

	/** The unlabelled value of 8-bit label images. */
	public static final int UNLABELLED = 255;

	private SparseLabels() {}

	/**
	 * Checks that every labelled voxel of {@code c} is a class index below {@code classes}.
	 *
	 * @param classes the number of classes counting background (2 = binary)
	 * @throws IllegalArgumentException "labels: case_003 holds the values 2 (40 voxels) and 7
	 *           (3 voxels); with classes=2 expected ..."
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public static void requireValues(final LabelledCase c, final int classes) {
		final Map<Double, Long> bad = new TreeMap<>();
		for (final Object o : Views.iterable((RandomAccessibleInterval) c
			.labels()))
		{
			final double v = ((RealType<?>) o).getRealDouble();
			if (isLabelled(v) && (v >= classes || v != Math.rint(v))) bad.merge(v, 1L, Long::sum);
		}
		if (bad.isEmpty()) return;
		final List<String> values = new ArrayList<>();
		bad.entrySet().stream().limit(5).forEach(e -> values.add(format(e.getKey()) + " (" + e
			.getValue() + (e.getValue() == 1 ? " voxel)" : " voxels)")));
		throw new IllegalArgumentException("labels: " + c.name() + " holds the value" + (bad
			.size() == 1 ? " " : "s ") + String.join(", ", values) + (bad.size() > 5 ? " and " + (bad
				.size() - 5) + " more" : "") + "; with classes=" + classes + " expected " + (classes ==
					2 ? "0 (background), 1 (foreground)" : "0.." + (classes - 1)) + " or " + UNLABELLED +
			" (unlabelled); set classes to the number of classes counting background");
	}

	private static String format(final double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}

	/** True for a voxel that carries a class. */
	public static boolean isLabelled(final double value) {
		return value >= 0 && value != UNLABELLED;
	}
}
