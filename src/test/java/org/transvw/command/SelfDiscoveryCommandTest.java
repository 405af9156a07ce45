package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
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
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.phantom.PhantomCollection;
import org.transvw.data.phantom.PhantomConfig;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDataset;

import ij.ImagePlus;

public class SelfDiscoveryCommandTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private Path phantoms(final int count) throws Exception {
		final Path dir = tmp.newFolder("phantoms").toPath();
		PhantomCollection.write(PhantomConfig.defaults().withSize(48, 48, 24).withLesions(false),
			3, count, dir, Progress.NONE, Cancellation.NEVER);
		return dir.resolve("images");
	}

	private static CommandModule discover(final Context ctx, final File in, final File out,
		final int k) throws Exception
	{
		return ctx.service(CommandService.class).run(SelfDiscoveryCommand.class, true, "input", in,
			"output", out, "classes", 2, "k", k, "kval", -1, "validation", 0.25, "patch", "8,8,4",
			"criterion", "lung", "normalization", "ct", "grid", "16,16,8", "width", 4, "skips", true,
			"epochs", 1, "batch", 4, "patience", 5, "extractor", null, "device", "cpu", "seed", 3L)
			.get();
	}

	@Test
	@Category(EngineTests.class)
	public void discoversWordsAndTheBrowserShowsThem() throws Exception {
		// setup
		final File in = phantoms(8).toFile();
		final File out = new File(tmp.getRoot(), "words");
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			// process
			final CommandModule m = discover(ctx, in, out, 2);
			final CommandModule b = ctx.service(CommandService.class).run(
				VisualWordBrowserCommand.class, true, "dataset", out, "columns", 4, "words", 0,
				"projection", "max", "split", "train").get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			assertTrue((String) m.getOutput("summary"), ((String) m.getOutput("summary")).startsWith(
				"self-discovery: 2 visual words, K = 2, 2 validation per word, 6 + 2 patients"));
			try (VisualWordDataset ds = VisualWordDataset.open(out.toPath())) {
				assertEquals(2 * 2 * 3, ds.size(Split.TRAIN));
			}
			assertFalse(b.getCancelReason(), b.isCanceled());
			final ImagePlus montage = (ImagePlus) b.getOutput("montage");
			assertEquals(4 * 8, montage.getWidth());
			assertEquals(2 * 8, montage.getHeight());
			// every tile of the 2 x 4 grid holds an instance (6 per word): no black tile
			for (int r = 0; r < 2; r++)
				for (int c = 0; c < 4; c++) {
					double s = 0;
					for (int y = 0; y < 8; y++)
						for (int x = 0; x < 8; x++)
							s += montage.getProcessor().getf(c * 8 + x, r * 8 + y);
					assertTrue("tile " + r + "," + c, s > 0);
				}
			// a rerun into its own dataset (the README's demo run twice) finds it TransVW's
			assertTrue(java.nio.file.Files.readString(out.toPath().resolve(
				org.transvw.data.io.OutputFolder.MARKER)).contains("manifest.json"));
			final CommandModule again = discover(ctx, in, out, 2);
			assertFalse(again.getCancelReason(), again.isCanceled());
		}
	}

	@Test
	@Category(EngineTests.class) // the command resolves the device (starts the engine) first
	public void collectionSmallerThanKCancelsNamingTheLimit() throws Exception {
		final File in = phantoms(4).toFile();
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandModule m = discover(ctx, in, new File(tmp.getRoot(), "out"), 5);
			assertTrue(m.isCanceled());
			assertEquals("k: expected at most the 3 training patients of the collection, got 5", m
				.getCancelReason());
		}
	}

	@Test
	public void badFoldersCancelWithAReason() throws Exception {
		try (Context ctx = new Context(CommandService.class, StatusService.class)) {
			final CommandModule m = discover(ctx, new File(tmp.getRoot(), "missing"), tmp.getRoot(),
				2);
			assertTrue(m.isCanceled());
			assertTrue(m.getCancelReason(), m.getCancelReason().startsWith(
				"input: expected a folder of scans"));
			final CommandModule b = ctx.service(CommandService.class).run(
				VisualWordBrowserCommand.class, true, "dataset", tmp.newFolder("empty"), "columns", 4,
				"words", 0, "projection", "slice", "split", "train").get();
			assertTrue(b.isCanceled());
			assertTrue(b.getCancelReason(), b.getCancelReason().startsWith(
				"dataset: expected a folder with manifest.json"));
		}
	}
}
