package org.transvw.discovery.dataset;

import java.nio.FloatBuffer;

import org.transvw.engine.Tensors;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
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

	static Img<FloatType> read(final float[] values, final int offset, final int[] dims) {
		final long[] d = new long[dims.length];
		for (int i = 0; i < d.length; i++)
			d[i] = dims[i];
		return Tensors.fromBuffer(values, offset, d);
	}
}
