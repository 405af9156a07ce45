package org.transvw.command;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.cli.InProcessMacro;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.phantom.RadiographCollection;
import org.transvw.data.phantom.RadiographConfig;

import net.imglib2.img.array.ArrayImgs;

/**
 * The 2D chain through the same commands and keys as 3D, on digitally reconstructed chest
 * radiographs: Fine-tune (segmentation) logs the network it chose (network=unet2d, and auto ->
 * resnet18-unet for 2D images), Segment volume answers a label image on the radiograph's grid,
 * Evaluate segmentation scores it, and a volume given to the 2D bundle is refused with both
 * dimensionalities.
 */
@Category(EngineTests.class)
public class Xray2dCommandsTest {

	@ClassRule
	public static final TemporaryFolder TMP = new TemporaryFolder();

	private static Path data;

	@BeforeClass
	public static void radiographs() throws Exception {
		data = TMP.getRoot().toPath().resolve("drr");
		RadiographCollection.write(RadiographConfig.defaults().withSize(64, 64), 5, 5, data, ".tif",
			Progress.NONE, Cancellation.NEVER);
	}

	private static InProcessMacro.Result run(final String command, final String options) {
		return InProcessMacro.run("run(\"" + command + "\", \"" + options + "\");");
	}

	private static String fineTune(final String out, final String network, final int width) {
		return "images=[" + data.resolve("images") + "] labels=[" + data.resolve("labels") +
			"] output=[" + TMP.getRoot().toPath().resolve(out) + "] patch=64,64 network=" + network +
			" width=" + width + " epochs=1 samples=2 batch=2 validation=0.3 device=cpu";
	}

	@Test(timeout = 300_000)
	public void fineTuneSegmentAndEvaluateRadiographs() throws Exception {
		final InProcessMacro.Result ft = run("Fine-tune (segmentation)", fineTune("unet2d", "unet2d",
			4));
		assertTrue(ft.toString(), ft.completed());
		assertTrue(ft.log(), ft.log().contains("network: unet2d"));
		final Path seg = TMP.getRoot().toPath().resolve("seg");
		final InProcessMacro.Result sv = run("Segment volume", "file=[" + data.resolve(
			"images/case_000.tif") + "] bundle=[" + TMP.getRoot().toPath().resolve("unet2d") +
			"] output=[" + seg + "] device=cpu");
		assertTrue(sv.toString(), sv.completed());
		assertTrue(sv.log(), sv.log().contains("network: unet2d (the bundle's)"));
		final Volume labels = VolumeIO.read(seg.resolve("labels/case_000.nii.gz"));
		final Volume image = VolumeIO.read(data.resolve("images/case_000.tif"));
		assertArrayEquals(image.dimensions(), labels.dimensions());
		assertArrayEquals(image.spacing(), labels.spacing(), 1e-6);
		final InProcessMacro.Result ev = run("Evaluate segmentation", "predictions=[" + seg.resolve(
			"labels") + "] labels=[" + data.resolve("labels") + "]");
		assertTrue(ev.toString(), ev.completed());
		// a volume into the 2D bundle: both dimensionalities, named by the key
		final Path volume = TMP.getRoot().toPath().resolve("volume.nii.gz");
		VolumeIO.write(Volume.of(ArrayImgs.floats(16, 16, 16), new double[] { 1, 1, 1 },
			Modality.XRAY), volume);
		final InProcessMacro.Result wrong = run("Segment volume", "file=[" + volume + "] bundle=[" +
			TMP.getRoot().toPath().resolve("unet2d") + "] device=cpu");
		assertFalse(wrong.toString(), wrong.completed());
		assertTrue(wrong.message(), wrong.message().contains("file: expected a 2D image for the 2D " +
			"network unet2d of the bundle, found a 3D volume"));
	}

	@Test(timeout = 300_000)
	public void classificationFineTuningOfWholeImagesFromAPerImageTable() throws Exception {
		// bright vs dark blobs, one label per image (ClassificationFineTuner2dTest learns them)
		final Path blobs = TMP.getRoot().toPath().resolve("blobs");
		Files.createDirectories(blobs);
		final java.util.List<String> rows = new java.util.ArrayList<>(java.util.List.of(
			"file,label"));
		final org.transvw.common.RandomStreams rng = org.transvw.common.RandomStreams.seeded(3);
		for (int i = 0; i < 12; i++) {
			VolumeIO.write(Volume.of(org.transvw.finetuning.ClassificationFineTuner2dTest.blob(i %
				2 == 1, rng.fork(i)), new double[] { 0.5, 0.5 }, Modality.XRAY), blobs.resolve("b" + i +
					".tif"));
			rows.add("b" + i + ".tif," + i % 2);
		}
		Files.write(blobs.resolve("labels.csv"), rows);
		final String common = "table=[" + blobs.resolve("labels.csv") + "] classes=2 epochs=1 " +
			"batch=4 validation=0.25 test=0.25 width=4 device=cpu";
		final InProcessMacro.Result u = run("Fine-tune (classification)", common + " output=[" + TMP
			.getRoot().toPath().resolve("cls-unet2d") + "] patch=32,32 network=unet2d");
		assertTrue(u.toString(), u.completed());
		assertTrue(u.log(), u.log().contains("network: unet2d"));
		assertTrue(u.log(), u.log().contains("patch: every image fills the patch 32,32 exactly"));
		assertTrue(u.log(), u.log().contains("test AUC"));
		assertTrue(Files.isRegularFile(TMP.getRoot().toPath().resolve("cls-unet2d/" + org.transvw
			.finetuning.ClassifierBundle.HEAD)));
		// auto -> the ResNet-18 U-Net's encoder; the images are mirror-padded to 64,64
		final InProcessMacro.Result r = run("Fine-tune (classification)", common + " output=[" + TMP
			.getRoot().toPath().resolve("cls-resnet") + "] patch=64,64 network=auto");
		assertTrue(r.toString(), r.completed());
		assertTrue(r.log(), r.log().contains("network: resnet18-unet (auto: 2D images)"));
		assertTrue(r.log(), r.log().contains("patch: 12 of 12 images are smaller than the patch " +
			"64,64 after resampling: mirror-padded"));
		// the 2D bundle brings its network over network=auto
		final InProcessMacro.Result b = run("Fine-tune (classification)", common.replace("epochs=1",
			"epochs=1 bundle=[" + TMP.getRoot().toPath().resolve("cls-unet2d") + "]") + " output=[" +
			TMP.getRoot().toPath().resolve("cls-again") + "] patch=32,32 network=auto");
		assertTrue(b.toString(), b.completed());
		assertTrue(b.log(), b.log().contains("network: unet2d (the bundle's)"));
	}

	@Test(timeout = 300_000)
	public void autoChoosesTheResNet18UNetForRadiographs() {
		final InProcessMacro.Result ft = run("Fine-tune (segmentation)", fineTune("resnet", "auto",
			8));
		assertTrue(ft.toString(), ft.completed());
		assertTrue(ft.log(), ft.log().contains("network: resnet18-unet (auto: 2D images)"));
		assertTrue(Files.isRegularFile(TMP.getRoot().toPath().resolve("resnet/model.json")));
		final InProcessMacro.Result bad = run("Fine-tune (segmentation)", fineTune("bad", "auto", 8)
			.replace("patch=64,64", "patch=48,48"));
		assertFalse(bad.toString(), bad.completed());
		assertTrue(bad.message(), bad.message().contains("patch: expected multiples of 32 for " +
			"resnet18-unet"));
	}
}
