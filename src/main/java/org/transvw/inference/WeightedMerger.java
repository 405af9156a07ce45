package org.transvw.inference;

import java.util.Arrays;

import org.transvw.common.Checks;

import net.imglib2.FinalInterval;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * Accumulates weighted tile predictions into image-sized sums and divides by the summed weights
 * at the end: {@code out = sum_t w_t * p_t / sum_t w_t}. Tiles may reach outside the image (a
 * padded border); only their part inside the image is kept. Memory: one float per voxel and
 * channel plus one per voxel, never the tiles.
 * <p>
 * Not thread-safe; {@link #result()} may be called once.
 */
public final class WeightedMerger {

	private final long[] size;
	private final Img<FloatType> sum;
	private final Img<FloatType> weight;
	private final int channels;

	/** @param size image extent (x, y, z) */
	public WeightedMerger(final long[] size, final int channels) {
		this.size = size.clone();
		this.channels = Checks.positive(channels, "channels");
		final long[] d = Arrays.copyOf(size, size.length + 1);
		d[size.length] = channels;
		this.sum = ArrayImgs.floats(d);
		this.weight = ArrayImgs.floats(size);
	}

	/**
	 * Adds one tile.
	 *
	 * @param origin tile origin in image coordinates (may be negative or reach past the border)
	 * @param prediction (x, y, z, c) with the weights' spatial size and {@code channels} channels
	 * @param weights (x, y, z) blending weights of the tile, > 0
	 */
	public void add(final long[] origin, final RandomAccessibleInterval<FloatType> prediction,
		final RandomAccessibleInterval<FloatType> weights)
	{
		final int n = size.length;
		Checks.require(prediction.numDimensions() == n + 1 && prediction.dimension(n) == channels,
			"prediction", "axes (x, y, z, c) with " + channels + " channels, got " + Arrays
				.toString(prediction.dimensionsAsLongArray()));
		for (int d = 0; d < n; d++)
			Checks.require(prediction.dimension(d) == weights.dimension(d), "prediction",
				"the tile size " + Arrays.toString(weights.dimensionsAsLongArray()));
		final long[] min = new long[n], max = new long[n];
		for (int d = 0; d < n; d++) {
			min[d] = origin[d];
			max[d] = origin[d] + weights.dimension(d) - 1;
		}
		final Interval inside = Intervals.intersect(new FinalInterval(min, max), new FinalInterval(
			size));
		if (Intervals.isEmpty(inside)) return;
		final RandomAccessibleInterval<FloatType> w = Views.interval(Views.translate(Views.zeroMin(
			weights), origin), inside);
		for (int c = 0; c < channels; c++) {
			final RandomAccessibleInterval<FloatType> p = Views.interval(Views.translate(Views
				.zeroMin(Views.hyperSlice(prediction, n, prediction.min(n) + c)), origin), inside);
			LoopBuilder.setImages(Views.interval(Views.hyperSlice(sum, n, c), inside), p, w)
				.forEachPixel((s, pv, wv) -> s.set(s.get() + wv.get() * pv.get()));
		}
		LoopBuilder.setImages(Views.interval(weight, inside), w).forEachPixel((s, wv) -> s.set(s
			.get() + wv.get()));
	}

	/**
	 * The blended prediction (x, y, z, c), computed in place.
	 *
	 * @throws IllegalStateException if a voxel received no tile
	 */
	public Img<FloatType> result() {
		for (int c = 0; c < channels; c++)
			LoopBuilder.setImages(Views.hyperSlice(sum, size.length, c), weight).forEachPixel((s,
				w) -> {
				if (!(w.get() > 0)) throw new IllegalStateException(
					"sliding window: a voxel was covered by no tile");
				s.set(s.get() / w.get());
			});
		return sum;
	}
}
