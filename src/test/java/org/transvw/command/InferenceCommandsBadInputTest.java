package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;

/**
 * The bad-input matrix of Segment volume, Classify candidates and Evaluate segmentation through
 * real ImageJ macros: wrong kinds of bundles and images are refused, and result files never
 * replace a file of the user's.
 */
@Category(EngineTests.class) // the fixtures write bundles; fine-tuning cases start the engine
public class InferenceCommandsBadInputTest {

	@ClassRule
	public static final TemporaryFolder TMP = new TemporaryFolder();

	private static final BadInputMatrix M = new BadInputMatrix(TMP);

	private static final String SEGMENT = "Segment volume";
	private static final String CLASSIFY = "Classify candidates";
	private static final String EVALUATE = "Evaluate segmentation";

	@AfterClass
	public static void report() throws IOException {
		M.report("inference");
	}

	private static String segment(final String file, final String bundle) throws IOException {
		return "file=" + M.at(file) + " bundle=" + M.at(bundle) + " device=cpu";
	}

	@Test(timeout = 120_000)
	public void segmentVolumeRefusesOtherBundlesAndImages() throws IOException {
		final String seg = "bundle-segmentation";
		M.refused("segment-classification-bundle", SEGMENT, segment("good/images/case_0.nii.gz",
			"bundle-classification"), "bundle: expected a segmentation bundle (written by Fine-tune " +
				"(segmentation)), got a classification bundle");
		M.refused("segment-pretraining-bundle", SEGMENT, segment("good/images/case_0.nii.gz",
			"bundle-transvw"), "got a pre-training bundle (pretext 'transvw')");
		M.refused("segment-imported-bundle", SEGMENT, segment("good/images/case_0.nii.gz",
			"bundle-imported"), "got imported pre-trained weights, not fine-tuned for segmentation");
		M.refused("segment-corrupt-bundle", SEGMENT, segment("good/images/case_0.nii.gz",
			"bundle-corrupt"), "model.json: not a valid bundle description");
		M.refused("segment-no-bundle", SEGMENT, "file=" + M.at("good/images/case_0.nii.gz") +
			" device=cpu", "bundle: expected a value in the macro options");
		M.refused("segment-2d-file", SEGMENT, segment("flat/images/case_0.nii.gz", seg),
			"file: expected a 3D volume for the 3D network unet3d of the bundle, found a 2D image");
		M.refused("segment-4d-file", SEGMENT, segment("four/images/case_0.nii", seg),
			"case_0.nii: 4D image [8, 8, 8, 2] is not supported");
		// NB: the TIFF reader's own words; the matrix needs only that it refuses, naming the file
		M.refused("segment-rgb-file", SEGMENT, segment("rgb.tif", seg), "rgb.tif: ");
		M.refused("segment-nan-file", SEGMENT, segment("nan/images/case_0.nii.gz", seg),
			"case_0.nii.gz: 2 of its 9216 voxels are NaN and 1 is infinite");
		M.refused("segment-truncated-file", SEGMENT, segment("truncated/images/case_0.nii.gz", seg),
			"case_0.nii.gz: corrupt or truncated gzip data");
		M.refused("segment-text-file", SEGMENT, segment("fake/case_0.nii.gz", seg), "case_0.nii.gz");
		M.refused("segment-no-such-file", SEGMENT, segment("nope.nii.gz", seg), "file: expected a " +
			"volume file (NIfTI, TIFF) or DICOM series folder, got");
		M.refused("segment-two-channels", BadInputFixtures.newImage("two", "32-bit", 2), SEGMENT,
			"input=two bundle=" + M.at(seg) + " device=cpu", "input: expected one channel and one " +
				"time point, got 'two' with 2 channels and 1 frames");
		M.refused("segment-rgb-image", BadInputFixtures.newImage("rgb", "RGB", 1), SEGMENT,
			"input=rgb bundle=" + M.at(seg) + " device=cpu", "input: expected a gray-value image, " +
				"got the RGB image 'rgb'");
		M.refused("segment-nan-image", BadInputFixtures.newImage("holes", "32-bit", 1) +
			" setPixel(3, 3, NaN);", SEGMENT, "input=holes bundle=" + M.at(seg) + " device=cpu",
			"input: image 'holes': 1 of its 9216 voxels is NaN");
		M.refused("segment-no-input", SEGMENT, "bundle=" + M.at(seg) + " device=cpu",
			"input: expected an open image, got none");
		M.refused("segment-overlap-one", SEGMENT, segment("good/images/case_0.nii.gz", seg) +
			" overlap=1", "overlap: expected a fraction in [0, 1), got 1.0");
		M.refused("segment-zero-budget", SEGMENT, segment("good/images/case_0.nii.gz", seg) +
			" budget=0", "budget: expected a whole number in [1, 4096], got 0");
		M.refused("segment-bad-device", SEGMENT, segment("good/images/case_0.nii.gz", seg).replace(
			"device=cpu", "device=tpu"), "device: expected auto, cpu, gpu or gpu:N, got 'tpu'");
		M.refused("segment-key-twice", SEGMENT, segment("good/images/case_0.nii.gz", seg) +
			" device=tpu", "device: given twice ('cpu' and 'tpu'); give it once");
		final Map<String, String> before = BadInputFixtures.snapshot(M.fixtures().path("results"));
		M.refused("segment-output-foreign-labels", SEGMENT, "file=" + M.at(
			"results/images/case_000.nii.gz") + " bundle=" + M.at(seg) + " output=" + M.at("results") +
			" overwrite device=cpu", "labels/case_000.nii.gz exists and was not written by TransVW; " +
				"it is never replaced");
		BadInputMatrix.unchanged(before, M.fixtures().path("results"));
		final org.transvw.cli.InProcessMacro.Result old = M.refused("segment-old-key", SEGMENT,
			"file=" + M.at("results/images/case_000.nii.gz") + " bundle=" + M.at(seg) + " folder=" + M
				.at("results") + " device=cpu", "labels/case_000.nii.gz exists and was not written by " +
					"TransVW");
		assertTrue(old.log(), old.log().contains("key 'folder' is deprecated, use 'output'"));
		BadInputMatrix.unchanged(before, M.fixtures().path("results"));
	}

	@Test(timeout = 120_000)
	public void segmentVolumeRefusesBadGeometryAndForeignModalities() throws IOException {
		final String seg = "bundle-segmentation";
		M.refused("segment-uncalibrated-tiff", SEGMENT, segment("uncalibrated.tif", seg), "voxel: " +
			"expected a voxel size for 'uncalibrated.tif', which has none (e.g. a TIFF without " +
			"calibration, unit 'pixel'); give it as voxel=0.8,0.8,2.5 (mm, x,y,z)");
		final Path given = M.fresh("voxel");
		M.accepted("segment-uncalibrated-tiff-voxel", SEGMENT, segment("uncalibrated.tif", seg) +
			" voxel=0.8,0.9,2.5 output=[" + given + "]", "voxel= gives the voxel size; the outputs " +
				"carry it");
		assertEquals(2.5, org.transvw.data.io.VolumeIO.read(given.resolve(
			"labels/uncalibrated.nii.gz")).spacing()[2], 1e-6);
		M.refused("segment-zero-pixdim", SEGMENT, segment("zero-pixdim.nii", seg), "zero-pixdim.nii: " +
			"pixdim[3] = 0.0: expected a positive voxel size (mm); fix the header or give the voxel " +
			"size as voxel=0.8,0.8,2.5");
		M.refused("segment-oblique", SEGMENT, segment("oblique.nii.gz", seg), "oblique.nii.gz: " +
			"direction: expected voxel axes along the world axes within 0.0573 degrees");
		M.refused("segment-undecidable-modality", SEGMENT, segment("odd.nii.gz", seg), "modality: " +
			"cannot tell the modality of odd.nii.gz from its intensities [-200, 799]");
		M.refused("segment-bad-modality", SEGMENT, segment("odd.nii.gz", seg) + " modality=pet",
			"modality: expected auto, ct, mr or xray, got 'pet'");
		M.refused("segment-bad-spacing", SEGMENT, segment("good/images/case_0.nii.gz", seg) +
			" spacing=1,2", "spacing: expected 1 or 3 voxel sizes in mm");
		M.refused("segment-modality-mismatch", SEGMENT, segment("good/images/case_0.nii.gz",
			"bundle-ct-segmentation"), "normalization: expected images of the modality the bundle " +
				"was pre-trained on: the bundle was pre-trained on CT (normalization ct-window " +
				"[-1000.00, 1000.00] HU); these images are MR: case_0.nii.gz has intensities");
		M.accepted("segment-modality-forced", SEGMENT, segment("good/images/case_0.nii.gz",
			"bundle-ct-segmentation") + " normalization=bundle", "normalization=bundle forces the " +
				"bundle's CT window onto the MR image (a logged warning)");
		final Path far = M.fresh("far");
		M.accepted("segment-far-spacing", SEGMENT, segment("good/images/case_0.nii.gz",
			"bundle-far-segmentation") + " output=[" + far + "]", "resampled to the bundle's " +
				"[3, 3, 8] mm with a logged warning (also in the sidecar); outputs on the input's grid");
		final String sidecar = Files.readString(far.resolve("case_0.json"));
		assertTrue(sidecar, sidecar.contains("differ from the bundle's training spacing [3, 3, 8] mm " +
			"by more than 2.0x"));
		assertEquals(24, org.transvw.data.io.VolumeIO.read(far.resolve("labels/case_0.nii.gz"))
			.dimensions()[0]);
	}

	@Test(timeout = 120_000)
	public void segmentVolumeAcceptsAVolumeSmallerThanThePatch() throws IOException {
		final Path out = M.fresh("small");
		M.accepted("segment-smaller-than-patch", SEGMENT, "file=" + M.at("tiny.nii.gz") + " bundle=" +
			M.at("bundle-segmentation") + " output=[" + out + "] device=cpu", "a volume smaller " +
				"than the tile is padded; the outputs have the input's size");
		assertEquals(12, org.transvw.data.io.VolumeIO.read(out.resolve("labels/tiny.nii.gz"))
			.dimensions()[0]);
		M.refused("segment-output-earlier", SEGMENT, "file=" + M.at("tiny.nii.gz") + " bundle=" + M
			.at("bundle-segmentation") + " output=[" + out + "] device=cpu", "already holds results " +
				"of an earlier run (probabilities/tiny.nii.gz, labels/tiny.nii.gz, tiny.json); add " +
				"'overwrite'");
	}

	@Test(timeout = 120_000)
	public void classifyAndEvaluateNeverReplaceAUsersCsv() throws Exception {
		final String classifier = "[" + M.fixtures().classifier() + "]";
		final Path scores = M.fixtures().path("results/scores.csv");
		final String mine = Files.readString(scores);
		M.refused("classify-csv-foreign", CLASSIFY, "table=" + M.at("good/candidates.csv") +
			" bundle=" + classifier + " csv=" + M.at("results/scores.csv") +
			" overwrite device=cpu", "csv: " + scores + " exists and was not written by TransVW; it " +
				"is never replaced");
		M.refused("evaluate-csv-foreign", EVALUATE, "predictions=" + M.at("good/labels") +
			" labels=" + M.at("good/labels") + " csv=" + M.at("results/scores.csv") + " overwrite",
			"csv: " + scores + " exists and was not written by TransVW");
		assertEquals(mine, Files.readString(scores));
		M.refused("classify-not-a-classifier", CLASSIFY, "table=" + M.at("good/candidates.csv") +
			" bundle=" + M.at("bundle-classification") + " device=cpu", "classifier-head.params (not " +
				"a classifier bundle)");
		M.refused("classify-segmentation-bundle", CLASSIFY, "table=" + M.at("good/candidates.csv") +
			" bundle=" + M.at("bundle-segmentation") + " device=cpu", "bundle: expected a " +
				"classification bundle, got pretext 'segmentation'");
		M.refused("classify-outside", CLASSIFY, "table=" + M.at("good/outside.csv") + " bundle=" +
			classifier + " device=cpu", "candidate 2 at 500,2,3 lies outside its " +
				"image case_1.nii.gz");
		M.refused("classify-no-such-table", CLASSIFY, "table=" + M.at("nope.csv") + " bundle=" +
			classifier + " device=cpu", "table: expected a candidates CSV, got");
		M.refused("classify-csv-is-a-folder", CLASSIFY, "table=" + M.at("good/candidates.csv") +
			" bundle=" + classifier + " csv=" + M.at("results") + " device=cpu",
			"csv: expected a file name, got the folder");
		M.refused("classify-old-key", CLASSIFY, "table=" + M.at("good/candidates.csv") + " bundle=" +
			classifier + " batch=0 device=cpu", "budget: expected a whole number " +
				"in [1, 4096], got 0");
	}

	@Test(timeout = 120_000)
	public void evaluateRefusesBadPredictionsAndLabels() throws IOException {
		M.refused("evaluate-nan-predictions", EVALUATE, "predictions=" + M.at("nan/images") +
			" labels=" + M.at("nan/labels"), "case_0.nii.gz: 2 of its 9216 voxels are NaN");
		M.refused("evaluate-labels-wrong-size", EVALUATE, "predictions=" + M.at("wrongsize/images") +
			" labels=" + M.at("wrongsize/labels"), "labels: expected the grid of their image " +
			"images/case_0.nii.gz ([24, 24, 16] voxels of [0.8, 0.9, 2.5] mm, origin [0, 0, 0] mm, " +
			"RAS), got labels/case_0.nii.gz on [20, 24, 16] voxels");
		M.refused("evaluate-empty-predictions", EVALUATE, "predictions=" + M.at("empty") +
			" labels=" + M.at("good/labels"), "no readable volumes");
		M.refused("evaluate-text-named-nifti", EVALUATE, "predictions=" + M.at("fake") + " labels=" + M.at(
			"good/labels"), "case_0.nii.gz");
		M.refused("evaluate-missing-labels", EVALUATE, "predictions=" + M.at("good/labels"),
			"labels: expected a value in the macro options");
		M.refused("evaluate-no-such-folder", EVALUATE, "predictions=" + M.at("nope") + " labels=" + M
			.at("good/labels"), "predictions: expected a folder of predicted volumes, got");
	}
}
