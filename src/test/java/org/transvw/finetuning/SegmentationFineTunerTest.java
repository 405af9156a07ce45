package org.transvw.finetuning;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityRecipe;
import org.transvw.engine.EngineSession;
import org.transvw.network.ModelBundle;
import org.transvw.training.LrSchedule;

import ai.djl.Device;
import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * The key check: a tiny network (base width 8) fine-tuned on CPU segments a synthetic
 * lesion phantom (bright noisy spheres of radius 3-5 in a noisy background; the chest phantom's
 * nodules sit among vessels and soft tissue of the same density, which a tiny network cannot
 * learn within this budget) with a pooled whole-volume validation Dice > 0.7, and
 * still learns (Dice > 0.5, an untrained network scores ~0) when only every fourth slice of the
 * training labels is annotated.
 */
@Category(EngineTests.class)
public class SegmentationFineTunerTest {

	/** The acceptance threshold for the pooled validation Dice. */
	private static final double DICE_GOAL = 0.7;

	private static final long SEED = 7;
	/** Synthetic "lesion phantom": bright noisy spheres of radius 3-5 in a noisy background. */
	private static final long[] SIZE = { 48, 48, 24 };
	private static final int SPHERES = 4;

	private static List<LabelledCase> train, validation;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@BeforeClass
	public static void phantoms() {
		EngineSession.engine();
		train = new ArrayList<>();
		validation = new ArrayList<>();
		final RandomStreams rng = RandomStreams.seeded(SEED);
		for (int i = 0; i < 6; i++)
			(i < 4 ? train : validation).add(spheres("case_" + i, rng.fork(i)));
	}

	static LabelledCase spheres(final String name, final RandomStreams rng) {
		final Img<FloatType> image = ArrayImgs.floats(SIZE);
		final Img<UnsignedByteType> labels = ArrayImgs.unsignedBytes(SIZE);
		final double[][] c = new double[SPHERES][4];
		for (final double[] s : c) {
			s[3] = rng.randint(3, 5);
			for (int d = 0; d < 3; d++)
				s[d] = rng.randint((int) s[3], (int) (SIZE[d] - 1 - s[3]));
		}
		final Cursor<FloatType> ci = image.localizingCursor();
		final Cursor<UnsignedByteType> cl = labels.cursor();
		while (ci.hasNext()) {
			ci.fwd();
			cl.fwd();
			boolean in = false;
			for (final double[] s : c) {
				double r2 = 0;
				for (int d = 0; d < 3; d++)
					r2 += Math.pow(ci.getDoublePosition(d) - s[d], 2);
				in |= r2 <= s[3] * s[3];
			}
			cl.get().set(in ? 1 : 0);
			ci.get().set((float) ((in ? 0.6 : 0.3) + 0.08 * rng.nextGaussian()));
		}
		return new LabelledCase(name, image, labels);
	}

	private static SegmentationFineTuneConfig.Builder tiny() {
		return SegmentationFineTuneConfig.builder(new int[] { 16, 16, 16 }).baseWidth(8)
			.samplesPerEpoch(32).validationSamples(8).crossEntropyWeight(1).foregroundFraction(0.5)
			.training(SegmentationFineTuneConfig.defaultTraining().withBatch(8).withMaxEpochs(10)
				.withPatience(10).withLearningRate(3e-3).withSchedule(new LrSchedule.Plateau(4, 0.5,
					1e-4, 1e-6)).withSeed(SEED));
	}

	@Test
	public void denseLabelsReachTheDiceGoal() throws Exception {
		final Path out = tmp.getRoot().toPath().resolve("lesions");
		final FineTuneResult r = new SegmentationFineTuner(tiny().build(), Progress.NONE,
			Cancellation.NEVER).fit(train, validation, null, IntensityRecipe.ctDefault(), Device.cpu(),
				out);
		final double dice = r.validation().pooled().dice();
		assertTrue("validation Dice " + dice, dice > DICE_GOAL);
		try (ModelBundle b = ModelBundle.load(out, Device.cpu())) {
			assertEquals("segmentation", b.description().pretext());
			assertEquals(IntensityRecipe.ctDefault(), b.description().normalization());
			assertEquals(1, b.block().config().outChannels());
		}
	}

	@Test
	public void sparseLabelsStillLearn() throws Exception {
		final List<LabelledCase> sparse = new ArrayList<>();
		for (final LabelledCase c : train)
			sparse.add(new LabelledCase(c.name(), c.image(), everyFourthSlice(c)));
		final FineTuneResult r = new SegmentationFineTuner(tiny().build(), Progress.NONE,
			Cancellation.NEVER).fit(sparse, validation, null, IntensityRecipe.ctDefault(), Device.cpu(),
				null);
		final double dice = r.validation().pooled().dice();
		assertTrue("validation Dice with sparse labels " + dice, dice > 0.5);
	}

	/** Only slices z = 0, 4, 8, ... annotated; every other voxel 255 (unlabelled). */
	@SuppressWarnings("unchecked")
	static Img<UnsignedByteType> everyFourthSlice(final LabelledCase c) {
		final Img<UnsignedByteType> s = ArrayImgs.unsignedBytes(c.labels().dimensionsAsLongArray());
		LoopBuilder.setImages((net.imglib2.RandomAccessibleInterval<UnsignedByteType>) c.labels(), s)
			.forEachPixel((a, b) -> b.set(a.get()));
		for (long z = 0; z < s.dimension(2); z++)
			if (z % 4 != 0) LoopBuilder.setImages(Views.hyperSlice(s, 2, z)).forEachPixel(v -> v.set(
				SparseLabels.UNLABELLED));
		return s;
	}
}
