package org.transvw.data;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Test helper: the values of an image in flat order (x fastest). */
public final class Pixels {

	private Pixels() {}

	public static float[] of(final RandomAccessibleInterval<? extends RealType<?>> img) {
		final float[] v = new float[(int) Views.iterable(img).size()];
		int i = 0;
		for (final RealType<?> t : Views.flatIterable(img))
			v[i++] = t.getRealFloat();
		return v;
	}
}
