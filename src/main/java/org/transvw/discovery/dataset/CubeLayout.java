package org.transvw.discovery.dataset;

import java.nio.FloatBuffer;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The record layout: tensor order, last axis fastest (the order of
 * {@code org.transvw.engine.Tensors}), whereas ImgLib2 iterates the first axis fastest. Both
 * directions go through a view with the axes reversed.
 */
final class CubeLayout {

	private CubeLayout() {}

	static void write(final RandomAccessibleInterval<? extends RealType<?>> cube,
		final FloatBuffer out)
	{
		for (final RealType<?> t : Views.flatIterable(reversed(cube)))
			out.put(t.getRealFloat());
	}

	static Img<FloatType> read(final float[] values, final int offset, final int[] dims) {
		final long[] d = new long[dims.length];
		for (int i = 0; i < d.length; i++)
			d[i] = dims[i];
		final Img<FloatType> img = ArrayImgs.floats(d);
		final Cursor<FloatType> c = Views.flatIterable(reversed(img)).cursor();
		int i = offset;
		while (c.hasNext())
			c.next().set(values[i++]);
		return img;
	}

	private static <T> RandomAccessibleInterval<T> reversed(final RandomAccessibleInterval<T> img) {
		final int n = img.numDimensions();
		RandomAccessibleInterval<T> v = Views.zeroMin(img);
		for (int d = 0; d < n / 2; d++)
			v = Views.permute(v, d, n - 1 - d);
		return v;
	}
}
