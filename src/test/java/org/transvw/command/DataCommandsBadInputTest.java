package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
import org.transvw.cli.InProcessMacro;
import org.transvw.data.phantom.PhantomCollection;

/**
 * The bad-input matrix of the data commands (Generate phantom collection, Self-discovery,
 * Visual word browser, Perturbation preview, Engine info) through real ImageJ macros.
 */
@Category(EngineTests.class) // the fixtures write bundles; fine-tuning cases start the engine
public class DataCommandsBadInputTest {

	@ClassRule
	public static final TemporaryFolder TMP = new TemporaryFolder();

	private static final BadInputMatrix M = new BadInputMatrix(TMP);

	private static final String PHANTOM = "Generate phantom collection";
	private static final String DISCOVERY = "Self-discovery";
	/** Small, fast self-discovery settings (the refusals come before any training). */
	private static final String SMALL = " classes=2 k=1 patch=8,8,8 grid=16,16,8 width=4 " +
		"epochs=1 batch=2 device=cpu";

	@AfterClass
	public static void report() throws IOException {
		M.report("data");
	}

	@Test(timeout = 60_000)
	public void phantomRefusesBadNumbersAndKeys() throws IOException {
		final String out = "output=[" + M.fresh("p1") + "]";
		M.refused("phantom-missing-output", PHANTOM, "count=2",
			"output: expected a value in the macro options");
		M.refused("phantom-unknown-key", PHANTOM, out + " cuont=2",
			"cuont: unknown key; did you mean 'count'?");
		M.refused("phantom-zero-count", PHANTOM, out + " count=0",
			"count: expected a whole number in [1, 10000], got 0");
		M.refused("phantom-huge-size", PHANTOM, out + " size=99999999999",
			"size: expected a whole number in [16, 2048], got 99999999999");
		M.refused("phantom-negative-noise", PHANTOM, out + " noise=-5",
			"noise: expected a number in [0, 500], got -5");
		M.refused("phantom-huge-seed", PHANTOM, out + " seed=99999999999999999999",
			"seed: expected a whole number in [-9223372036854775808, 9223372036854775807]");
		M.refused("phantom-output-unwritable", PHANTOM, "output=" + M.at("occupied/sub") +
			" count=1 size=16 depth=8", "output: cannot create the folder");
		assertFalse(Files.exists(M.fresh("p1")));
	}

	@Test(timeout = 120_000)
	public void phantomNeverTouchesFilesItDidNotWrite() throws IOException {
		final String small = " count=3 size=16 depth=8 groups=1 seed=3";
		final Path beside = M.fresh("beside");
		Files.createDirectories(beside);
		Files.writeString(beside.resolve("notes.txt"), "mine");
		M.refused("phantom-output-foreign", PHANTOM, "output=[" + beside + "]" + small,
			"already holds files TransVW did not write (notes.txt)");
		// with overwrite and no clash: written beside the user's files, which stay as they were
		M.accepted("phantom-output-foreign-overwrite", PHANTOM, "output=[" + beside + "]" + small +
			" overwrite", "written beside the user's files, which stay");
		assertEquals("mine", Files.readString(beside.resolve("notes.txt")));
		// even with overwrite: results/images/case_000.nii.gz is the user's and is never replaced
		final Path results = M.fixtures().path("results");
		final Map<String, String> before = BadInputFixtures.snapshot(results);
		M.refused("phantom-output-foreign-same-name", PHANTOM, "output=" + M.at("results") + small +
			" overwrite", "images/case_000.nii.gz exists and was not written by TransVW; it is " +
				"never replaced");
		BadInputMatrix.unchanged(before, results);
	}

	@Test(timeout = 120_000)
	public void phantomReplacesOnlyItsOwnEarlierCollection() throws IOException {
		final Path dir = M.fresh("p2");
		final String base = "output=[" + dir + "] size=16 depth=8 groups=1 seed=3";
		assertTrue(InProcessMacro.run("run(\"" + PHANTOM + "\", \"" + base + " count=3\");")
			.completed());
		Files.writeString(dir.resolve("images/mine.txt"), "mine");
		M.refused("phantom-output-earlier", PHANTOM, base + " count=2",
			"already holds results of an earlier run (images/case_000.nii.gz");
		M.accepted("phantom-output-earlier-overwrite", PHANTOM, base + " count=2 overwrite",
			"its own earlier cases are replaced, stale ones removed; phantom.csv matches the folder");
		assertFalse("stale case removed", Files.exists(dir.resolve("images/case_002.nii.gz")));
		assertEquals(3, Files.readAllLines(dir.resolve(PhantomCollection.CSV)).size());
		assertEquals("mine", Files.readString(dir.resolve("images/mine.txt")));
	}

	@Test(timeout = 120_000)
	public void selfDiscoveryRefusesBadFoldersAndVolumes() throws IOException {
		M.refused("discovery-missing-input", DISCOVERY, "output=[" + M.fresh("d0") + "]",
			"input: expected a value in the macro options");
		M.refused("discovery-no-such-input", DISCOVERY, "input=" + M.at("nope") + " output=[" + M
			.fresh("d1") + "]", "input: expected a folder of scans, got");
		M.refused("discovery-empty-input", DISCOVERY, "input=" + M.at("empty") + " output=[" + M
			.fresh("d2") + "]" + SMALL, "no readable volumes in this folder");
		M.refused("discovery-non-images", DISCOVERY, "input=" + M.at("text") + " output=[" + M.fresh(
			"d3") + "]" + SMALL, "no readable volumes in this folder");
		M.refused("discovery-text-named-nifti", DISCOVERY, "input=" + M.at("fake") + " output=[" + M
			.fresh("d4") + "]" + SMALL, "case_0.nii.gz");
		M.refused("discovery-nan-voxels", DISCOVERY, "input=" + M.at("nan/images") + " output=[" + M
			.fresh("d5") + "]" + SMALL, "case_0.nii.gz: 2 of its 9216 voxels are NaN and 1 is infinite");
		M.refused("discovery-all-zero", DISCOVERY, "input=" + M.at("zero") + " output=[" + M.fresh(
			"d6") + "]" + SMALL, "classes: found only 0 visual words");
		M.refused("discovery-smaller-than-patch", DISCOVERY, "input=" + M.at("good/images") +
			" output=[" + M.fresh("d7") + "]" + SMALL.replace("patch=8,8,8", "patch=64,64,32"),
			"too small along x (24 voxels) for patch 64");
		M.refused("discovery-huge-patch", DISCOVERY, "input=" + M.at("good/images") + " output=[" + M
			.fresh("d8") + "] patch=99999,64,32", "patch: expected sizes x,y[,z] from 1 to 4096");
		M.refused("discovery-negative-classes", DISCOVERY, "input=" + M.at("good/images") +
			" output=[" + M.fresh("d9") + "] classes=-1", "classes: expected a whole number in [0, " +
				"100000], got -1");
		M.refused("discovery-bad-choice", DISCOVERY, "input=" + M.at("good/images") + " output=[" + M
			.fresh("d10") + "] criterion=lungs", "criterion: expected auto, lung, foreground or any, got " +
				"'lungs'");
	}

	@Test(timeout = 60_000)
	public void selfDiscoveryKeysAndOutputs() throws IOException {
		final InProcessMacro.Result old = M.refused("discovery-old-keys", DISCOVERY, "input=" + M.at(
			"nope") + " output=[" + M.fresh("d11") + "] validation=-1 fraction=0.2",
			"input: expected a folder of scans");
		assertTrue(old.log(), old.log().contains("key 'fraction' is deprecated, use 'validation'"));
		assertTrue(old.log(), old.log().contains("key 'validation' is deprecated, use 'kval'"));
		M.refused("discovery-mistyped-key", DISCOVERY, "input=" + M.at("good/images") + " output=[" +
			M.fresh("d12") + "] epoch=1", "epoch: unknown key; did you mean 'epochs'?");
		final Path results = M.fixtures().path("results");
		final Map<String, String> before = BadInputFixtures.snapshot(results);
		M.refused("discovery-output-foreign", DISCOVERY, "input=" + M.at("good/images") + " output=" +
			M.at("results") + SMALL, "already holds files TransVW did not write");
		BadInputMatrix.unchanged(before, results);
		M.refused("discovery-output-is-a-file", DISCOVERY, "input=" + M.at("good/images") +
			" output=" + M.at("occupied") + SMALL, "output: expected a folder, got the file");
	}

	@Test(timeout = 60_000)
	public void browserPreviewAndEngineInfo() throws IOException {
		M.refused("browser-no-such-dataset", "Visual word browser", "dataset=" + M.at("nope"),
			"dataset: expected a visual-word dataset folder, got");
		M.refused("browser-not-a-dataset", "Visual word browser", "dataset=" + M.at("empty"),
			"dataset: expected a folder with manifest.json");
		M.refused("browser-bad-projection", "Visual word browser", "dataset=" + M.at("empty") +
			" projection=min", "projection: expected slice or max, got 'min'");
		M.refused("browser-zero-columns", "Visual word browser", "dataset=" + M.at("empty") +
			" columns=0", "columns: expected a whole number in [1, 1000], got 0");
		M.refused("preview-zero-count", BadInputFixtures.newImage("cube", "32-bit", 1),
			"Perturbation preview", "input=cube count=0", "count: expected a whole number in [1, 64]");
		M.refused("preview-two-channels", BadInputFixtures.newImage("two", "32-bit", 2),
			"Perturbation preview", "input=two", "input: expected one channel and one time point");
		M.refused("preview-rgb", BadInputFixtures.newImage("rgb", "RGB", 1), "Perturbation preview",
			"input=rgb", "input: expected a gray-value image");
		M.refused("preview-no-image", "Perturbation preview", "transform=transvw",
			"input: expected an open image");
		M.refused("preview-unknown-transform", BadInputFixtures.newImage("cube", "32-bit", 1),
			"Perturbation preview", "input=cube transform=transvw.twirl", "transform: expected");
		M.refused("engine-bad-format", "Engine info", "format=xml",
			"format: expected text or json, got 'xml'");
		M.refused("engine-unknown-key", "Engine info", "format=json dowload",
			"dowload: unknown key; did you mean 'download'?");
	}
}
