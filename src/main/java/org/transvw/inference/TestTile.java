package org.transvw.inference;

import org.transvw.common.Checks;
import org.transvw.data.IntensityMap;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Volume;
import org.transvw.engine.Tensors;
import org.transvw.network.export.TestSample;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * The test tile of a model export: the centre tile of a raw volume (mirror-padded where the volume
 * is smaller, as the sliding window pads), raw and normalised as the package's preprocessing will
 * normalise it — a CT window as stored; percentiles measured on the tile itself, as the spec's
 * per-sample {@code scale_range} measures them.
 */
public final class TestTile {

	private TestTile() {}

	/**
	 * @param input a raw 3D volume (not yet normalised)
	 * @param normalization the model's intensity recipe
	 * @param size tile extent (x, y, z), multiples of 8 (e.g. the bundle's patch)
	 */
	public static TestSample of(final Volume input, final IntensityRecipe normalization,
		final int[] size)
	{
		Checks.require(input.numDimensions() == 3, "test image", "a 3D volume, got " + input
			.numDimensions() + "D");
		Checks.notNull(normalization, "normalization");
		Checks.require(input.normalization().isRaw(), "test image",
			"raw intensities (the exported preprocessing normalises them), got a volume already " +
				"normalised with " + input.normalization());
		final long[] dims = input.dimensions(), min = new long[3];
		for (int d = 0; d < 3; d++)
			min[d] = (dims[d] - size[d]) / 2;
		final RandomAccessibleInterval<FloatType> tile = Views.interval(Views.extendMirrorDouble(input
			.floats()), Intervals.createMinSize(min[0], min[1], min[2], size[0], size[1], size[2]));
		final Img<FloatType> raw = ArrayImgs.floats(size[0], size[1], size[2]);
		LoopBuilder.setImages(Views.zeroMin(tile), raw).forEachPixel((a, b) -> b.set(a));
		// NB: resolved on the tile itself: percentiles measured per sample, as scale_range does
		final IntensityMap n = normalization.resolve(raw);
		final int count = size[0] * size[1] * size[2];
		final float[] r = new float[count], z = new float[count];
		Tensors.copyToBuffer(raw, r, 0);
		Tensors.copyToBuffer(n.apply(raw), z, 0);
		return new TestSample(size, r, z, input.spacing());
	}
}
