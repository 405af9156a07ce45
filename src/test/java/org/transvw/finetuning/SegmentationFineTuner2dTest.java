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
import org.transvw.network.NetworkChoice;
import org.transvw.network.ResNet18UNet2dConfig;
import org.transvw.network.UNet2dConfig;
import org.transvw.training.LrSchedule;

import ai.djl.Device;
import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Fine-tuning in 2D through the same fine-tuner as 3D: a tiny {@code UNet2d} (base width 8)
 * learns bright noisy discs (radius 4-7, 3 per 64 x 64 image) to a pooled whole-image validation
 * Dice above {@value #DICE_GOAL}, the bundle round-trips as a 2D network and initialises a second
 * fine-tuning (every tensor matched by name and shape), and the ResNet-18 U-Net trains through the same path.
 * <p>
 * Why {@value #DICE_GOAL}: about 8 % of the pixels are foreground; predicting everything as
 * foreground (what an untrained sigmoid output near 0.5 does) scores 2f / (1 + f) ~ 0.15, and
 * predicting nothing 0; the 3D check of {@link SegmentationFineTunerTest} uses the same goal.
 * With an intensity gap of 0.3 at noise 0.08 (3.75 sigma) a thresholded image alone would reach
 * ~0.95, so the bound leaves room for border pixels and a short budget, yet cannot be met
 * without learning.
 */
@Category(EngineTests.class)
public class SegmentationFineTuner2dTest {

	private static final double DICE_GOAL = 0.7;
	private static final long SEED = 11;
	private static final long[] SIZE = { 64, 64 };

	private static List<LabelledCase> train, validation;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@BeforeClass
	public static void discs() {
		EngineSession.engine();
		train = new ArrayList<>();
		validation = new ArrayList<>();
		final RandomStreams rng = RandomStreams.seeded(SEED);
		for (int i = 0; i < 8; i++)
			(i < 6 ? train : validation).add(discs("disc_" + i, rng.fork(i)));
	}

	static LabelledCase discs(final String name, final RandomStreams rng) {
		final Img<FloatType> image = ArrayImgs.floats(SIZE);
		final Img<UnsignedByteType> labels = ArrayImgs.unsignedBytes(SIZE);
		final double[][] c = new double[3][3];
		for (final double[] s : c) {
			s[2] = rng.randint(4, 7);
			for (int d = 0; d < 2; d++)
				s[d] = rng.randint((int) s[2], (int) (SIZE[d] - 1 - s[2]));
		}
		final Cursor<FloatType> ci = image.localizingCursor();
		final Cursor<UnsignedByteType> cl = labels.cursor();
		while (ci.hasNext()) {
			ci.fwd();
			cl.fwd();
			boolean in = false;
			for (final double[] s : c)
				in |= Math.pow(ci.getDoublePosition(0) - s[0], 2) + Math.pow(ci.getDoublePosition(1) -
					s[1], 2) <= s[2] * s[2];
			cl.get().set(in ? 1 : 0);
			ci.get().set((float) ((in ? 0.6 : 0.3) + 0.08 * rng.nextGaussian()));
		}
		return new LabelledCase(name, image, labels);
	}

	private static SegmentationFineTuneConfig.Builder tiny(final NetworkChoice network,
		final int epochs)
	{
		return SegmentationFineTuneConfig.builder(new int[] { 32, 32 }).network(network).baseWidth(8)
			.samplesPerEpoch(32).validationSamples(8).crossEntropyWeight(1).foregroundFraction(0.5)
			.training(SegmentationFineTuneConfig.defaultTraining().withBatch(8).withMaxEpochs(epochs)
				.withPatience(epochs).withLearningRate(3e-3).withSchedule(new LrSchedule.Plateau(4, 0.5,
					1e-4, 1e-6)).withSeed(SEED));
	}

	@Test
	public void tinyUNet2dLearnsDiscsAndItsBundleInitialisesAnother() throws Exception {
		final Path out = tmp.getRoot().toPath().resolve("discs");
		final FineTuneResult r = new SegmentationFineTuner(tiny(NetworkChoice.UNET2D, 12).build(),
			Progress.NONE, Cancellation.NEVER).fit(train, validation, null, IntensityRecipe.none(),
				Device.cpu(), out);
		final double dice = r.validation().pooled().dice();
		assertTrue("2D validation Dice " + dice, dice > DICE_GOAL);
		try (ModelBundle b = ModelBundle.load(out, Device.cpu())) {
			assertEquals("segmentation", b.description().pretext());
			assertEquals(new UNet2dConfig(8, 1, 1, 0, org.transvw.network.OutputActivation.SIGMOID), b
				.description().network());
			assertEquals(2, b.description().patch().length);
			assertEquals(2, b.network().spatialDimensions());
			// the bundle initialises a second fine-tuning (one epoch)
			final FineTuneResult again = new SegmentationFineTuner(tiny(NetworkChoice.AUTO, 1)
				.build(), Progress.NONE, Cancellation.NEVER).fit(train, validation, b, IntensityRecipe
					.none(), Device.cpu(), null);
			// every tensor is matched by name and shape (the output convolution is then
			// re-initialised by Initialisation, as in 3D)
			assertEquals(b.network().namedParameters().size(), again.transfer().mapped().size());
			assertTrue(Double.isFinite(again.validation().pooled().dice()));
		}
	}

	@Test
	public void resNet18UNetTrainsThroughTheSamePath() throws Exception {
		final Path out = tmp.getRoot().toPath().resolve("resnet");
		final FineTuneResult r = new SegmentationFineTuner(tiny(NetworkChoice.AUTO, 1).build(),
			Progress.NONE, Cancellation.NEVER).fit(train, validation, null, IntensityRecipe.none(),
				Device.cpu(), out);
		assertTrue(Double.isFinite(r.training().bestLoss()));
		try (ModelBundle b = ModelBundle.load(out, Device.cpu())) {
			assertTrue(b.description().network() instanceof ResNet18UNet2dConfig);
		}
	}

	@Test
	public void volumesAreRefusedByA2dPatch() {
		try {
			new SegmentationFineTuner(tiny(NetworkChoice.UNET2D, 1).build(), Progress.NONE,
				Cancellation.NEVER).fit(List.of(SegmentationFineTunerTest.spheres(
					"volume", RandomStreams.seeded(1))), validation, null,
					IntensityRecipe.none(), Device.cpu(), null);
			throw new AssertionError("a volume was accepted");
		}
		catch (final Exception e) {
			assertTrue(e.getMessage(), e.getMessage().contains("a 2D image for the 2D patch, found a " +
				"3D volume"));
		}
		try {
			SegmentationFineTuneConfig.builder(new int[] { 32, 32 }).network(NetworkChoice.UNET3D)
				.build();
			throw new AssertionError("unet3d with a 2D patch was accepted");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("network: expected a 3D volume") && e
				.getMessage().contains("found a 2D image"));
		}
	}
}
