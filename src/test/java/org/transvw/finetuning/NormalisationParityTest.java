package org.transvw.finetuning;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.prepare.InputOptions;
import org.transvw.engine.EngineSession;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;
import org.transvw.training.TrainingBatch;
import org.transvw.training.TrainingObserver;

import ai.djl.Device;
import ai.djl.Model;

/**
 * Round 1's defect, checked on the tensors: on MR volumes without a modality tag, the arm from
 * scratch got no normalisation while the arm from a CT-pre-trained bundle got the CT window.
 * Now both arms of a comparison (scratch, and a bundle pre-trained on MR) feed their networks
 * bit-identical batches for the same seed; a CT bundle is refused under normalization=auto, and
 * forcing it (normalization=bundle) is what makes the inputs differ.
 */
@Category(EngineTests.class)
public class NormalisationParityTest {

	private static final long SEED = 3;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@BeforeClass
	public static void engine() {
		EngineSession.threads(1);
		EngineSession.engine();
	}

	private ModelBundle bundle(final String name, final InputConvention input) throws Exception {
		final UNet3dConfig c = UNet3d.builder().optBaseWidth(8).optOutput(OutputActivation.SIGMOID)
			.build().config();
		final Path dir = tmp.getRoot().toPath().resolve(name);
		try (Model m = ModelBundle.newModel(c, Device.cpu())) {
			ModelBundle.save(dir, m, new BundleDescription(c, new int[] { 16, 16, 16 }, input,
				"transvw", 0, Map.of()));
		}
		return ModelBundle.load(dir, Device.cpu());
	}

	private Path collection() throws Exception {
		final Path root = tmp.newFolder("mr").toPath();
		for (int i = 0; i < 4; i++)
			SegmentationDataTest.writeCase(root, "case_" + i, i % 2 == 0 ? new long[] { 24, 24, 16 }
				: new long[] { 20, 20, 12 }, i % 2 == 0 ? new double[] { 1, 1, 1.5 } : new double[] { 1.2,
					1.2, 2 }, org.transvw.data.Volume.identity(3));
		return root;
	}

	/** The training batches' inputs of one epoch-1 run, flattened. */
	private static List<float[]> batches(final Path root, final ModelBundle bundle,
		final InputOptions options) throws Exception
	{
		final FineTuneData data = SegmentationData.read(new SegmentationData.Sources(root.resolve(
			"images"), root.resolve("labels"), null, null), options, bundle == null ? null : bundle
				.description().input(), new SegmentationData.Split(0.25, 0, SEED), Progress.NONE,
			Cancellation.NEVER);
		final List<float[]> seen = new ArrayList<>();
		final SegmentationFineTuneConfig config = SegmentationFineTuneConfig.builder(new int[] { 16,
			16, 16 }).baseWidth(8).samplesPerEpoch(2).validationSamples(1).training(
				SegmentationFineTuneConfig.defaultTraining().withBatch(1).withMaxEpochs(1).withSeed(SEED))
			.build();
		new SegmentationFineTuner(config, Progress.NONE, Cancellation.NEVER).observe(
			new TrainingObserver() {

				@Override
				public void onBatch(final int epoch, final boolean training, final TrainingBatch b) {
					if (training) seen.add(b.inputs().head().toFloatArray());
				}
			}).fit(data, bundle, Device.cpu(), null);
		return seen;
	}

	@Test
	public void bothArmsSeeIdenticalInputs() throws Exception {
		// setup
		final Path root = collection();
		final InputConvention mr = new InputConvention(Modality.MR, IntensityRecipe
			.percentileDefault(), null, InputConvention.RAS);
		final InputConvention ct = new InputConvention(Modality.CT, IntensityRecipe.ctDefault(), null,
			InputConvention.RAS);
		try (ModelBundle mrBundle = bundle("mr-bundle", mr); ModelBundle ctBundle = bundle(
			"ct-bundle", ct))
		{
			// process
			final List<float[]> scratch = batches(root, null, InputOptions.defaults());
			final List<float[]> fromMr = batches(root, mrBundle, InputOptions.defaults());
			// test: the same tensors, step for step, normalised (percentiles of each MR volume to
			// [0, 1], plus the augmentation's noise), not the raw 100..800 round 1's scratch arm saw
			assertEquals(2, scratch.size());
			for (int i = 0; i < scratch.size(); i++)
				assertArrayEquals("batch " + i, scratch.get(i), fromMr.get(i), 0);
			float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
			for (final float v : scratch.get(0)) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
			assertTrue("min " + min, min > -2);
			assertTrue("max " + max, max > 0.5 && max < 3);
			// a CT bundle on MR volumes is refused under normalization=auto, naming both
			try {
				batches(root, ctBundle, InputOptions.defaults());
				fail("a CT bundle's window must not be forced onto MR silently");
			}
			catch (final IllegalArgumentException e) {
				assertTrue(e.getMessage(), e.getMessage().contains("the bundle was pre-trained on CT " +
					"(normalization ct-window [-1000.00, 1000.00] HU); these images are MR"));
			}
			// forcing it reproduces round 1's bundle arm: every MR voxel (>= 0) lands in [0.5, 1]
			final List<float[]> forced = batches(root, ctBundle, InputOptions.defaults()
				.withNormalization(org.transvw.data.normalize.NormalizationChoice.parse("bundle",
					null)));
			assertFalse(java.util.Arrays.equals(scratch.get(0), forced.get(0)));
			for (final float v : forced.get(0))
				assertTrue("CT window on MR gives " + v, v >= 0.5f);
		}
	}
}
