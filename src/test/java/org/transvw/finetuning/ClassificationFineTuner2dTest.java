package org.transvw.finetuning;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.prepare.InputOptions;
import org.transvw.engine.EngineSession;
import org.transvw.network.ModelBundle;
import org.transvw.network.NetworkChoice;
import org.transvw.network.UNet2dConfig;
import org.transvw.training.LrSchedule;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Classification in 2D through the same fine-tuner, sources and bundle as 3D, from a per-image
 * table ({@code file,label,patient}) of generated 32 x 32 TIFF images read by the project's
 * readers: class 1 holds a bright blob, class 0 a dark one (a hole), each of random radius and
 * place on a noisy background. Each image is its own whole cube (patch 32,32), normalised by the
 * X-ray default (percentiles 0.5 / 99.5 per image).
 * <p>
 * Why the test AUC bound {@value #AUC_GOAL}: the held-out test set has 16 images of about 8 per
 * class; a classifier that has learnt nothing scores 0.5 with a standard deviation of about
 * 0.15 (sqrt((n1 + n2 + 1) / (12 n1 n2)) for 8 + 8), so 0.9 lies more than 2.5 sd above chance
 * (and the seeded run is deterministic). The two classes differ in the sign of the blob after
 * normalisation (the blob is the brightest or the darkest part of the image), which a learnt
 * encoder separates almost perfectly: the measured AUC is in the log of the failing assertion
 * and in the test report. The per-image percentile normalisation removes any brightness offset
 * of the whole image, so the mean intensity alone is not the answer.
 */
@Category(EngineTests.class)
public class ClassificationFineTuner2dTest {

	private static final double AUC_GOAL = 0.9;
	private static final long SEED = 5;
	private static final int N = 64;
	private static final int[] PATCH = { 32, 32 };

	@ClassRule
	public static final TemporaryFolder TMP = new TemporaryFolder();

	private static Path root, table;

	@BeforeClass
	public static void blobs() throws IOException {
		EngineSession.engine();
		root = TMP.getRoot().toPath().resolve("blobs");
		Files.createDirectories(root.resolve("images"));
		final List<String> rows = new ArrayList<>(List.of("file,label,patient"));
		final RandomStreams rng = RandomStreams.seeded(SEED);
		for (int i = 0; i < N; i++) {
			final int label = i % 2;
			final String name = String.format("images/img_%03d.tif", i);
			VolumeIO.write(Volume.of(blob(label == 1, rng.fork(i)), new double[] { 0.5, 0.5 },
				Modality.XRAY), root.resolve(name));
			// two images per patient, of either class
			rows.add(name + "," + label + ",p" + (i / 2 + (i % 4 == 3 ? 1 : 0)) % (N / 2));
		}
		table = root.resolve("labels.csv");
		Files.write(table, rows);
	}

	/** A 32 x 32 image: background 1 + noise 0.05, a disc of radius 4-8 at +/- 0.5. */
	public static Img<FloatType> blob(final boolean bright, final RandomStreams rng) {
		final Img<FloatType> img = ArrayImgs.floats(PATCH[0], PATCH[1]);
		final int r = rng.randint(4, 8);
		final int cx = rng.randint(r, PATCH[0] - 1 - r), cy = rng.randint(r, PATCH[1] - 1 - r);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			final double dx = c.getDoublePosition(0) - cx, dy = c.getDoublePosition(1) - cy;
			final boolean in = dx * dx + dy * dy <= r * r;
			c.get().set((float) (1 + (in ? (bright ? 0.5 : -0.5) : 0) + 0.05 * rng.nextGaussian()));
		}
		return img;
	}

	private static ClassificationFineTuneConfig tiny(final NetworkChoice network,
		final int epochs, final boolean linear)
	{
		return new ClassificationFineTuneConfig(PATCH, 2, linear, true, 4, null,
			ClassificationFineTuneConfig.defaultTraining().withBatch(8).withMaxEpochs(epochs)
				.withPatience(epochs).withLearningRate(3e-3).withSchedule(new LrSchedule.Plateau(4, 0.5,
					1e-4, 1e-6)).withSeed(SEED), network);
	}

	private static ClassificationData data() throws IOException {
		final CubeSources.Prepared p = CubeSources.fromTable(table, PATCH, InputOptions.defaults(),
			null, Cancellation.NEVER);
		assertEquals(N, p.cubes().size());
		// the X-ray default: percentiles per image, never a silent rescale
		assertEquals(Modality.XRAY, p.input().convention().modality());
		assertEquals(IntensityRecipe.percentileDefault(), p.input().recipe());
		assertEquals(List.of("patch: every image fills the patch 32,32 exactly"), p.notes());
		return ClassificationData.split(p.cubes(), 0.25, 0.25, SEED, p.input());
	}

	@Test
	public void tinyUNet2dLearnsBlobsFromAPerImageTable() throws Exception {
		final ClassificationData d = data();
		// patients are the split unit: none in two sets
		final Set<String> train = sources(d.train()), val = sources(d.validation()), test = sources(d
			.test());
		assertTrue(disjoint(train, val) && disjoint(train, test) && disjoint(val, test));
		assertEquals(2, d.train().get(0).cube().numDimensions());
		final Path out = TMP.getRoot().toPath().resolve("cls2d");
		final ClassificationFineTuner.Result r = new ClassificationFineTuner(tiny(
			NetworkChoice.UNET2D, 15, false), Progress.NONE, Cancellation.NEVER).fit(d, null, Device
				.cpu(), out);
		final String measured = "2D test AUC " + r.testAuc() + " on " + r.testCubes() + " images " +
			"(validation " + r.auc() + " on " + r.validationCubes() + ")";
		System.out.println(measured);
		assertTrue(measured, r.testAuc() > AUC_GOAL);
		assertTrue(r.testCubes() >= 12);
		// the bundle: a 2D network, a 2-size patch, the same probabilities when reloaded
		try (ClassifierBundle b = ClassifierBundle.load(out, Device.cpu())) {
			assertEquals(new UNet2dConfig(4, 1, 1, 0, org.transvw.network.OutputActivation.SIGMOID), b
				.description().network());
			assertArrayEquals(PATCH, b.description().patch());
			final List<Img<FloatType>> cubes = new ArrayList<>();
			d.test().forEach(c -> cubes.add(c.cube()));
			final float[][] p = b.predict(cubes, 4);
			for (int i = 0; i < p.length; i++)
				assertArrayEquals(r.testProbabilities()[i], p[i], 1e-5f);
		}
		// the bundle initialises a second run; its network wins over network=auto, and a frozen
		// encoder (linear evaluation) keeps every weight and BN statistic
		try (ModelBundle pre = ModelBundle.load(out, Device.cpu())) {
			final Path again = TMP.getRoot().toPath().resolve("linear");
			final ClassificationFineTuner.Result l = new ClassificationFineTuner(tiny(
				NetworkChoice.AUTO, 2, true), Progress.NONE, Cancellation.NEVER).fit(d, pre, Device.cpu(),
					again);
			assertTrue(l.transfer().mapped().size() > 0);
			assertTrue(Double.isFinite(l.auc()));
			try (ModelBundle after = ModelBundle.load(again, Device.cpu())) {
				assertEquals(pre.description().network(), after.description().network());
				pre.network().namedParameters().forEach((k, v) -> {
					if (!pre.network().inEncoder(k)) return;
					final NDArray a = v.getArray(), b = after.network().namedParameters().get(k).getArray();
					assertArrayEquals(k, a.toFloatArray(), b.toFloatArray(), 0f);
				});
			}
		}
	}

	@Test
	public void resNet18UNetEncoderClassifiesThroughTheSamePath() throws Exception {
		final ClassificationFineTuner.Result r = new ClassificationFineTuner(tiny(NetworkChoice.AUTO,
			1, false), Progress.NONE, Cancellation.NEVER).fit(data(), null, Device.cpu(), null);
		assertTrue(Double.isFinite(r.training().bestLoss()));
		assertEquals(r.testCubes(), r.testProbabilities().length);
		for (final float[] p : r.testProbabilities())
			assertTrue(p.length == 1 && p[0] >= 0 && p[0] <= 1);
	}

	@Test
	public void badTablesAreRefusedNamingTheKey() throws IOException {
		final Path dir = TMP.getRoot().toPath().resolve("bad");
		Files.createDirectories(dir);
		final String img = root.resolve("images/img_000.tif").toString();
		VolumeIO.write(Volume.of(ArrayImgs.floats(16, 16, 8), new double[] { 1, 1, 1 },
			Modality.CT), dir.resolve("vol.nii.gz"));
		// a 3D volume in a 2D table
		refused(dir, "mixed.csv", List.of("file,label", img + ",0", img.replace("000", "001") + ",1",
			"vol.nii.gz,1"), PATCH, "table: expected a 2D image, found a 3D volume [16, 16, 8] in " +
				"vol.nii.gz (row 3;");
		// a 2D image in a candidates table, and a candidates table for a 2D patch
		refused(dir, "cand.csv", List.of("image,x,y,z,label", img + ",1,1,0,1"), new int[] { 16, 16,
			16 }, "table: expected a 3D volume, found a 2D image [32, 32] in img_000.tif (a " +
				"candidates table image,x,y,z[,label] holds volumes");
		refused(dir, "cand.csv", List.of("image,x,y,z,label", "vol.nii.gz,1,1,1,1"), PATCH,
			"table: expected 2D images in a table file,label[,patient] for the 2D patch 32,32");
		// a missing file, a negative label, an unknown header
		refused(dir, "missing.csv", List.of("file,label", "nope.png,1"), PATCH, "missing.csv line 2 " +
			"(row 1): no such image file nope.png");
		refused(dir, "negative.csv", List.of("file,label", img + ",-1"), PATCH,
			"expected a class label >= 0, got -1");
		refused(dir, "header.csv", List.of("path,class", img + ",1"), PATCH, "expected the header " +
			"image,x,y,z[,label] (candidates in volumes) or file,label[,patient] (one label per " +
			"image)");
		// an RGB image is not converted silently
		final Path rgb = dir.resolve("rgb.tif");
		IJ.saveAsTiff(new ImagePlus("rgb", new ColorProcessor(32, 32)), rgb.toString());
		refused(dir, "rgb.csv", List.of("file,label", "rgb.tif,1"), PATCH, "table: expected " +
			"grey-level images, got the RGB image rgb.tif (its three channels are equal");
		// labels out of range for classes=2
		final CubeSources.Prepared p = CubeSources.fromTable(write(dir, "three.csv", List.of(
			"file,label", img + ",2")), PATCH, InputOptions.defaults(), null, Cancellation.NEVER);
		try {
			CubeSources.requireLabels(p.cubes(), 2, "table");
			fail("label 2 accepted for classes=2");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("table: expected labels 0..1 for " +
				"classes=2, got 2 for "));
		}
		// a 2D bundle's network refuses 3D cubes, and unet3d a 2D patch
		try {
			tiny(NetworkChoice.UNET3D, 1, false);
			fail("unet3d with a 2D patch accepted");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("network: expected a 3D volume for " +
				"the 3D network unet3d, found a 2D image"));
		}
		try {
			new ClassificationFineTuneConfig(new int[] { 48, 48 }, 2, false, true, 4, null,
				ClassificationFineTuneConfig.defaultTraining(), NetworkChoice.RESNET18_UNET);
			fail("48,48 accepted for resnet18-unet");
		}
		catch (final IllegalArgumentException e) {
			assertEquals("cube: expected positive multiples of 32 for resnet18-unet, got [48, 48]", e
				.getMessage());
		}
	}

	private static Path write(final Path dir, final String name, final List<String> rows)
		throws IOException
	{
		final Path csv = dir.resolve(name);
		Files.write(csv, rows);
		return csv;
	}

	private static void refused(final Path dir, final String name, final List<String> rows,
		final int[] patch, final String expected) throws IOException
	{
		try {
			CubeSources.fromTable(write(dir, name, rows), patch, InputOptions.defaults(), null,
				Cancellation.NEVER);
			fail(name + " accepted");
		}
		catch (final IOException | IllegalArgumentException e) {
			assertTrue(name + ": '" + e.getMessage() + "' lacks '" + expected + "'", e.getMessage()
				.contains(expected));
		}
	}

	private static Set<String> sources(final List<LabelledCube> cubes) {
		final Set<String> s = new HashSet<>();
		cubes.forEach(c -> s.add(c.source()));
		return s;
	}

	private static boolean disjoint(final Set<String> a, final Set<String> b) {
		final Set<String> c = new HashSet<>(a);
		c.retainAll(b);
		return c.isEmpty();
	}
}
