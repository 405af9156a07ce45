package org.transvw.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Test-time augmentation of a {@link Predictor}: every batch of tiles is predicted once per
 * geometric transform (flips of x, y, z and, for tiles square in x and y, the x/y transposition,
 * the same transforms fine-tuning augments with; method.md §6), each prediction is mapped back to
 * the tile's orientation, and the passes are combined.
 * <ul>
 * <li>{@link #averaging(Predictor)}: the mean probability per voxel and channel (the segmenter's
 * flip TTA).</li>
 * <li>{@link #withSpread(Predictor)}: the mean probabilities plus one channel holding the
 * variance across the passes of the foreground probability (binary: p; softmax:
 * 1 - p(background)), the input of {@link UncertaintySegmenter}.</li>
 * </ul>
 * Cost: {@link #passes()} forward passes per tile instead of one. Inputs are views; nothing is
 * copied until the predictor copies its batch.
 */
public final class TestTimeAugmentation {

	/** One transform: optional x/y transposition, then flips of the axes whose bit is set. */
	private record Transform(boolean transpose, int flipMask) {

		RandomAccessibleInterval<FloatType> forward(final RandomAccessibleInterval<FloatType> t) {
			RandomAccessibleInterval<FloatType> v = Views.zeroMin(t);
			if (transpose) v = Views.zeroMin(Views.permute(v, 0, 1));
			return flip(v, flipMask);
		}

		/** Maps an output (x, y, z, c) of a transformed tile back: unflip, then transpose. */
		RandomAccessibleInterval<FloatType> back(final RandomAccessibleInterval<FloatType> o) {
			RandomAccessibleInterval<FloatType> v = flip(Views.zeroMin(o), flipMask);
			if (transpose) v = Views.zeroMin(Views.permute(v, 0, 1));
			return v;
		}

		private static RandomAccessibleInterval<FloatType> flip(
			final RandomAccessibleInterval<FloatType> t, final int mask)
		{
			RandomAccessibleInterval<FloatType> v = t;
			for (int d = 0; d < 3; d++)
				if ((mask & (1 << d)) != 0) v = Views.zeroMin(Views.invertAxis(v, d));
			return v;
		}
	}

	private final List<Transform> transforms;

	private TestTimeAugmentation(final List<Transform> transforms) {
		this.transforms = List.copyOf(transforms);
	}

	/** The 8 flips of (x, y, z), identity included. */
	public static TestTimeAugmentation flips() {
		return flips(3);
	}

	/** The 2^axes flips of the spatial axes: 4 for a 2D tile (x, y), 8 for a 3D one. */
	public static TestTimeAugmentation flips(final int axes) {
		Checks.require(axes == 2 || axes == 3, "tile size", "2 or 3 spatial axes, got " + axes);
		final List<Transform> t = new ArrayList<>();
		for (int mask = 0; mask < 1 << axes; mask++)
			t.add(new Transform(false, mask));
		return new TestTimeAugmentation(t);
	}

	/**
	 * The flips, and for a tile square in x and y also each flip after an x/y transposition: the
	 * 16 symmetries of a square prism (which include the 90-degree in-plane rotations); 8 flips
	 * otherwise, since a transposed tile would have another shape.
	 *
	 * In 2D: the 8 symmetries of a square (4 flips otherwise).
	 *
	 * @param tileSize tile extent (x, y[, z])
	 */
	public static TestTimeAugmentation dihedral(final int[] tileSize) {
		Checks.require(tileSize != null && (tileSize.length == 3 || tileSize.length == 2),
			"tile size", "2 or 3 values (x, y[, z])");
		final List<Transform> t = new ArrayList<>();
		for (final boolean transpose : tileSize[0] == tileSize[1] ? new boolean[] { false, true }
			: new boolean[] { false })
			for (int mask = 0; mask < 1 << tileSize.length; mask++)
				t.add(new Transform(transpose, mask));
		return new TestTimeAugmentation(t);
	}

	/** Forward passes per tile: the inference cost multiplier against plain prediction. */
	public int passes() {
		return transforms.size();
	}

	/** A predictor returning the mean over the passes of {@code predictor}'s probabilities. */
	public Predictor averaging(final Predictor predictor) {
		Checks.notNull(predictor, "predictor");
		return tiles -> combine(predictor, tiles, false);
	}

	/**
	 * A predictor returning C + 1 channels per tile: the C mean probabilities, then the variance
	 * across the passes of the foreground probability (population variance, in [0, 0.25]).
	 */
	public Predictor withSpread(final Predictor predictor) {
		Checks.notNull(predictor, "predictor");
		return tiles -> combine(predictor, tiles, true);
	}

	private List<RandomAccessibleInterval<FloatType>> combine(final Predictor predictor,
		final List<RandomAccessibleInterval<FloatType>> tiles, final boolean spread)
	{
		final int n = transforms.size();
		final List<Img<FloatType>> sum = new ArrayList<>(), sumSq = new ArrayList<>();
		int channels = -1;
		for (final Transform t : transforms) {
			final List<RandomAccessibleInterval<FloatType>> in = new ArrayList<>();
			for (final RandomAccessibleInterval<FloatType> tile : tiles)
				in.add(t.forward(tile));
			final List<RandomAccessibleInterval<FloatType>> out = predictor.predict(in);
			Checks.require(out != null && out.size() == in.size(), "predictor", "one output per tile (" +
				in.size() + "), got " + (out == null ? "none" : out.size()));
			for (int i = 0; i < out.size(); i++) {
				final RandomAccessibleInterval<FloatType> o = t.back(out.get(i));
				checkShape(tiles.get(i), o);
				final int ch = o.numDimensions() - 1;
				if (channels < 0) channels = (int) o.dimension(ch);
				Checks.require(o.dimension(ch) == channels, "predictor", "the same channel count " +
					"for every pass, got " + o.dimension(ch) + " and " + channels);
				if (sum.size() <= i) {
					sum.add(ArrayImgs.floats(o.dimensionsAsLongArray()));
					sumSq.add(ArrayImgs.floats(tiles.get(i).dimensionsAsLongArray()));
				}
				LoopBuilder.setImages(sum.get(i), o).forEachPixel((s, v) -> s.set(s.get() + v.get()));
				if (spread) accumulateSquares(sumSq.get(i), o);
			}
		}
		final List<RandomAccessibleInterval<FloatType>> result = new ArrayList<>();
		for (int i = 0; i < sum.size(); i++) {
			LoopBuilder.setImages(sum.get(i)).forEachPixel(s -> s.set(s.get() / n));
			result.add(spread ? withVariance(sum.get(i), sumSq.get(i), n) : sum.get(i));
		}
		return result;
	}

	/** Adds the square of the foreground probability of {@code o} (x, y, z, c) per voxel. */
	private static void accumulateSquares(final Img<FloatType> sq,
		final RandomAccessibleInterval<FloatType> o)
	{
		final int ch = o.numDimensions() - 1;
		final boolean binary = o.dimension(ch) == 1;
		final RandomAccessibleInterval<FloatType> p0 = Views.hyperSlice(o, ch, o.min(ch));
		LoopBuilder.setImages(sq, p0).forEachPixel((s, p) -> {
			final float fg = binary ? p.get() : 1 - p.get();
			s.set(s.get() + fg * fg);
		});
	}

	/** mean (x, y, z, c) and sum of squares -> (x, y, z, c + 1) with var = E[fg^2] - E[fg]^2. */
	private static Img<FloatType> withVariance(final Img<FloatType> mean,
		final Img<FloatType> sumSq, final int n)
	{
		final long[] d = mean.dimensionsAsLongArray();
		final int ch = d.length - 1;
		final int c = (int) d[ch];
		final long[] e = d.clone();
		e[ch] = c + 1;
		final Img<FloatType> out = ArrayImgs.floats(e);
		LoopBuilder.setImages(Views.interval(out, mean), mean).forEachPixel((a, b) -> a.set(b));
		final RandomAccessibleInterval<FloatType> var = Views.hyperSlice(out, ch, c);
		final RandomAccessibleInterval<FloatType> p0 = Views.hyperSlice(mean, ch, 0);
		final boolean binary = c == 1;
		LoopBuilder.setImages(var, p0, sumSq).forEachPixel((v, p, s) -> {
			final float fg = binary ? p.get() : 1 - p.get();
			// NB: clamped at 0: E[x^2] - E[x]^2 can round to a tiny negative value
			v.set(Math.max(0, s.get() / n - fg * fg));
		});
		return out;
	}

	private static void checkShape(final RandomAccessibleInterval<FloatType> tile,
		final RandomAccessibleInterval<FloatType> o)
	{
		final int n = tile.numDimensions();
		boolean ok = o.numDimensions() == n + 1;
		for (int d = 0; ok && d < n; d++)
			ok = o.dimension(d) == tile.dimension(d);
		Checks.require(ok, "predictor", "outputs (x, y, z, c) of the tile size " + Arrays.toString(
			tile.dimensionsAsLongArray()) + ", got " + Arrays.toString(o.dimensionsAsLongArray()));
	}
}
