package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.transvw.EngineTests;
import org.transvw.data.io.VolumeIO;
import org.transvw.network.ModelBundle;

import ai.djl.Device;

/** "Export to BioImage.IO" and "Import from BioImage.IO" run headless and refuse bad input. */
@Category(EngineTests.class)
public class BioImageIoCommandsTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void exportThenImportGivesTheSameNetwork() throws Exception {
		// setup
		final Path root = tmp.getRoot().toPath();
		TransferFixtures.writeSegmentationBundle(root.resolve("bundle"));
		VolumeIO.write(TransferFixtures.sphere(10, 1)[0], root.resolve("case.nii.gz"));
		final File zip = root.resolve("m.zip").toFile();
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandService cs = ctx.service(CommandService.class);
			// process
			final CommandModule ex = cs.run(ExportBioImageIoCommand.class, true, "bundle", root.resolve(
				"bundle").toFile(), "file", root.resolve("case.nii.gz").toFile(), "output", zip, "name",
				"Spheres", "description", "Test spheres.", "authors", "A. Tester, B. Tester", "license",
				"CC0-1.0", "overwrite", false).get();
			assertFalse(ex.getCancelReason(), ex.isCanceled());
			final CommandModule im = cs.run(ImportBioImageIoCommand.class, true, "input", zip, "output",
				root.resolve("again").toFile()).get();
			// test
			assertFalse(im.getCancelReason(), im.isCanceled());
			assertTrue((String) ex.getOutput("report"), ((String) ex.getOutput("report")).contains(
				"weights.pt  sha256 "));
			try (ModelBundle a = ModelBundle.load(root.resolve("bundle"), Device.cpu()); ModelBundle b =
				ModelBundle.load(root.resolve("again"), Device.cpu()))
			{
				assertEquals(a.block().config(), b.block().config());
				assertEquals("m.zip", b.description().provenance().get("importedFrom"));
			}
			final String card = Files.readString(root.resolve("again/model-card.md"));
			assertTrue(card, card.contains("**BioImage.IO import**; importedFrom: m.zip"));
			assertTrue(Files.readString(root.resolve("again/model.json")).contains("\"card\": {"));
			// bad input: no authors; an existing zip without overwrite; a foreign output folder
			final CommandModule noAuthors = cs.run(ExportBioImageIoCommand.class, true, "bundle", root
				.resolve("bundle").toFile(), "file", root.resolve("case.nii.gz").toFile(), "output", root
					.resolve("n.zip").toFile(), "authors", " ").get();
			assertTrue(noAuthors.isCanceled());
			assertTrue(noAuthors.getCancelReason(), noAuthors.getCancelReason().startsWith("authors:"));
			final CommandModule exists = cs.run(ExportBioImageIoCommand.class, true, "bundle", root
				.resolve("bundle").toFile(), "file", root.resolve("case.nii.gz").toFile(), "output", zip,
				"authors", "A").get();
			assertTrue(exists.getCancelReason(), exists.getCancelReason().contains(
				"holds the result of an earlier run; add 'overwrite'"));
			Files.createDirectories(root.resolve("mine"));
			Files.writeString(root.resolve("mine/notes.txt"), "x");
			final CommandModule foreign = cs.run(ImportBioImageIoCommand.class, true, "input", zip,
				"output", root.resolve("mine").toFile()).get();
			assertTrue(foreign.isCanceled());
			assertTrue(foreign.getCancelReason(), foreign.getCancelReason().startsWith("output:"));
			assertTrue(Files.exists(root.resolve("mine/notes.txt")));
		}
	}
}
