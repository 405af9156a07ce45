package org.transvw.inference;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.GeometryConfig;
import org.transvw.data.geometry.GeometryPlan;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.normalize.Normalizations;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * Sliding-window segmentation with a test-time-augmentation uncertainty map: every tile is
 * predicted under each transform of {@link TestTimeAugmentation#dihedral} (16 passes for tiles
 * square in x/y, else 8), the mean probabilities and the per-voxel variance of the foreground
 * probability are blended like a plain prediction, and the predictive entropy of the blended
 * mean is computed per voxel ({@link Uncertainty}).
 * <p>
 * Meaning: the entropy is 0 where every pass gives the same certain answer and reaches ln 2 (binary)
 * where the mean probability is 0.5, i.e. where the passes disagree or are all unsure; the
 * variance isolates the disagreement. Neither captures a confident, consistent error.
 *
 * <pre>{@code
 * UncertainSegmentation u = new UncertaintySegmenter(predictor, SlidingWindowConfig.defaults(patch))
 * 	.segment(volume, bundle.description().normalization(), progress, cancel);
 * }</pre>
 */
public final class UncertaintySegmenter {

	private final TestTimeAugmentation tta;
	private final SlidingWindowSegmenter segmenter;

	/**
	 * @param config the sliding window; its flip option is ignored (the augmentation already
	 *          contains every flip)
	 */
	public UncertaintySegmenter(final Predictor predictor, final SlidingWindowConfig config) {
		Checks.notNull(predictor, "predictor");
		Checks.notNull(config, "config");
		tta = TestTimeAugmentation.dihedral(config.tileSize());
		segmenter = new SlidingWindowSegmenter(tta.withSpread(predictor), new SlidingWindowConfig(
			config.tileSize(), config.stepFraction(), config.sigmaScale(), config.tileBudget(),
			false));
	}

	/** Forward passes per tile against 1 for plain prediction. */
	public int passes() {
		return tta.passes();
	}

	/**
	 * Segments {@code input} on its own spacing (reoriented to RAS for the network and back),
	 * raw or already in the model's recipe ({@link Normalizations#forModel}).
	 */
	public UncertainSegmentation segment(final Volume input, final IntensityRecipe normalization,
		final Progress progress, final Cancellation cancel)
	{
		Checks.require(input.numDimensions() == 3, "input", "a 3D volume, got " + input
			.numDimensions() + "D");
		final GeometryPlan plan = GeometryPlan.of(input, GeometryConfig.defaults());
		final Volume onGrid = plan.isIdentity() ? input : plan.forwardImage(input);
		return segment(Normalizations.forModel(onGrid, Checks.notNull(normalization,
			"normalization")), plan, progress, cancel);
	}

	/**
	 * Segments {@code image}, already prepared for the model on {@code plan.processed()} (an
	 * {@code InputPlan}'s {@code PreparedVolume}), and puts the mean probabilities, labels,
	 * entropy and variance back on the input's own grid ({@link SegmentVolume#onInputGrid}); the
	 * means are taken there.
	 */
	public UncertainSegmentation segment(final Volume image, final GeometryPlan plan,
		final Progress progress, final Cancellation cancel)
	{
		final Img<FloatType> all = segmenter.predict(image.floats(), progress, cancel);
		final int c = (int) all.dimension(3) - 1;
		final long[] max = all.maxAsLongArray();
		max[3] = c - 1;
		final RandomAccessibleInterval<FloatType> mean = Views.interval(all, Intervals
			.createMinMax(0, 0, 0, 0, max[0], max[1], max[2], max[3]));
		final SegmentationResult r = SegmentVolume.onInputGrid(plan, mean);
		final Volume entropy = back(plan, Uncertainty.entropyMap(mean));
		final Volume variance = back(plan, Views.hyperSlice(all, 3, c));
		@SuppressWarnings("unchecked")
		final RandomAccessibleInterval<UnsignedByteType> labels =
			(RandomAccessibleInterval<UnsignedByteType>) r.labels().pixels();
		final double[] acc = new double[4];
		LoopBuilder.setImages(entropy.floats(), variance.floats(), labels).forEachPixel((h, v,
			l) -> {
			acc[0] += h.get();
			acc[1] += v.get();
			if (l.get() != 0) {
				acc[2] += h.get();
				acc[3]++;
			}
		});
		final double n = Intervals.numElements(labels);
		return new UncertainSegmentation(r, entropy, variance, tta.passes(), acc[0] / n, acc[3] > 0
			? acc[2] / acc[3] : Double.NaN, (long) acc[3], acc[1] / n, Uncertainty.maxEntropy(c));
	}

	/** A map on the processed grid, back on the input's grid (0 outside a crop). */
	private static Volume back(final GeometryPlan plan,
		final RandomAccessibleInterval<FloatType> map)
	{
		return plan.invertProbabilities(plan.processed().on(map, Modality.OTHER, IntensityMap.raw()),
			0);
	}
}
