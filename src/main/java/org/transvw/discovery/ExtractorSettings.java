package org.transvw.discovery;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.training.LrSchedule;
import org.transvw.training.TrainingSettings;
import org.transvw.network.UNet2d;
import org.transvw.network.UNet3d;

/**
 * How patient features are obtained (method.md §2.2): either an auto-encoder trained here
 * on whole scans resized to {@code grid}, or the encoder of a pre-trained model bundle.
 *
 * @param grid whole-scan grid (x, y, z) for volumes, (x, y) for 2D images, multiples of 8;
 *          reference 128 x 128 x 64 (2D: the x, y of a 3D grid, {@link #forDimensions})
 * @param baseWidth U-Net base width (reference 32: a 512-d feature)
 * @param skipConnections true: the reference's U-Net with skips (default, as the code);
 *          false: a true auto-encoder (the reference's {@code --arch Vnet}; volumes only)
 * @param training the auto-encoder's training, {@link #defaultTraining()} by default. NB: its
 *          seed is not used: self-discovery has one seed ({@link SelfDiscoveryConfig#seed()}),
 *          which the auto-encoder trains with
 * @param bundle a pre-trained model bundle whose encoder gives the features instead, or null
 * @param device DJL device: auto, cpu, gpu or gpu:N
 */
public record ExtractorSettings(int[] grid, int baseWidth, boolean skipConnections,
	TrainingSettings training, Path bundle, String device)
{

	public ExtractorSettings {
		Checks.require(grid != null && (grid.length == 3 || grid.length == 2), "grid",
			"3 sizes (x, y, z) for volumes or 2 sizes (x, y) for 2D images");
		if (grid.length == 3) UNet3d.requireInputSizes("grid", grid);
		else for (final int g : grid)
			Checks.require(g > 0 && g % UNet2d.REQUIRED_MULTIPLE == 0, "grid", "positive " +
				"multiples of " + UNet2d.REQUIRED_MULTIPLE + ", got " + Arrays.toString(grid));
		Checks.inRange(baseWidth, 1, 256, "width");
		Checks.notNull(training, "training");
		Checks.notNull(device, "device");
		grid = grid.clone();
	}

	/**
	 * The reference auto-encoder training: Adam 1e-3, batch 8, up to 10 000 epochs, early
	 * stopping patience 50, the rate halved after 20 stale epochs down to 1e-6.
	 */
	public static TrainingSettings defaultTraining() {
		return TrainingSettings.defaults().withSchedule(new LrSchedule.Plateau(20, 0.5, 1e-4,
			1e-6));
	}

	/** The reference: 128 x 128 x 64, width 32, skips on, {@link #defaultTraining()}. */
	public static ExtractorSettings defaults() {
		return new ExtractorSettings(new int[] { 128, 128, 64 }, 32, true, defaultTraining(), null,
			"auto");
	}

	@Override
	public int[] grid() {
		return grid.clone();
	}

	/**
	 * These settings for images of {@code dims} spatial axes: unchanged when the grid has as many
	 * sizes; for 2D images a 3D grid gives its x, y (the default 128 x 128 x 64 becomes 128 x 128,
	 * logged by self-discovery). A 2D grid for volumes is refused, as is a 2D auto-encoder without
	 * skip connections (the 2D U-Net always has them).
	 */
	public ExtractorSettings forDimensions(final int dims) {
		Checks.require(dims == 2 || dims == 3, "input", "2D images or 3D volumes, found " + dims +
			" spatial axes");
		if (dims == 3) Checks.require(grid.length == 3, "grid", "3 sizes (x, y, z) for volumes, " +
			"got " + Arrays.toString(grid));
		if (dims == 2) Checks.require(skipConnections || bundle != null, "skips", "skip " +
			"connections for 2D images (the 2D auto-encoder is the 2D U-Net, skips=false is for " +
			"volumes)");
		return grid.length == dims ? this : withGrid(grid[0], grid[1]);
	}

	public ExtractorSettings withGrid(final int... g) {
		return new ExtractorSettings(g, baseWidth, skipConnections, training, bundle, device);
	}

	public ExtractorSettings withNetwork(final int width, final boolean skips) {
		return new ExtractorSettings(grid, width, skips, training, bundle, device);
	}

	public ExtractorSettings withTraining(final TrainingSettings t) {
		return new ExtractorSettings(grid, baseWidth, skipConnections, t, bundle, device);
	}

	public ExtractorSettings withBundle(final Path b) {
		return new ExtractorSettings(grid, baseWidth, skipConnections, training, b, device);
	}

	public ExtractorSettings withDevice(final String d) {
		return new ExtractorSettings(grid, baseWidth, skipConnections, training, bundle, d);
	}

	/**
	 * JSON-compatible description (the feature cache key; the device is left out: it does not
	 * change features, nor do the unused training seed, {@code checkpointEvery} and
	 * {@code fresh}).
	 */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("grid", Arrays.stream(grid).boxed().toList());
		if (bundle != null) {
			m.put("bundle", bundle.toAbsolutePath().toString());
			return m;
		}
		m.put("baseWidth", baseWidth);
		m.put("skipConnections", skipConnections);
		m.put("epochs", training.maxEpochs());
		m.put("batch", training.batch());
		m.put("learningRate", training.learningRate());
		m.put("patience", training.patience());
		m.put("schedule", training.schedule().describe());
		return m;
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof ExtractorSettings e && toMap().equals(e.toMap()) && device.equals(
			e.device);
	}

	@Override
	public int hashCode() {
		return toMap().hashCode();
	}
}
