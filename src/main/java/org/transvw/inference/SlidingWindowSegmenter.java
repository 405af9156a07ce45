package org.transvw.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.network.NetworkChoice;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Segments a whole volume of any size with a patch-size network: tiles from {@link TileGrid}
 * (the image is mirror-padded, centred, where it is smaller than a tile), predicted in batches
 * of {@link SlidingWindowConfig#tileBudget()} tiles, optionally averaged over the 8 flips, and
 * blended by {@link WeightedMerger} with {@link BlendWeights#gaussian} weights.
 * <pre>{@code
 * SlidingWindowSegmenter s = new SlidingWindowSegmenter(predictor, SlidingWindowConfig.defaults(patch));
 * Img<FloatType> p = s.predict(image, progress, cancel); // (x, y, z, c) or (x, y, c) in 2D
 * }</pre>
 */
public final class SlidingWindowSegmenter {

	private final Predictor predictor;
	private final SlidingWindowConfig config;
	private final Img<FloatType> weights;

	public SlidingWindowSegmenter(final Predictor predictor, final SlidingWindowConfig config) {
		Checks.notNull(predictor, "predictor");
		this.config = Checks.notNull(config, "config");
		this.predictor = config.flip() ? TestTimeAugmentation.flips(config.tileSize().length)
			.averaging(predictor)
			: predictor;
		this.weights = BlendWeights.gaussian(config.tileSize(), config.sigmaScale());
	}

	/** The tile size: 3 values for volumes, 2 for 2D images. */
	public int[] tileSize() {
		return config.tileSize();
	}

	/**
	 * The blended prediction (x, y, z, c) of a 3D image, or (x, y, c) of a 2D one, already in the
	 * model's intensity range; the image has the tile size's dimensionality.
	 */
	public Img<FloatType> predict(final RandomAccessibleInterval<FloatType> image,
		final Progress progress, final Cancellation cancel)
	{
		final int[] tile = config.tileSize();
		final int n = tile.length;
		NetworkChoice.requireDimensions("image", "of tile " + Arrays.toString(tile), n, image
			.numDimensions());
		final RandomAccessibleInterval<FloatType> img = Views.zeroMin(image);
		final long[] size = img.dimensionsAsLongArray();
		final long[] padded = TileGrid.paddedSize(size, tile);
		final long[] shift = new long[n];
		for (int d = 0; d < n; d++)
			shift[d] = (padded[d] - size[d]) / 2;
		final List<long[]> origins = TileGrid.origins(padded, tile, config.stepFraction());
		final RandomAccessible<FloatType> extended = Views.extendMirrorDouble(img);
		WeightedMerger merger = null;
		final int budget = config.tileBudget();
		for (int b = 0; b < origins.size(); b += budget) {
			cancel.check();
			progress.report((double) b / origins.size(), "tile " + (b + 1) + "/" + origins.size());
			final List<long[]> batch = new ArrayList<>();
			final List<RandomAccessibleInterval<FloatType>> tiles = new ArrayList<>();
			for (int i = b; i < Math.min(b + budget, origins.size()); i++) {
				final long[] o = origins.get(i).clone();
				final long[] max = new long[n];
				for (int d = 0; d < n; d++) {
					o[d] -= shift[d];
					max[d] = o[d] + tile[d] - 1;
				}
				batch.add(o);
				tiles.add(Views.zeroMin(Views.interval(extended, new FinalInterval(o, max))));
			}
			final List<RandomAccessibleInterval<FloatType>> out = checked(tiles, predictor.predict(
				tiles));
			if (merger == null) merger = new WeightedMerger(size, (int) out.get(0).dimension(n));
			for (int i = 0; i < batch.size(); i++)
				merger.add(batch.get(i), out.get(i), weights);
		}
		progress.report(1, "blended " + origins.size() + " tiles");
		return merger.result();
	}

	/**
	 * Probabilities and labels of a blended prediction {@code p} (x, y[, z], c) with the geometry
	 * of {@code input}: one image per channel, labels {@code p > 0.5} (one channel) or arg-max.
	 */
	static SegmentationResult result(final Volume input,
		final RandomAccessibleInterval<FloatType> p)
	{
		final int ch = p.numDimensions() - 1;
		final int channels = (int) p.dimension(ch);
		final List<Volume> probs = new ArrayList<>();
		for (int c = 0; c < channels; c++)
			probs.add(like(input, Views.hyperSlice(p, ch, c)));
		final Img<UnsignedByteType> labels = ArrayImgs.unsignedBytes(input.dimensions());
		if (channels == 1) LoopBuilder.setImages(Views.hyperSlice(p, ch, 0), labels).forEachPixel((
			v, l) -> l.set(v.get() > 0.5f ? 1 : 0));
		else LoopBuilder.setImages(Views.collapse(p), labels).forEachPixel((v, l) -> {
			int best = 0;
			for (int c = 1; c < channels; c++)
				if (v.get(c).get() > v.get(best).get()) best = c;
			l.set(best);
		});
		return new SegmentationResult(probs, like(input, labels));
	}

	private List<RandomAccessibleInterval<FloatType>> checked(
		final List<RandomAccessibleInterval<FloatType>> in,
		final List<RandomAccessibleInterval<FloatType>> out)
	{
		Checks.require(out != null && out.size() == in.size(), "predictor", "one output per tile (" +
			in.size() + "), got " + (out == null ? "none" : out.size()));
		final int[] tile = config.tileSize();
		for (final RandomAccessibleInterval<FloatType> o : out) {
			boolean ok = o.numDimensions() == tile.length + 1;
			for (int d = 0; ok && d < tile.length; d++)
				ok = o.dimension(d) == tile[d];
			Checks.require(ok, "predictor", "outputs (x, y[, z], c) of the tile size " + Arrays
				.toString(tile) + ", got " + Arrays.toString(o.dimensionsAsLongArray()));
		}
		return out;
	}

	/** A volume of {@code pixels} with the geometry of {@code input}, no normalisation. */
	static Volume like(final Volume input,
		final RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>> pixels)
	{
		return new Volume(Views.zeroMin(pixels), input.spacing(), input.origin(), input.direction(),
			Modality.OTHER, IntensityMap.raw());
	}
}
