package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.transvw.data.io.VolumeCollection;

public class GeneratePhantomCommandTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/** Collects status messages published by the command. */
	public static class Listener {

		final List<String> messages = new ArrayList<>();

		@EventHandler
		public void onStatus(final StatusEvent e) {
			messages.add(e.getStatusMessage());
		}
	}

	@Test
	public void writesTheCollectionAndReportsProgress() throws Exception {
		// setup
		final File out = new File(tmp.getRoot(), "phantom");
		try (Context ctx = new Context(CommandService.class, StatusService.class,
			EventService.class))
		{
			final Listener listener = new Listener();
			ctx.service(EventService.class).subscribe(listener);
			// process
			final CommandModule m = ctx.service(CommandService.class).run(
				GeneratePhantomCommand.class, true, "output", out, "count", 3, "size", 32, "depth", 16,
				"groups", 2, "lesions", true, "noise", 10.0, "seed", 5L).get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			assertEquals("phantom: 3 cases written to " + out.getAbsolutePath(), m.getOutput(
				"report"));
			final VolumeCollection c = VolumeCollection.open(out.toPath());
			assertEquals(3, c.size());
			assertEquals(32, c.load(2).dimensions()[0]);
			assertTrue(Files.exists(out.toPath().resolve("labels/case_002.nii.gz")));
			assertEquals(4, Files.readAllLines(out.toPath().resolve("phantom.csv")).size());
			assertTrue(listener.messages.toString(), listener.messages.contains(
				"phantom case 2/3"));
		}
	}

	@Test
	public void badInputCancelsWithAReason() throws Exception {
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandModule m = ctx.service(CommandService.class).run(
				GeneratePhantomCommand.class, true, "output", tmp.getRoot(), "count", 1, "size", 4,
				"depth", 16, "groups", 1, "lesions", false, "noise", 0.0, "seed", 1L).get();
			assertTrue(m.isCanceled());
			assertEquals("size: expected a value in [16, 2048], got 4", m.getCancelReason());
			final File notAFolder = tmp.newFile("occupied");
			final CommandModule blocked = ctx.service(CommandService.class).run(
				GeneratePhantomCommand.class, true, "output", notAFolder, "count", 1, "size", 32,
				"depth", 16, "groups", 1, "lesions", false, "noise", 0.0, "seed", 1L).get();
			assertTrue(blocked.isCanceled());
			assertEquals("output: expected a folder, got the file " + notAFolder, blocked
				.getCancelReason());
			assertNull(blocked.getOutput("report"));
		}
	}
}
