package org.transvw.discovery.dataset;

import java.nio.FloatBuffer;

import org.transvw.engine.Tensors;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The record layout: tensor order, last axis fastest, defined once by
 * {@link org.transvw.engine.Tensors}, so a record can be fed to a network without reordering.
 */
final class CubeLayout {

	private CubeLayout() {}

	static void write(final RandomAccessibleInterval<? extends RealType<?>> cube,
		final FloatBuffer out)
	{
		Tensors.copyToBuffer(cube, out);
	}

	/** {@code values} (one record, tensor order) as an (x, y[, z]) image, not copied. */
	static RandomAccessibleInterval<FloatType> view(final float[] values, final int[] dims) {
		return Tensors.view(values, longs(dims));
	}

	private static long[] longs(final int[] dims) {
		final long[] d = new long[dims.length];
		for (int i = 0; i < d.length; i++)
			d[i] = dims[i];
		return d;
	}
}
