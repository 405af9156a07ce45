package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.phantom.PhantomCollection;
import org.transvw.data.phantom.PhantomConfig;

/**
 * Writes a procedural chest-CT phantom collection (images, lesion labels, phantom.csv) into a
 * folder: the embedded default dataset of TransVW. Macro:
 * <pre>
 * run("Generate phantom collection", "folder=[/tmp/phantom] count=8 size=128 depth=64 groups=4 lesions noise=20 seed=42");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Generate phantom collection")
public class GeneratePhantomCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter(label = "Folder to write the collection into", style = "directory",
		description = "Output folder; images/, labels/ and phantom.csv are written inside it")
	private File folder;

	@Parameter(label = "Count of patients", min = "1", max = "10000",
		description = "Number of phantom patients (cases) to generate")
	private int count = 8;

	@Parameter(label = "Size in-plane (voxels)", min = "16", max = "2048",
		description = "Width and height of each volume; the field of view stays 346 mm, so the " +
			"spacing is 346 mm / size")
	private int size = 128;

	@Parameter(label = "Depth (slices)", min = "8", max = "2048",
		description = "Number of axial slices over 320 mm")
	private int depth = 64;

	@Parameter(label = "Groups of look-alike patients", min = "1",
		description = "Cases i and j share their anatomy (up to a small jitter) when i % groups " +
			"== j % groups")
	private int groups = 4;

	@Parameter(label = "Lesions (lung nodules with label masks)",
		description = "Add 1-3 solid lung nodules per case and write their 0/1 masks to labels/")
	private boolean lesions = true;

	@Parameter(label = "Noise standard deviation (HU)", min = "0", max = "500",
		description = "Additive Gaussian noise in Hounsfield units")
	private double noise = 20;

	@Parameter(label = "Seed of the random generator", persist = false,
		description = "The same seed and parameters always give the same collection")
	private long seed = 42;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was written")
	private String report;

	@Override
	public void run() {
		if (folder == null) {
			cancel("folder: expected an output folder, got none");
			return;
		}
		final PhantomConfig config;
		try {
			config = PhantomConfig.defaults().withSize(size, size, depth).withGroups(groups)
				.withLesions(lesions).withNoise(noise);
			if (count < 1) throw new IllegalArgumentException("count: expected at least 1, got " +
				count);
		}
		catch (final IllegalArgumentException e) {
			cancel(e.getMessage().replaceFirst("^width:", "size:").replaceFirst("^height:", "size:"));
			return;
		}
		final Progress progress = StatusProgress.of(status);
		try {
			PhantomCollection.write(config, seed, count, folder.toPath(), progress, Cancellation.of(
				this::isCanceled));
			report = "phantom: " + count + " cases written to " + folder.getAbsolutePath();
			status.showStatus(report);
		}
		catch (final IOException e) {
			cancel("folder: cannot write the collection: " + e.getMessage());
		}
		catch (final CancellationException e) {
			status.showStatus("phantom generation cancelled; cases written so far are kept");
		}
	}
}
