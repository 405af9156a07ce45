package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogService;
import org.transvw.EngineTests;
import org.transvw.network.BatchNormMode;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;

import ai.djl.Device;

/** The import command run headless, as a macro would. */
@Category(EngineTests.class)
public class ImportWeightsCommandTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static File fixture(final String name) throws URISyntaxException {
		return Paths.get(ImportWeightsCommandTest.class.getResource(
			"/org/transvw/network/weights/" + name).toURI()).toFile();
	}

	@Test
	public void importsKerasWeightsIntoABundle() throws Exception {
		// setup
		final Path out = tmp.getRoot().toPath().resolve("keras-bundle");
		try (Context ctx = new Context(CommandService.class, StatusService.class,
			LogService.class))
		{
			// process
			final CommandModule m = ctx.service(CommandService.class).run(
				ImportWeightsCommand.class, true, "input", fixture("ynet_keras_b2.h5"), "output", out
					.toFile(), "flavour", "auto", "batchnorm", "auto").get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			final String report = (String) m.getOutput("report");
			assertTrue(report, report.contains("depth_0_conv/kernel (3, 3, 3, 1, 2) -> " +
				"depth_0_conv.weight (2, 1, 3, 3, 3)"));
			assertTrue(report, report.contains("missing (0)"));
			try (ModelBundle b = ModelBundle.load(out, Device.cpu())) {
				assertEquals(Flavour.KERAS, b.block().config().flavour());
				assertEquals(BatchNormMode.RUNNING, b.block().config().batchNormMode());
				assertEquals(3, b.block().config().numClasses());
				assertEquals("ynet_keras_b2.h5", b.description().provenance().get("sourceFile"));
			}
		}
	}

	@Test
	public void badInputsCancelWithAReason() throws Exception {
		final Path out = tmp.getRoot().toPath().resolve("b");
		final Path notWeights = tmp.newFile("notes.pt").toPath();
		Files.writeString(notWeights, "hello");
		try (Context ctx = new Context(CommandService.class, StatusService.class,
			LogService.class))
		{
			final CommandService cs = ctx.service(CommandService.class);
			CommandModule m = cs.run(ImportWeightsCommand.class, true, "input", new File(
				"/no/such.pt"), "output", out.toFile()).get();
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason(), m.getCancelReason().startsWith("input: expected"));
			m = cs.run(ImportWeightsCommand.class, true, "input", notWeights.toFile(), "output", out
				.toFile()).get();
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason(), m.getCancelReason().contains("notes.pt: not a"));
			m = cs.run(ImportWeightsCommand.class, true, "input", fixture("missing_key_b1.pt"),
				"output", out.toFile()).get();
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason(), m.getCancelReason().contains(
				"up_tr64.ops.1.bn1.running_var is missing"));
			m = cs.run(ImportWeightsCommand.class, true, "input", fixture("ynet_b1.pt"), "output",
				out.toFile(), "flavour", "tensorflow").get();
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason(), m.getCancelReason().startsWith("flavour: expected"));
			assertFalse("nothing written", Files.exists(out));
		}
	}
}
