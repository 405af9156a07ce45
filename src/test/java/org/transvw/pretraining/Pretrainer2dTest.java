package org.transvw.pretraining;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityRecipe;
import org.transvw.discovery.dataset.Split;
import org.transvw.engine.EngineSession;
import org.transvw.network.ModelBundle;
import org.transvw.network.NetworkChoice;
import org.transvw.network.UNet2dConfig;
import org.transvw.training.TrainingSettings;

import ai.djl.Device;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * TransVW pre-training of a 2D network through the same {@link Pretrainer} and training loop:
 * self-classification of 2D visual words (stripes of 4 orientations) and self-restoration of
 * their perturbed patches, written as a 2D bundle; a 3D-only network choice is refused.
 */
@Category(EngineTests.class)
public class Pretrainer2dTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/** Stripes of class c (0..3: 0, 45, 90, 135 degrees), period 8, with noise. */
	static Img<FloatType> stripes(final int c, final int size, final RandomStreams rng) {
		final Img<FloatType> img = ArrayImgs.floats(size, size);
		final double a = Math.PI / 4 * c;
		final Cursor<FloatType> k = img.localizingCursor();
		while (k.hasNext()) {
			k.fwd();
			final double u = Math.cos(a) * k.getDoublePosition(0) + Math.sin(a) * k
				.getDoublePosition(1);
			k.get().set((float) (0.5 + 0.3 * Math.sin(2 * Math.PI * u / 8) + 0.05 * rng
				.nextGaussian()));
		}
		return img;
	}

	/** An in-memory 2D source: {@code n} patches per class and split. */
	static CubeSource source(final int size, final int n) {
		final List<Img<FloatType>> train = new ArrayList<>(), val = new ArrayList<>();
		final RandomStreams rng = RandomStreams.seeded(3);
		for (int i = 0; i < 4 * n; i++) {
			train.add(stripes(i % 4, size, rng.fork(i)));
			val.add(stripes(i % 4, size, rng.fork(1000 + i)));
		}
		return new CubeSource() {

			@Override
			public int size(final Split split) {
				return split == Split.TRAIN ? train.size() : val.size();
			}

			@Override
			public RandomAccessibleInterval<FloatType> cube(final Split split, final int index) {
				return (split == Split.TRAIN ? train : val).get(index);
			}

			@Override
			public int label(final Split split, final int index) {
				return index % 4;
			}

			@Override
			public int[] cubeSize() {
				return new int[] { size, size };
			}

			@Override
			public int numClasses() {
				return 4;
			}

			@Override
			public IntensityRecipe normalization() {
				return IntensityRecipe.none();
			}

			@Override
			public String fingerprint() {
				return "stripes-" + size + "-" + n;
			}

			@Override
			public void close() {}
		};
	}

	@Test
	public void unet2dPretrainsOnVisualWordPatchesAndWritesA2dBundle() throws Exception {
		EngineSession.engine();
		final PretrainingConfig cfg = PretrainingConfig.defaults().withNetwork(PretrainingConfig
			.defaults().flavour(), 4).withTraining(TrainingSettings.defaults().withBatch(4)
				.withLearningRate(3e-3).withMaxEpochs(12).withPatience(12).withSeed(5)).withWorkers(1);
		final Path bundle = tmp.getRoot().toPath().resolve("vw2d");
		final PretrainingResult r;
		try (CubeSource data = source(32, 4)) {
			r = new Pretrainer(cfg, Device.cpu(), null, null).optNetwork(NetworkChoice.UNET2D).run(data,
				bundle);
		}
		final var h = r.training().history();
		assertEquals(12, h.size());
		try (ModelBundle b = ModelBundle.load(bundle, Device.cpu())) {
			assertEquals(new UNet2dConfig(4, 1, 1, 4, org.transvw.network.OutputActivation.SIGMOID), b
				.description().network());
			assertEquals("transvw", b.description().pretext());
			assertEquals(2, b.description().patch().length);
		}
		// it learns: the validation loss of the best epoch is below the first epoch's
		assertTrue(h.toString(), r.training().bestLoss() < h.get(0).validation().get("total"));
	}

	@Test
	public void aVolumeNetworkIsRefusedFor2dPatches() throws Exception {
		try (CubeSource data = source(32, 1)) {
			new Pretrainer(PretrainingConfig.defaults().withNetwork(PretrainingConfig.defaults()
				.flavour(), 4), Device.cpu(), null, null).optNetwork(NetworkChoice.UNET3D).run(data, tmp
					.getRoot().toPath().resolve("x"));
			throw new AssertionError("unet3d accepted 2D patches");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("network: expected a 3D volume") && e
				.getMessage().contains("found a 2D image"));
		}
	}
}
