package org.transvw.command;

import java.io.File;
import java.io.IOException;
import java.util.Locale;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.phantom.PhantomCollection;
import org.transvw.data.phantom.PhantomConfig;
import org.transvw.data.phantom.RadiographCollection;
import org.transvw.data.phantom.RadiographConfig;

/**
 * Writes a procedural chest-CT phantom collection (images, lesion labels, phantom.csv) into a
 * folder: the embedded default dataset of TransVW; with {@code kind=xray} the chest
 * radiographs projected from it (digitally reconstructed radiographs with projected nodule masks,
 * radiograph.csv; docs/xray-2d.md). Macro:
 * <pre>
 * run("Generate phantom collection", "output=[/tmp/phantom] count=8 size=128 depth=64 groups=4 lesions noise=20 seed=42");
 * run("Generate phantom collection", "output=[/tmp/drr] kind=xray count=8 size=128 groups=4 seed=42");
 * </pre>
 */
@Plugin(type = Command.class, menuPath = "Plugins>TransVW>Generate phantom collection")
public class GeneratePhantomCommand extends TransVwCommand {

	@Parameter(label = "Output folder of the collection", style = "directory",
		description = "images/, labels/ and phantom.csv are written inside it")
	private File output;

	@Parameter(label = "Kind of phantom", choices = { "ct", "xray" }, persist = false,
		description = "ct: chest-CT volumes (int16 HU, NIfTI); xray: chest radiographs of size x " +
			"size pixels projected from the CT phantom (line integrals, float32 TIFF; depth and " +
			"noise do not apply, quantum noise of 1e5 photons per pixel)")
	private String kind = "ct";

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

	@Parameter(label = "Groups of look-alike patients", min = "1", max = "10000",
		description = "Cases i and j share their anatomy (up to a small jitter) when i % groups " +
			"== j % groups")
	private int groups = 4;

	@Parameter(label = "Lesions (lung nodules with label masks)",
		description = "Add 1-3 solid lung nodules per case and write their 0/1 masks to labels/")
	private boolean lesions = true;

	@Parameter(label = "Noise standard deviation (HU)", min = "0", max = "500",
		description = "Additive Gaussian noise in Hounsfield units")
	private double noise = 20;

	@Parameter(label = SharedParameters.SEED_LABEL, persist = false,
		description = SharedParameters.SEED_DESCRIPTION)
	private long seed = 42;

	@Parameter(label = SharedParameters.OVERWRITE_LABEL, persist = false,
		description = SharedParameters.OVERWRITE_DESCRIPTION)
	private boolean overwrite;

	@Parameter(label = "Report", type = ItemIO.OUTPUT, description = "What was written")
	private String report;

	@Override
	protected void execute() throws IOException {
		final String m = kind == null ? "ct" : kind.trim().toLowerCase(Locale.ROOT);
		if (m.equals("xray")) {
			radiographs();
			return;
		}
		if (!m.equals("ct")) throw new IllegalArgumentException("kind: expected ct or xray, got '" +
			kind + "'");
		final PhantomConfig config;
		try {
			config = PhantomConfig.defaults().withSize(size, size, depth).withGroups(groups)
				.withLesions(lesions).withNoise(noise);
		}
		catch (final IllegalArgumentException e) { // NB: one key sets both width and height
			throw new IllegalArgumentException(e.getMessage().replaceFirst("^(width|height):", "size:"));
		}
		final OutputFolder out = OutputFolder.prepare(output == null ? null : output.toPath(),
			"output", overwrite, PhantomCollection.files(count));
		PhantomCollection.write(config, seed, count, out, progress(), cancellation());
		report = "phantom: " + count + " cases written to " + output.getAbsolutePath();
		status(report);
	}

	private void radiographs() throws IOException {
		final RadiographConfig config = RadiographConfig.defaults().withSize(size, size).withGroups(
			groups).withLesions(lesions);
		final OutputFolder out = OutputFolder.prepare(output == null ? null : output.toPath(),
			"output", overwrite, RadiographCollection.files(count, ".tif"));
		RadiographCollection.write(config, seed, count, out, ".tif", progress(), cancellation());
		report = "radiograph phantom: " + count + " chest radiographs (" + size + " x " + size +
			") written to " + output.getAbsolutePath();
		status(report);
	}

	@Override
	protected String cancelledNote() {
		return "cases written so far are kept";
	}
}
