package org.transvw.command;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.cli.InProcessMacro;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.prepare.InputOptions;
import org.transvw.engine.EngineSession;
import org.transvw.finetuning.ClassificationData;
import org.transvw.finetuning.ClassificationFineTuneConfig;
import org.transvw.finetuning.ClassificationFineTuner;
import org.transvw.finetuning.ClassificationFineTuner2dTest;
import org.transvw.finetuning.ClassifierBundle;
import org.transvw.finetuning.CubeSources;
import org.transvw.finetuning.LabelledCube;
import org.transvw.network.NetworkChoice;
import org.transvw.training.LrSchedule;

import ai.djl.Device;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Classify candidates with a 2D classifier bundle and a per-image table, through the macro path:
 * a tiny unet2d classifier is fine-tuned as {@link ClassificationFineTuner2dTest} does (64 images
 * of 32 x 32, a bright or a dark blob, 15 epochs, seeded), then 16 fresh images (8 per class,
 * another seed, never seen in training) are classified from a table {@code file} (no label) and
 * a table {@code file,label} (the label ignored).
 * <p>
 * The bounds: each row's probability equals, to the CSV's 6 decimals (1e-5), the bundle's
 * probability of the cube that {@link CubeSources#fromImageTable} (the fine-tuning path, with the
 * bundle's inputs) prepares from the same image, so the command prepares images exactly as
 * fine-tuning did; and the AUC of the probabilities over the two classes is above
 * {@value #AUC_GOAL}: a classifier that learnt nothing scores 0.5 with a standard deviation of
 * about 0.15 on 8 + 8 images, so 0.9 is more than 2.5 sd above chance (the fine-tuner's own test
 * on held-out images of this generator reaches its bound 0.9 too; the run is deterministic).
 * The refusals name {@code table} (a volume in a 2D table, a 2D image for a 3D classifier) or
 * {@code bundle} (a candidates table for the 2D classifier).
 */
@Category(EngineTests.class)
public class ClassifyImages2dCommandTest {

	private static final double AUC_GOAL = 0.9;
	private static final int[] PATCH = { 32, 32 };

	@ClassRule
	public static final TemporaryFolder TMP = new TemporaryFolder();

	private static Path root, bundle;

	@BeforeClass
	public static void trainTiny2dClassifier() throws Exception {
		EngineSession.engine();
		root = TMP.getRoot().toPath();
		final Path train = root.resolve("train");
		final List<String> rows = blobs(train, 64, 5, true);
		Files.write(train.resolve("labels.csv"), rows);
		final CubeSources.Prepared p = CubeSources.fromTable(train.resolve("labels.csv"), PATCH,
			InputOptions.defaults(), null, Cancellation.NEVER);
		final ClassificationData d = ClassificationData.split(p.cubes(), 0.25, 0.25, 5, p.input());
		bundle = root.resolve("cls2d");
		final ClassificationFineTuneConfig tiny = new ClassificationFineTuneConfig(PATCH, 2, false,
			true, 4, null, ClassificationFineTuneConfig.defaultTraining().withBatch(8).withMaxEpochs(
				15).withPatience(15).withLearningRate(3e-3).withSchedule(new LrSchedule.Plateau(4, 0.5,
					1e-4, 1e-6)).withSeed(5), NetworkChoice.UNET2D);
		new ClassificationFineTuner(tiny, Progress.NONE, Cancellation.NEVER).fit(d, null, Device.cpu(),
			bundle);
	}

	/** {@code n} blob images under {@code dir} (class i % 2), and their table's rows. */
	private static List<String> blobs(final Path dir, final int n, final long seed,
		final boolean labels) throws Exception
	{
		Files.createDirectories(dir);
		final List<String> rows = new ArrayList<>(List.of(labels ? "file,label" : "file"));
		final RandomStreams rng = RandomStreams.seeded(seed);
		for (int i = 0; i < n; i++) {
			final String name = String.format("img_%03d.tif", i);
			VolumeIO.write(Volume.of(ClassificationFineTuner2dTest.blob(i % 2 == 1, rng.fork(i)),
				new double[] { 0.5, 0.5 }, Modality.XRAY), dir.resolve(name));
			rows.add(labels ? name + "," + i % 2 : name);
		}
		return rows;
	}

	private static InProcessMacro.Result classify(final Path table, final Path csv) {
		return InProcessMacro.run("run(\"Classify candidates\", \"table=[" + table + "] bundle=[" +
			bundle + "]" + (csv == null ? "" : " csv=[" + csv + "]") + " budget=4 device=cpu\");");
	}

	@Test(timeout = 300_000)
	public void classifiesAPerImageTableAsFineTuningPreparedIt() throws Exception {
		final Path fresh = root.resolve("fresh");
		Files.write(fresh.resolve("labels.csv"), blobs(fresh, 16, 11, true));
		Files.write(fresh.resolve("files.csv"), blobs(fresh, 16, 11, false));
		// the fine-tuning path with the bundle's inputs: the reference probabilities
		final float[][] expected;
		try (ClassifierBundle b = ClassifierBundle.load(bundle, Device.cpu())) {
			final CubeSources.Prepared p = CubeSources.fromImageTable(fresh.resolve("labels.csv"),
				PATCH, InputOptions.defaults(), b.description().input(), null, Cancellation.NEVER);
			final List<Img<FloatType>> cubes = p.cubes().stream().map(LabelledCube::cube).toList();
			expected = b.predict(cubes, 4);
		}
		for (final String table : List.of("files.csv", "labels.csv")) {
			final Path csv = root.resolve("p-" + table);
			final InProcessMacro.Result r = classify(fresh.resolve(table), csv);
			assertTrue(r.toString(), r.completed());
			assertTrue(r.log(), r.log().contains("patch: every image fills the patch 32,32 exactly"));
			final List<String> lines = Files.readAllLines(csv);
			assertEquals("file,probability", lines.get(0));
			assertEquals(17, lines.size());
			final double[] p = new double[16];
			for (int i = 0; i < 16; i++) {
				final String[] f = lines.get(i + 1).split(",");
				assertEquals(String.format("img_%03d.tif", i), f[0]);
				p[i] = Double.parseDouble(f[1]);
				assertTrue(lines.get(i + 1), p[i] >= 0 && p[i] <= 1);
				assertEquals(table + " row " + (i + 1), expected[i][0], p[i], 1e-5);
			}
			final double auc = auc(p);
			System.out.println("Classify candidates, 2D " + table + ": AUC " + auc + " on 16 fresh images");
			assertTrue(table + ": AUC " + auc + " of " + lines, auc > AUC_GOAL);
		}
	}

	/** The AUC of {@code p} for class i % 2 (ties count half). */
	private static double auc(final double[] p) {
		double wins = 0;
		int pairs = 0;
		for (int i = 1; i < p.length; i += 2)
			for (int j = 0; j < p.length; j += 2) {
				wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
				pairs++;
			}
		return wins / pairs;
	}

	@Test(timeout = 300_000)
	public void wrongDimensionalitiesAreRefusedNamingTheKey() throws Exception {
		final Path bad = root.resolve("bad");
		blobs(bad, 2, 3, false);
		VolumeIO.write(Volume.of(ArrayImgs.floats(16, 16, 8), new double[] { 1, 1, 1 }, Modality.CT),
			bad.resolve("vol.nii.gz"));
		// a 3D volume in a table for the 2D classifier
		Files.write(bad.resolve("mixed.csv"), List.of("file", "img_000.tif", "vol.nii.gz"));
		final InProcessMacro.Result mixed = classify(bad.resolve("mixed.csv"), null);
		assertFalse(mixed.toString(), mixed.completed());
		assertTrue(mixed.message(), mixed.message().contains("table: expected a 2D image, found a " +
			"3D volume [16, 16, 8] in vol.nii.gz (row 2; the bundle's classifier (unet2d) takes 2D " +
			"images of patch 32,32)"));
		// a candidates table (volumes) for the 2D classifier
		Files.write(bad.resolve("cand.csv"), List.of("image,x,y,z", "vol.nii.gz,1,1,1"));
		final InProcessMacro.Result cand = classify(bad.resolve("cand.csv"), null);
		assertFalse(cand.toString(), cand.completed());
		assertTrue(cand.message(), cand.message().contains("bundle: expected a classifier of 3D " +
			"volumes for a candidates table (image,x,y,z), got a classifier of 2D images (unet2d, " +
			"patch 32,32); give its images a per-image table file[,label[,patient]]"));
		// an unknown header names both kinds of table
		Files.write(bad.resolve("header.csv"), List.of("path", "img_000.tif"));
		final InProcessMacro.Result header = classify(bad.resolve("header.csv"), null);
		assertFalse(header.toString(), header.completed());
		assertTrue(header.message(), header.message().contains("expected the header " +
			"image,x,y,z[,label] (candidates in volumes) or file[,label[,patient]] (one row per " +
			"image), got 'path'"));
	}

	@Test(timeout = 300_000)
	public void aTwoDimensionalTableIsRefusedByA3dClassifier() throws Exception {
		// a tiny 3D classifier from spheres (as ClassificationCommandsTest), one epoch
		final Path vols = root.resolve("vols");
		TransferFixtures.writeSphereCandidates(vols);
		final Path cls3d = root.resolve("cls3d");
		final InProcessMacro.Result ft = InProcessMacro.run("run(\"Fine-tune (classification)\", " +
			"\"table=[" + vols.resolve("cand.csv") + "] output=[" + cls3d + "] patch=16,16,16 " +
			"classes=2 epochs=1 batch=4 validation=0.34 width=4 device=cpu\");");
		assertTrue(ft.toString(), ft.completed());
		final Path twoD = root.resolve("twod");
		Files.write(twoD.resolve("files.csv"), blobs(twoD, 2, 7, false));
		final InProcessMacro.Result r = InProcessMacro.run("run(\"Classify candidates\", \"table=[" +
			twoD.resolve("files.csv") + "] bundle=[" + cls3d + "] device=cpu\");");
		assertFalse(r.toString(), r.completed());
		assertTrue(r.message(), r.message().contains("table: expected a 3D volume, found a 2D image " +
			"[32, 32] in img_000.tif (row 1; the bundle's classifier (unet3d) takes 3D volumes of " +
			"patch 16,16,16; candidates in volumes take a table image,x,y,z[,label])"));
		// whole volumes in a per-image table are what a 3D classifier takes: one row each
		Files.write(vols.resolve("files.csv"), List.of("file,label", "v0.nii.gz,1", "v1.nii.gz,0"));
		final Path csv = root.resolve("p3d.csv");
		final InProcessMacro.Result w = InProcessMacro.run("run(\"Classify candidates\", \"table=[" +
			vols.resolve("files.csv") + "] bundle=[" + cls3d + "] csv=[" + csv + "] device=cpu\");");
		assertTrue(w.toString(), w.completed());
		final List<String> lines = Files.readAllLines(csv);
		assertEquals(3, lines.size());
		assertEquals("file,probability", lines.get(0));
		assertTrue(lines.get(1), lines.get(1).startsWith("v0.nii.gz,"));
		assertArrayEquals(new String[] { "v1.nii.gz" }, new String[] { lines.get(2).split(",")[0] });
	}
}
