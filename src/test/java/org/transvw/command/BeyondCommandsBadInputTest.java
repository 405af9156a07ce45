package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.AfterClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.data.io.VolumeIO;

/**
 * The bad-input matrix of Labels from ROIs, Export to BioImage.IO, Import from BioImage.IO and
 * Segment volume's uncertainty through real ImageJ macros: every file they write goes through
 * the output guard (an earlier result needs 'overwrite', a file of the user's is never
 * replaced), and packages that are not ours or were altered are refused.
 */
@Category(EngineTests.class) // the fixtures write bundles; export and import start the engine
public class BeyondCommandsBadInputTest {

	@ClassRule
	public static final TemporaryFolder TMP = new TemporaryFolder();

	private static final BadInputMatrix M = new BadInputMatrix(TMP);

	private static final String ROIS = "Labels from ROIs";
	private static final String EXPORT = "Export to BioImage.IO";
	private static final String IMPORT = "Import from BioImage.IO";
	private static final String SEGMENT = "Segment volume";

	/** An image "scr" with one named stroke on slice 3 of its overlay. */
	private static final String SCRIBBLED = BadInputFixtures.newImage("scr", "32-bit", 1) +
		" setSlice(3); makeRectangle(2, 2, 4, 4); Roi.setName(\"foreground\"); Roi.setPosition(3);" +
		" Overlay.addSelection; Roi.remove;";

	@AfterClass
	public static void report() throws IOException {
		M.report("beyond");
	}

	private static String export(final String zip) throws IOException {
		return "bundle=" + M.at("bundle-segmentation") + " file=" + M.at("good/images/case_0.nii.gz") +
			" output=[" + zip + "] authors=[A. Tester]";
	}

	@Test(timeout = 120_000)
	public void labelsFromRoisWriteThroughTheGuard() throws IOException {
		final Path labels = M.fresh("scribbles");
		M.accepted("rois-first-run", SCRIBBLED, ROIS, "input=scr source=overlay output=[" + labels +
			"]", "writes <name>.nii.gz on the image's grid, recorded as TransVW's");
		M.refused("rois-earlier-result", SCRIBBLED, ROIS, "input=scr source=overlay output=[" +
			labels + "]", "already holds results of an earlier run (scr.nii.gz); add 'overwrite'");
		final Map<String, String> before = BadInputFixtures.snapshot(M.fixtures().path("results"));
		M.refused("rois-output-foreign", SCRIBBLED, ROIS, "input=scr source=overlay output=" + M.at(
			"results"), "already holds files TransVW did not write");
		M.refused("rois-output-foreign-same-name", SCRIBBLED, ROIS, "input=scr source=overlay " +
			"output=" + M.at("results/labels") + " name=case_000 overwrite", "labels/case_000.nii.gz " +
				"exists and was not written by TransVW; it is never replaced");
		BadInputMatrix.unchanged(before, M.fixtures().path("results"));
		M.refused("rois-name-with-folder", SCRIBBLED, ROIS, "input=scr source=overlay output=[" +
			labels + "] name=[../escape]", "name: expected a file name without folders");
		M.refused("rois-no-strokes", BadInputFixtures.newImage("bare", "32-bit", 1), ROIS,
			"input=bare source=overlay output=[" + labels + "]", "source: no ROIs in the overlay");
		M.refused("rois-bad-source", SCRIBBLED, ROIS, "input=scr source=brush output=[" + labels +
			"]", "source: expected auto, manager, overlay, file or labkit, got 'brush'");
		M.refused("rois-old-key", SCRIBBLED, ROIS, "input=scr source=overlay output=[" + labels +
			"] replace", "replace: unknown key");
		assertFalse(Files.exists(labels.getParent().resolve("escape.nii.gz")));
	}

	@Test(timeout = 180_000)
	public void exportNeverReplacesAUsersFile() throws IOException {
		final Path zip = M.fresh("export/model.zip");
		M.accepted("export-first-run", EXPORT, export(zip.toString()), "writes the package; the " +
			"zip is recorded as TransVW's");
		M.refused("export-earlier-zip", EXPORT, export(zip.toString()), "holds the result of an " +
			"earlier run; add 'overwrite' to replace it");
		M.accepted("export-earlier-zip-overwrite", EXPORT, export(zip.toString()) + " overwrite",
			"its own earlier package is replaced");
		final Path mine = M.fixtures().path("results/mine.zip");
		Files.writeString(mine, "the user's own zip");
		M.refused("export-foreign-zip", EXPORT, export(mine.toString()) + " overwrite", "mine.zip " +
			"exists and was not written by TransVW; it is never replaced");
		assertEquals("the user's own zip", Files.readString(mine));
		Files.delete(mine);
		M.refused("export-not-a-zip", EXPORT, export(M.fresh("export/model.txt").toString()),
			"output: expected a .zip file name");
		M.refused("export-pretraining-bundle", EXPORT, export(M.fresh("export/p.zip").toString())
			.replace("bundle-segmentation", "bundle-transvw"), "bundle: expected a segmentation " +
				"bundle");
		M.refused("export-no-authors", EXPORT, export(M.fresh("export/a.zip").toString()).replace(
			"authors=[A. Tester]", "authors=[ ]"), "authors: expected at least one author name");
		M.refused("export-bad-license", EXPORT, export(M.fresh("export/l.zip").toString()) +
			" license=[CC BY]", "license: expected an SPDX licence identifier");
		M.refused("export-no-test-image", EXPORT, "bundle=" + M.at("bundle-segmentation") +
			" output=[" + M.fresh("export/t.zip") + "] authors=A", "input: expected an open image");
		assertFalse(Files.exists(M.fresh("export/p.zip")));
	}

	@Test(timeout = 180_000)
	public void importRefusesOtherAndAlteredPackages() throws IOException {
		final Path zip = M.fresh("import/model.zip");
		M.accepted("import-package-first", EXPORT, export(zip.toString()), "the package to import (written by Export to BioImage.IO)");
		M.refused("import-package-output-foreign", IMPORT, "input=[" + zip + "] output=" + M.at(
			"results"), "already holds files TransVW did not write");
		M.refused("import-package-no-such-file", IMPORT, "input=[" + M.fresh("import/nope.zip") +
			"] output=[" + M.fresh("import/b1") + "]", "input: expected a BioImage.IO package (.zip)");
		M.refused("import-package-not-a-zip", IMPORT, "input=" + M.at("text.pt") + " output=[" + M
			.fresh("import/b2") + "]", "text.pt: not a zip file");
		final Path other = M.fresh("import/other.zip");
		write(other, Map.of("rdf.yaml", "format_version: 0.5.3\ntype: model\nname: other\n"));
		M.refused("import-package-of-another-tool", IMPORT, "input=[" + other + "] output=[" + M
			.fresh("import/b3") + "]", "not a TransVW for Fiji export");
		final Path altered = M.fresh("import/altered.zip");
		alter(zip, altered, "test_input.npy");
		M.refused("import-package-altered", IMPORT, "input=[" + altered + "] output=[" + M.fresh(
			"import/b4") + "]", "test_input.npy has SHA-256");
		assertFalse(Files.exists(M.fresh("import/b4").resolve("model.json")));
		M.accepted("import-package", IMPORT, "input=[" + zip + "] output=[" + M.fresh("import/b5") +
			"]", "a bundle with model.json, weights.params and model-card.md");
		assertTrue(Files.isRegularFile(M.fresh("import/b5").resolve("model-card.md")));
	}

	@Test(timeout = 180_000)
	public void segmentVolumeUncertaintyChoices() throws IOException {
		final String seg = "file=" + M.at("good/images/case_0.nii.gz") + " bundle=" + M.at(
			"bundle-segmentation") + " device=cpu";
		M.refused("segment-uncertainty-mc", SEGMENT, seg + " uncertainty=mc", "uncertainty: 'mc' " +
			"(Monte-Carlo dropout) is not implemented");
		M.refused("segment-uncertainty-unknown", SEGMENT, seg + " uncertainty=entropy",
			"uncertainty: expected none, tta or mc, got 'entropy'");
		final Path out = M.fresh("uncertain");
		M.accepted("segment-uncertainty-tta", SEGMENT, seg + " uncertainty=tta output=[" + out + "]",
			"writes probabilities/, labels/, uncertainty/ and variance/");
		assertEquals(24, VolumeIO.read(out.resolve("uncertainty/case_0.nii.gz")).dimensions()[0]);
		M.refused("segment-uncertainty-earlier", SEGMENT, seg + " uncertainty=tta output=[" + out +
			"]", "uncertainty/case_0.nii.gz, variance/case_0.nii.gz, case_0.json); add 'overwrite'");
	}

	private static void write(final Path zip, final Map<String, String> entries)
		throws IOException
	{
		Files.createDirectories(zip.getParent());
		try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(
			os))
		{
			for (final Map.Entry<String, String> e : entries.entrySet()) {
				z.putNextEntry(new ZipEntry(e.getKey()));
				z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
				z.closeEntry();
			}
		}
	}

	/** A copy of {@code from} with the last byte of {@code entry} changed. */
	private static void alter(final Path from, final Path to, final String entry)
		throws IOException
	{
		try (ZipFile in = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
			ZipOutputStream z = new ZipOutputStream(os))
		{
			for (final ZipEntry e : java.util.Collections.list(in.entries())) {
				final byte[] b;
				try (InputStream s = in.getInputStream(e)) {
					b = s.readAllBytes();
				}
				if (e.getName().equals(entry)) b[b.length - 1] ^= 1;
				z.putNextEntry(new ZipEntry(e.getName()));
				z.write(b);
				z.closeEntry();
			}
		}
	}
}
