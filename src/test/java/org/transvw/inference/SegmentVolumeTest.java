package org.transvw.inference;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityMap;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;
import org.transvw.data.geometry.SpherePhantom;
import org.transvw.data.normalize.NormalizationChoice;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Resample -> segment -> inverse-resample through the real {@link SlidingWindowSegmenter} with a
 * simple predictor (the identity: the "probability" is the image itself), as *Segment volume*
 * runs it: labels and probabilities come back on the input's own grid, and the sphere phantom at
 * 1 mm and at 2 x 2 x 3 mm keeps its physical volume.
 */
public class SegmentVolumeTest {

	/**
	 * Relative volume error of the labels on the input grid against the analytic 33.51 ml: the
	 * partial-volume phantom thresholded at 0.5 is itself off by 0.3 % (1 mm) and 1.0 %
	 * (2 x 2 x 3 mm); measured after resampling to 1.5 x 1.5 x 2 mm, tiling and back: 33.35 ml
	 * (-0.5 %) at 1 mm and 33.05 ml (-1.4 %) at 2 x 2 x 3 mm; with the crop 33.29 and 32.99 ml.
	 */
	private static final double VOLUME_TOLERANCE = 0.02;
	/** Relative error of identity predictions after blending (float sums of equal values). */
	private static final double BLEND_EXACT = 1e-5;

	private static SlidingWindowSegmenter segmenter() {
		return new SlidingWindowSegmenter(SlidingWindowSegmenterTest.IDENTITY, SlidingWindowConfig.defaults(new int[] { 32, 32,
			16 }));
	}

	/** Occupancy in [0, 1] taken as it is (normalization=none), modality given, spacing given. */
	private static InputOptions options(final String spacing, final boolean crop) {
		return new InputOptions(Modality.MR, NormalizationChoice.parse("none", null), spacing, null,
			crop);
	}

	private static SegmentVolume.Output segment(final Volume input, final InputOptions o) {
		final InputPlan plan = InputPlan.decide(List.of("sphere"), List.of(Grid.of(input)), input, o,
			null);
		return SegmentVolume.run(segmenter(), input, "sphere", plan, Progress.NONE,
			Cancellation.NEVER);
	}

	@Test
	public void labelsComeBackOnTheInputGridWithTheSpheresVolume() {
		for (final boolean crop : new boolean[] { false, true }) {
			// setup: the two resolutions of the issue, both brought to their median spacing
			final Volume fine = SpherePhantom.sphere(new long[] { 64, 64, 64 }, new double[] { 1, 1, 1 });
			final Volume coarse = SpherePhantom.sphere(new long[] { 32, 32, 22 }, new double[] { 2, 2,
				3 });
			for (final Volume input : List.of(fine, coarse)) {
				final String name = Grid.of(input).describe() + (crop ? ", crop" : "");
				// process
				final SegmentVolume.Output out = segment(input, options("1.5,1.5,2", crop));
				// test: the processed grid is RAS at the target; the outputs are on the input grid
				assertArrayEquals(name, Volume.identity(3), out.geometry().processed().direction(), 0);
				assertEquals(name, 1.5, out.geometry().processed().spacing()[0], 0.05);
				assertEquals(name, Grid.of(input), Grid.of(out.result().labels()));
				assertEquals(name, Grid.of(input), Grid.of(out.result().probabilities().get(0)));
				final double ml = SpherePhantom.ml(out.result().labels());
				assertEquals(name + ": " + ml + " ml", 1, ml / SpherePhantom.SPHERE_ML, VOLUME_TOLERANCE);
				assertTrue(name, out.sidecarJson().contains("\"format\": \"transvw-segmentation\""));
				assertTrue(name, out.sidecarJson().contains("\"spacingReason\": \"given (spacing=1.5,1.5,2)\""));
			}
		}
	}

	@Test
	public void orientationRoundTripGivesBackTheInputExactly() {
		// setup: an asymmetric probe on an LPS grid at its own spacing: reorientation only
		final long[] dims = { 20, 14, 9 };
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set((c.getIntPosition(0) * 7 + c.getIntPosition(1) * 3 + c.getIntPosition(2)) %
				10 / 10f + 0.05f);
		}
		final double[] lps = { -1, 0, 0, 0, -1, 0, 0, 0, 1 };
		final Volume input = new Grid(dims, new double[] { 0.8, 0.9, 2.5 }, new double[] { 10, -20,
			30 }, lps).on(img, Modality.OTHER, IntensityMap.raw());
		// process
		final SegmentVolume.Output out = segment(input, options("native", false));
		// test: processed in RAS (x and y flipped), back on the LPS grid voxel for voxel
		assertEquals("RAS", out.geometry().processed().orientationCode());
		assertEquals("LPS", Grid.of(out.result().labels()).orientationCode());
		assertEquals(Grid.of(input), Grid.of(out.result().labels()));
		final Cursor<FloatType> in = Views.flatIterable(img).cursor();
		final Cursor<? extends RealType<?>> p = Views.flatIterable(out.result().probabilities().get(0)
			.pixels()).cursor();
		final Cursor<? extends RealType<?>> l = Views.flatIterable(out.result().labels().pixels())
			.cursor();
		while (in.hasNext()) {
			final float v = in.next().get();
			assertEquals(v, p.next().getRealDouble(), BLEND_EXACT);
			assertEquals(v > 0.5f ? 1 : 0, l.next().getRealDouble(), 0);
		}
	}
	@Test
	public void nativeSpacingKeepsTheGridAndThresholdsHalf() {
		final Img<FloatType> img = ArrayImgs.floats(new float[] { 0.2f, 0.7f, 0.5f, 0.9f }, 2, 2, 1);
		final Volume in = new Volume(img, new double[] { 0.7, 0.8, 2.5 }, new double[] { -10, 5,
			3 }, new double[] { -1, 0, 0, 0, -1, 0, 0, 0, 1 }, Modality.CT, IntensityMap.raw());
		final SegmentationResult r = segment(in, new InputOptions(null, NormalizationChoice.parse(
			"none", null), "native", null, false)).result();
		for (final Volume v : List.of(r.probabilities().get(0), r.labels()))
			assertEquals(Grid.of(in), Grid.of(v));
		final List<Integer> labels = new java.util.ArrayList<>();
		for (final RealType<?> t : Views.flatIterable(r.labels().pixels()))
			labels.add((int) t.getRealDouble());
		assertEquals(List.of(0, 1, 0, 1), labels);
	}

	@Test
	public void rawInputGetsTheBundlesNormalisationReplayed() {
		// setup: raw HU, the identity predictor returns what the network is fed
		final Volume raw = Volume.of(ArrayImgs.floats(new float[] { -2000, 0, 1000 }, 3, 1, 1),
			new double[] { 1, 1, 1 }, Modality.CT);
		final InputConvention ct = new InputConvention(Modality.CT, IntensityRecipe.ctDefault(),
			new double[] { 1, 1, 1 }, InputConvention.RAS);
		// process
		final InputPlan plan = InputPlan.decide(List.of("hu"), List.of(Grid.of(raw)), raw,
			InputOptions.defaults(), ct);
		final SegmentVolume.Output out = SegmentVolume.run(segmenter(), raw, "hu", plan, Progress.NONE,
			Cancellation.NEVER);
		// test: the network saw (clip(v) + 1000) / 2000, and the sidecar says so
		final float[] v = new float[3];
		int i = 0;
		for (final RealType<?> t : Views.flatIterable(out.result().probabilities().get(0).pixels()))
			v[i++] = t.getRealFloat();
		assertArrayEquals(new float[] { 0, 0.5f, 1 }, v, 1e-7f);
		assertEquals(IntensityRecipe.ctDefault(), out.normalization().recipe());
		assertTrue(out.sidecarJson(), out.sidecarJson().contains("\"kind\": \"ct-window\""));
	}

	@Test(expected = IllegalArgumentException.class)
	public void inputNormalisedDifferentlyIsRefused() {
		final Volume v = IntensityRecipe.ctWindow(-500, 500).replayOn(Volume.of(ArrayImgs.floats(8, 8,
			8), new double[] { 1, 1, 1 }, Modality.CT));
		segment(v, new InputOptions(Modality.CT, NormalizationChoice.parse("ct-window", null),
			"native", null, false));
	}
}
