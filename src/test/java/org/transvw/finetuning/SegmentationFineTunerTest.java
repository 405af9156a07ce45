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
import org.transvw.data.normalize.Normalization;
import org.transvw.data.phantom.ChestPhantom;
import org.transvw.data.phantom.PhantomCase;
import org.transvw.data.phantom.PhantomConfig;
import org.transvw.engine.EngineSession;
import org.transvw.network.ModelBundle;
import org.transvw.training.LrSchedule;

import ai.djl.Device;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * The key check: a tiny network fine-tuned on CPU segments the lung nodules of the
 * generated chest phantom (validation Dice on whole volumes > 0.7), and still learns when only
 * every fourth slice of the training labels is annotated.
 */
@Category(EngineTests.class)
public class SegmentationFineTunerTest {

	/** The acceptance threshold for the pooled validation Dice. */
	private static final double DICE_GOAL = 0.7;

	private static final PhantomConfig PHANTOM = new PhantomConfig(64, 64, 32, 2.7, 5.0, 2, true,
		3, 20, 0.03);
	private static final long SEED = 7;

	private static List<LabelledCase> train, validation;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@BeforeClass
	public static void phantoms() {
		EngineSession.threads(2);
		EngineSession.engine();
		train = new ArrayList<>();
		validation = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			final PhantomCase c = ChestPhantom.generate(PHANTOM, SEED, i);
			final LabelledCase lc = new LabelledCase("case_" + i, Normalization.ctDefault().apply(c.ct()
				.pixels()), c.lesions());
			(i < 6 ? train : validation).add(lc);
		}
	}

	private static SegmentationFineTuneConfig.Builder tiny() {
		return SegmentationFineTuneConfig.builder(new int[] { 32, 32, 16 }).baseWidth(4).batchSize(4)
			.samplesPerEpoch(32).validationSamples(8).epochs(12).patience(12).learningRate(1e-2)
			.schedule(new LrSchedule.Plateau(3, 0.5, 1e-4, 1e-6)).foregroundFraction(0.5).seed(SEED);
	}

	@Test
	public void denseLabelsReachTheDiceGoal() throws Exception {
		final Path out = tmp.getRoot().toPath().resolve("lesions");
		final FineTuneResult r = new SegmentationFineTuner(tiny().build(), Progress.NONE,
			Cancellation.NEVER).fit(train, validation, null, Normalization.ctDefault(), Device.cpu(),
				out);
		final double dice = r.validation().pooled().dice();
		Files.log("dense", r);
		assertTrue("validation Dice " + dice, dice > DICE_GOAL);
		try (ModelBundle b = ModelBundle.load(out, Device.cpu())) {
			assertEquals("segmentation", b.description().pretext());
			assertEquals(Normalization.ctDefault(), b.description().normalization());
			assertEquals(1, b.block().config().outChannels());
		}
	}

	@Test
	public void sparseLabelsStillLearn() throws Exception {
		final List<LabelledCase> sparse = new ArrayList<>();
		for (final LabelledCase c : train)
			sparse.add(new LabelledCase(c.name(), c.image(), everyFourthSlice(c)));
		final FineTuneResult r = new SegmentationFineTuner(tiny().build(), Progress.NONE,
			Cancellation.NEVER).fit(sparse, validation, null, Normalization.ctDefault(), Device.cpu(),
				null);
		final double dice = r.validation().pooled().dice();
		Files.log("sparse", r);
		assertTrue("validation Dice with sparse labels " + dice, dice > 0.5);
	}

	/** Only slices z = 0, 4, 8, ... annotated; every other voxel 255 (unlabelled). */
	@SuppressWarnings("unchecked")
	private static Img<UnsignedByteType> everyFourthSlice(final LabelledCase c) {
		final Img<UnsignedByteType> s = ArrayImgs.unsignedBytes(c.labels().dimensionsAsLongArray());
		LoopBuilder.setImages((net.imglib2.RandomAccessibleInterval<UnsignedByteType>) c.labels(), s)
			.forEachPixel((a, b) -> b.set(a.get()));
		for (long z = 0; z < s.dimension(2); z++)
			if (z % 4 != 0) LoopBuilder.setImages(Views.hyperSlice(s, 2, z)).forEachPixel(v -> v.set(
				SparseLabels.UNLABELLED));
		return s;
	}

	static final class Files {
		static void log(String what, FineTuneResult r) throws Exception {
			StringBuilder b = new StringBuilder(what + " dice " + r.validation().pooled().dice() + " epochs " + r.training().lastEpoch() + " best " + r.training().bestEpoch() + "\n");
			r.training().history().forEach(m -> b.append(m.epoch() + " " + m.train() + " | " + m.validation() + " " + m.seconds() + "\n"));
			java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/scratch/ft.txt"), b.toString(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
		}
	}
}
