package org.transvw.command;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.cli.InProcessMacro;
import org.transvw.data.io.OutputFolder;
import org.transvw.network.ModelBundle;
import org.transvw.pretraining.Pretrainer;
import org.transvw.pretraining.SyntheticVisualWords;

/**
 * The bad-input matrix of the training commands (Pre-train TransVW, Fine-tune (segmentation),
 * Fine-tune (classification), Import pre-trained weights) through real ImageJ macros: every
 * refusal comes before any training starts, and an output folder of the user's is never
 * emptied (the data loss of the first release).
 */
@Category(EngineTests.class) // the fixtures write bundles; fine-tuning cases start the engine
public class TrainingCommandsBadInputTest {

	@ClassRule
	public static final TemporaryFolder TMP = new TemporaryFolder();

	private static final BadInputMatrix M = new BadInputMatrix(TMP);

	private static final String PRETRAIN = "Pre-train TransVW";
	private static final String SEG = "Fine-tune (segmentation)";
	private static final String CLS = "Fine-tune (classification)";
	private static final String IMPORT = "Import pre-trained weights";
	private static final String FAST = " patch=16,16,16 epochs=1 samples=1 batch=1 width=8 " +
		"device=cpu";
	private static final String FAST_CLS = " patch=16,16,16 epochs=1 batch=1 width=8 device=cpu";

	@AfterClass
	public static void report() throws IOException {
		M.report("training");
	}

	private static String seg(final String folder, final String out) throws IOException {
		return "images=" + M.at(folder + "/images") + " labels=" + M.at(folder + "/labels") +
			" output=[" + M.fresh(out) + "]" + FAST;
	}

	@Test(timeout = 120_000)
	public void outputFoldersOfTheUserAreNeverEmptied() throws IOException {
		final Path results = M.fixtures().path("results");
		final Map<String, String> before = BadInputFixtures.snapshot(results);
		M.refused("pretrain-output-foreign", PRETRAIN, "dataset=" + M.at("empty") + " output=" + M
			.at("results") + " device=cpu", "output: " + results + " already holds files TransVW " +
				"did not write (images, labels, notes.txt, scores.csv)");
		M.refused("segment-finetune-output-foreign", SEG, "images=" + M.at("good/images") +
			" labels=" + M.at("good/labels") + " output=" + M.at("results") + FAST,
			"already holds files TransVW did not write");
		M.refused("classify-finetune-output-foreign", CLS, "table=" + M.at("good/candidates.csv") +
			" output=" + M.at("results") + FAST_CLS, "already holds files TransVW did not write");
		M.refused("import-output-foreign", IMPORT, "input=" + M.at("bundle-transvw/model.json") +
			" output=" + M.at("results"), "already holds files TransVW did not write");
		BadInputMatrix.unchanged(before, results);
		M.refused("pretrain-output-unwritable", PRETRAIN, "dataset=" + M.at("empty") + " output=" +
			M.at("occupied/bundle") + " device=cpu", "output: cannot create the folder");
		M.refused("segment-finetune-output-unwritable", SEG, "images=" + M.at("good/images") +
			" labels=" + M.at("good/labels") + " output=" + M.at("occupied/bundle") + FAST,
			"output: cannot create the folder");
	}

	@Test(timeout = 120_000)
	public void importKeepsForeignFilesAndRefusesHostileOnes() throws IOException {
		M.refused("import-missing-input", IMPORT, "input=" + M.at("nope.pt") + " output=[" + M.fresh(
			"i0") + "]", "input: expected an existing weight file");
		M.refused("import-text-as-pt", IMPORT, "input=" + M.at("text.pt") + " output=[" + M.fresh(
			"i1") + "]", "text.pt: not a torch.save (.pt/.pth) or Keras HDF5 (.h5) file");
		M.refused("import-malicious-pickle", IMPORT, "input=" + M.at("evil.pt") + " output=[" + M
			.fresh("i2") + "]", "the file refers to the Python global 'posix.system', which a weight " +
				"file never needs; refused without running anything");
		M.refused("import-malicious-torch-zip", IMPORT, "input=" + M.at("evil-zip.pt") +
			" output=[" + M.fresh("i3") + "]", "evil-zip.pt!evil/data.pkl: the file refers to the " +
				"Python global 'posix.system'");
		assertFalse("the pickle ran", Files.exists(M.fixtures().path("pwned")));
		M.refused("import-self-referencing-pickle", IMPORT, "input=" + M.at("loop.pt") + " output=[" +
			M.fresh("i4") + "]", "contains itself (a self-referencing structure");
		M.refused("import-bad-flavour", IMPORT, "input=" + M.at("text.pt") + " output=[" + M.fresh(
			"i5") + "] flavour=tensorflow", "flavour: expected auto, pytorch or keras, got " +
				"'tensorflow'");
		for (int i = 0; i <= 5; i++)
			assertFalse("i" + i + " written", Files.exists(M.fresh("i" + i)));
	}

	@Test(timeout = 120_000)
	public void pretrainRefusesBadSettingsBeforeTraining() throws IOException {
		final String base = "dataset=" + M.at("empty") + " output=[" + M.fresh("t0") + "] device=cpu";
		M.refused("pretrain-not-a-dataset", PRETRAIN, base, "dataset: " + M.fixtures().path(
			"empty") + " is not a visual-word dataset folder (no manifest.json)");
		M.refused("pretrain-no-such-dataset", PRETRAIN, "dataset=" + M.at("nope") + " output=[" + M
			.fresh("t1") + "]", "dataset: expected an existing visual-word dataset folder");
		M.refused("pretrain-zero-lr", PRETRAIN, base + " lr=0", "lr: expected a learning rate in " +
			"(0, 10], got 0.0");
		M.refused("pretrain-nan-lr", PRETRAIN, base + " lr=NaN", "lr: expected a finite number");
		M.refused("pretrain-huge-epochs", PRETRAIN, base + " epochs=1e12", "epochs: expected a " +
			"whole number in [1, 1000000], got 1e12");
		M.refused("pretrain-zero-width", PRETRAIN, base + " width=0", "width: expected a whole " +
			"number in [1, 256], got 0");
		M.refused("pretrain-negative-threads", PRETRAIN, base + " threads=-1", "threads: expected a " +
			"whole number in [0, 1024], got -1");
		M.refused("pretrain-devices-twice", PRETRAIN, base + " devices=cpu,cpu", "devices: " +
			"expected each device once, got 'cpu,cpu'");
		M.refused("pretrain-devices-no-such-gpu", PRETRAIN, base + " devices=gpu:99",
			"devices: expected a GPU index below ");
		M.refused("pretrain-bad-mode", PRETRAIN, base + " mode=simclr", "mode: expected transvw, ");
		M.refused("pretrain-bad-schedule", PRETRAIN, base + " schedule=cosine", "schedule");
		M.refused("pretrain-mistyped-key", PRETRAIN, base + " epoch=1",
			"epoch: unknown key; did you mean 'epochs'?");
		final InProcessMacro.Result old = M.refused("pretrain-old-key", PRETRAIN, base + " rate=0",
			"lr: expected a learning rate in (0, 10], got 0.0");
		assertTrue(old.log(), old.log().contains("key 'rate' is deprecated, use 'lr'"));
		assertFalse(Files.exists(M.fresh("t0")));
		assertFalse("no checkpoints", Files.exists(M.fixtures().path("out/t0.training")));
	}

	@Test(timeout = 300_000)
	public void pretrainRerunWithOtherSettingsIsRefusedUnlessFresh() throws IOException {
		// setup: one finished run whose checkpoints stay in <output>.training, beside a user's file
		final Path ds = SyntheticVisualWords.write(M.fixtures().path("vw"), new int[] { 16, 16, 8 },
			2, 1, 4);
		final Path out = M.fresh("p0");
		final String run = "dataset=[" + ds + "] output=[" + out + "] width=8 batch=4 epochs=1 " +
			"workers=1 device=cpu seed=3";
		M.accepted("pretrain-first-run", PRETRAIN, run, "writes the bundle; its checkpoints stay " +
			"in <output>.training for a rerun to resume");
		final Path training = Pretrainer.trainingDir(out);
		Files.writeString(training.resolve("notes.txt"), "the user's notes");
		final byte[] weights = Files.readAllBytes(out.resolve(ModelBundle.WEIGHTS));
		// process + test: another learning rate is refused before any training, naming lr
		M.refused("pretrain-rerun-other-lr", PRETRAIN, run + " overwrite lr=0.002", "lr: the " +
			"checkpoints in " + training + " are of a run with other settings (lr was 0.001, now " +
			"0.002); run again with that run's settings to resume it, or add 'fresh' to start over");
		assertArrayEquals("the bundle changed", weights, Files.readAllBytes(out.resolve(
			ModelBundle.WEIGHTS)));
		// fresh starts over: the old run's checkpoints are replaced, nothing else
		M.accepted("pretrain-rerun-fresh", PRETRAIN, run + " overwrite lr=0.002 fresh", "fresh " +
			"starts over: replaces that run's own checkpoints (other files stay)");
		assertEquals("the user's notes", Files.readString(training.resolve("notes.txt")));
		assertTrue(Files.readString(out.resolve(ModelBundle.DESCRIPTION)).contains(
			"\"learningRate\": 0.002"));
		final String marker = Files.readString(out.resolve(OutputFolder.MARKER));
		for (final String own : new String[] { "metrics.csv", "loss-curve.png", "model.json",
			"weights.params" })
			assertTrue(own + " not recorded as TransVW's:\n" + marker, marker.contains("\n" + own +
				"\n"));
	}

	@Test(timeout = 180_000)
	public void segmentationFineTuningRefusesBadData() throws IOException {
		M.refused("segment-finetune-missing-images", SEG, "labels=" + M.at("good/labels") +
			" output=[" + M.fresh("s0") + "]", "images: expected a folder of volumes, got none");
		M.refused("segment-finetune-empty-images", SEG, "images=" + M.at("empty") + " labels=" + M.at(
			"good/labels") + " output=[" + M.fresh("s1") + "]" + FAST, "no readable volumes");
		// 2D images are accepted (docs/xray-2d.md), but not with a volume's patch
		M.refused("segment-finetune-2d", SEG, seg("flat", "s2"), "patch: expected two sizes x,y " +
			"such as 128,128 for the 2D images (network resnet18-unet)");
		M.refused("segment-finetune-2d-unet3d", SEG, seg("flat", "s2b") + " network=unet3d",
			"network: expected a 3D volume for the 3D network unet3d, found a 2D image");
		M.refused("segment-finetune-4d", SEG, seg("four", "s3"), "case_0.nii: 4D image [8, 8, 8, 2] " +
			"is not supported");
		M.refused("segment-finetune-truncated-gz", SEG, seg("truncated", "s4"), "case_0.nii.gz: " +
			"corrupt or truncated gzip data");
		M.refused("segment-finetune-nan", SEG, seg("nan", "s5"), "case_0.nii.gz: 2 of its 9216 " +
			"voxels are NaN and 1 is infinite");
		M.refused("segment-finetune-labels-wrong-size", SEG, seg("wrongsize", "s6"), "labels: " +
			"expected the grid of their image case_0 ([24, 24, 16] voxels of [0.8, 0.9, 2.5] mm, " +
			"origin [0, 0, 0] mm, RAS), got labels/case_0.nii.gz on [20, 24, 16] voxels");
		M.refused("segment-finetune-label-values", SEG, seg("values", "s7"), "holds the values 2 " +
			"(1 voxel), 7 (2 voxels); with classes=2 expected 0 (background), 1 (foreground) or 255");
		M.refused("segment-finetune-label-values-old-classes", SEG, seg("values", "s8").replace(
			"patch=", "classes=1 patch="), "with classes=2 expected");
		M.refused("segment-finetune-patch-not-8", SEG, seg("good", "s9").replace("patch=16,16,16",
			"patch=20,16,16"), "patch: expected positive multiples of 8 (the U-Net's 3 poolings), " +
				"got [20, 16, 16]");
		M.refused("segment-finetune-zero-batch", SEG, seg("good", "s10").replace("batch=1",
			"batch=0"), "batch: expected a whole number in [1, 4096], got 0");
		M.refused("segment-finetune-validation-one", SEG, seg("good", "s11") + " validation=1",
			"validation: expected a fraction in (0, 1), got 1.0");
		M.refused("segment-finetune-corrupt-bundle", SEG, seg("good", "s12") + " bundle=" + M.at(
			"bundle-corrupt"), "model.json: not a valid bundle description");
		M.refused("segment-finetune-truncated-bundle", SEG, seg("good", "s13") + " bundle=" + M.at(
			"bundle-truncated"), "weights.params: SHA-256 differs from model.json (truncated or " +
				"replaced file)");
		M.refused("segment-finetune-no-such-bundle", SEG, seg("good", "s14") + " bundle=" + M.at(
			"nope"), "bundle: expected a model bundle folder (or none to train from scratch)");
		M.refused("segment-finetune-modality-mismatch", SEG, seg("good", "s15") + " bundle=" + M.at(
			"bundle-ct-transvw"), "normalization: expected images of the modality the bundle was " +
				"pre-trained on: the bundle was pre-trained on CT");
		M.refused("segment-finetune-uncalibrated", SEG, seg("uncal", "s16"), "voxel: expected a " +
			"voxel size for 'case_0.tif', which has none");
		M.refused("segment-finetune-test-without-labels", SEG, seg("good", "s17") + " testimages=" + M
			.at("good/images"), "test: expected a test images folder together with its test labels " +
				"folder, or neither");
		M.refused("segment-finetune-test-one", SEG, seg("good", "s18") + " test=1", "test: expected " +
			"a fraction in [0, 1), got 1.0");
		for (int i = 1; i <= 18; i++)
			assertFalse("s" + i + ": a bundle was written", Files.exists(M.fresh("s" + i).resolve(
				ModelBundle.DESCRIPTION)));
	}

	@Test(timeout = 120_000)
	public void classificationFineTuningRefusesBadCandidates() throws IOException {
		final String out = " output=[" + M.fresh("c0") + "]" + FAST_CLS;
		M.refused("classify-finetune-no-source", CLS, out.trim(), "table: expected a candidates CSV " +
			"(or folder: a folder of class sub-folders), got none");
		M.refused("classify-finetune-outside", CLS, "table=" + M.at("good/outside.csv") + out,
			"outside.csv: candidate 2 at 500,2,3 lies outside its image case_1.nii.gz of size [24, " +
				"24, 16]");
		final InProcessMacro.Result old = M.refused("classify-finetune-old-key", CLS, "table=" + M
			.at("good/outside.csv") + out.replace("patch=", "cube="), "lies outside its image");
		assertTrue(old.log(), old.log().contains("key 'cube' is deprecated, use 'patch'"));
		M.refused("classify-finetune-one-volume", CLS, "table=" + M.at("good/onevolume.csv") + out,
			"validation: expected cubes from at least 2 source volumes (training, validation hold " +
				"out whole volumes, so that no patient is in two sets), got 1");
		M.refused("classify-finetune-one-class", CLS, "table=" + M.at("good/candidates.csv") + out +
			" classes=1", "classes: expected a whole number in [2, 1000], got 1");
		M.refused("classify-finetune-not-a-csv", CLS, "table=" + M.at("text/notes.txt") + out,
			"expected the header image,x,y,z[,label]");
	}

	@Test(timeout = 120_000)
	public void classificationFineTuningRefusesBad2dTables() throws IOException {
		// per-image tables of 2D images (docs/xray-2d.md, "Classification in 2D")
		final Path dir = M.fixtures().path("cls2d");
		Files.createDirectories(dir);
		for (int i = 0; i < 2; i++)
			org.transvw.data.io.VolumeIO.write(org.transvw.data.Volume.of(net.imglib2.img.array
				.ArrayImgs.floats(16, 16), new double[] { 1, 1 }, org.transvw.data.Modality.XRAY), dir
					.resolve("img" + i + ".tif"));
		ij.IJ.saveAsTiff(new ij.ImagePlus("rgb", new ij.process.ColorProcessor(16, 16)), dir.resolve(
			"rgb.tif").toString());
		final Path volume = M.fixtures().path("good/images/case_0.nii.gz");
		Files.write(dir.resolve("mixed.csv"), List.of("file,label", "img0.tif,0", "img1.tif,1",
			volume.toString() + ",1"));
		Files.write(dir.resolve("range.csv"), List.of("file,label", "img0.tif,0", "img1.tif,2"));
		Files.write(dir.resolve("missing.csv"), List.of("file,label", "img0.tif,0", "gone.png,1"));
		Files.write(dir.resolve("rgb.csv"), List.of("file,label", "img0.tif,0", "rgb.tif,1"));
		Files.write(dir.resolve("candidates.csv"), List.of("image,x,y,z,label", "img0.tif,1,1,0,1"));
		Files.write(dir.resolve("good.csv"), List.of("file,label", "img0.tif,0", "img1.tif,1"));
		final String out = " output=[" + M.fresh("c2d") + "] epochs=1 batch=1 width=4 device=cpu";
		final String p2 = " patch=16,16 network=unet2d";
		M.refused("classify-finetune-2d-volume-in-table", CLS, "table=" + M.at("cls2d/mixed.csv") +
			out + p2, "table: expected a 2D image, found a 3D volume [24, 24, 16] in case_0.nii.gz " +
				"(row 3; one table holds 2D images or volumes");
		M.refused("classify-finetune-2d-image-in-candidates", CLS, "table=" + M.at(
			"cls2d/candidates.csv") + out + " patch=16,16,16", "table: expected a 3D volume, found a " +
				"2D image [16, 16] in img0.tif (a candidates table image,x,y,z[,label] holds volumes; " +
				"give 2D images a table file,label[,patient])");
		M.refused("classify-finetune-2d-label-range", CLS, "table=" + M.at("cls2d/range.csv") + out +
			p2, "table: expected labels 0..1 for classes=2, got 2 for img1.tif");
		M.refused("classify-finetune-2d-missing-file", CLS, "table=" + M.at("cls2d/missing.csv") +
			out + p2, "missing.csv line 3 (row 2): no such image file gone.png");
		M.refused("classify-finetune-2d-rgb", CLS, "table=" + M.at("cls2d/rgb.csv") + out + p2,
			"table: expected grey-level images, got the RGB image rgb.tif (its three channels are " +
				"equal: a grey image stored as RGB)");
		M.refused("classify-finetune-2d-volume-patch", CLS, "table=" + M.at("cls2d/good.csv") + out +
			" patch=16,16,16", "patch: expected two sizes x,y such as 128,128 for the 2D images " +
				"(network resnet18-unet), got '16,16,16'");
		M.refused("classify-finetune-2d-unet3d", CLS, "table=" + M.at("cls2d/good.csv") + out +
			" patch=16,16 network=unet3d", "network: expected a 3D volume for the 3D network unet3d, " +
				"found a 2D image (use network=resnet18-unet, unet2d or auto for 2D images)");
		assertFalse("a bundle was written", Files.exists(M.fresh("c2d").resolve(
			ModelBundle.DESCRIPTION)));
	}
}
