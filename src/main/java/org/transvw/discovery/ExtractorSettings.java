package org.transvw.discovery;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.training.LrSchedule;
import org.transvw.training.TrainingSettings;
import org.transvw.network.UNet3d;

/**
 * How patient features are obtained (method.md §2.2): either an auto-encoder trained here
 * on whole scans resized to {@code grid}, or the encoder of a pre-trained model bundle.
 *
 * @param grid whole-scan grid (x, y, z), multiples of 8; reference 128 x 128 x 64
 * @param baseWidth U-Net base width (reference 32: a 512-d feature)
 * @param skipConnections true: the reference's U-Net with skips (default, as the code);
 *          false: a true auto-encoder (the reference's {@code --arch Vnet})
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
		Checks.require(grid != null && grid.length == 3, "grid", "3 sizes (x, y, z)");
		UNet3d.requireInputSizes("grid", grid);
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
