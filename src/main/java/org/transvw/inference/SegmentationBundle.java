package org.transvw.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.data.Volume;
import org.transvw.data.prepare.InputPlan;
import org.transvw.network.ModelBundle;

import ai.djl.Device;

/**
 * A segmentation bundle (written by fine-tuning for segmentation, pretext {@value #PRETEXT})
 * and the sliding-window segmentation of whole volumes with it. Classification, pre-training
 * and imported (pre-trained, not fine-tuned) bundles are refused: their outputs are not
 * segmentations.
 */
public final class SegmentationBundle {

	/** The pretext of segmentation bundles. */
	public static final String PRETEXT = "segmentation";

	/** What other bundles are, for the refusal message. */
	private static final Map<String, String> OTHERS = Map.of("classification",
		"a classification bundle (Fine-tune (classification)); use Classify candidates",
		"imported", "imported pre-trained weights, not fine-tuned for segmentation; run " +
			"Fine-tune (segmentation) on it first");

	private SegmentationBundle() {}

	/**
	 * Opens a segmentation bundle.
	 *
	 * @throws IllegalArgumentException naming {@code bundle} if it holds another kind of model
	 */
	public static ModelBundle load(final Path dir, final Device device) throws IOException {
		Checks.require(dir != null, "bundle", "a segmentation bundle folder, got none");
		final ModelBundle b = ModelBundle.load(dir, device);
		final String pretext = b.description().pretext();
		if (!PRETEXT.equals(pretext)) {
			b.close();
			throw new IllegalArgumentException("bundle: expected a segmentation bundle (written by " +
				"Fine-tune (segmentation)), got " + OTHERS.getOrDefault(pretext, "a pre-training " +
					"bundle (pretext '" + pretext + "'); run Fine-tune (segmentation) on it first") +
				": " + dir);
		}
		return b;
	}

	/**
	 * The sliding-window settings of a segmentation run, checked on construction.
	 *
	 * @param overlap fraction of a tile shared with its neighbour, in [0, 1)
	 * @param budget tiles per forward pass
	 * @param flip average the 8 flips of x, y, z
	 */
	public record Settings(double overlap, int budget, boolean flip) {

		public Settings {
			Checks.require(overlap >= 0 && overlap < 1, "overlap", "a fraction in [0, 1), got " +
				overlap);
			Checks.inRange(budget, 1, 4096, "budget");
		}

		/** Forward passes per tile of a plain segmentation: 8 with flip averaging, else 1. */
		public int passes() {
			return passes(3);
		}

		/** Forward passes per tile for tiles of {@code dims} axes: 2^dims with flips, else 1. */
		public int passes(final int dims) {
			return flip ? 1 << dims : 1;
		}
	}

	/**
	 * Segments a raw {@code volume} as the bundle's model was trained ({@link SegmentVolume}: the
	 * bundle's inputs forward, Gaussian-blended sliding window over tiles of the bundle's patch,
	 * back onto the input's own grid).
	 *
	 * @param name the case name of the outputs (file stem)
	 * @param plan the inputs' plan, {@link SegmentVolume#plan} for this bundle
	 */
	public static SegmentVolume.Output segment(final ModelBundle b, final Volume volume,
		final String name, final InputPlan plan, final Settings s, final Progress progress,
		final Cancellation cancel)
	{
		final SlidingWindowConfig sw = new SlidingWindowConfig(b.description().patch(), 1 - s
			.overlap(), BlendWeights.DEFAULT_SIGMA_SCALE, s.budget(), s.flip());
		return SegmentVolume.run(new SlidingWindowSegmenter(new ModelPredictor(b.network().asBlock(), b.model()
			.getNDManager()), sw), volume, name, plan, progress, cancel);
	}

	/**
	 * Like {@link #segment}, with the test-time-augmentation uncertainty
	 * ({@link UncertaintySegmenter}; the flip setting is ignored: the augmentation holds every
	 * flip), every map on the input's own grid.
	 */
	public static SegmentVolume.Output segmentUncertain(final ModelBundle b, final Volume volume,
		final String name, final InputPlan plan, final Settings s, final Progress progress,
		final Cancellation cancel)
	{
		final SlidingWindowConfig sw = new SlidingWindowConfig(b.description().patch(), 1 - s
			.overlap(), BlendWeights.DEFAULT_SIGMA_SCALE, s.budget(), false);
		return SegmentVolume.runUncertain(new UncertaintySegmenter(new ModelPredictor(b.block(), b
			.model().getNDManager()), sw), volume, name, plan, progress, cancel);
	}
}
