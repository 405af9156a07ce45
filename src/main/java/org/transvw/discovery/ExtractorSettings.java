package org.transvw.discovery;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;

/**
 * How patient features are obtained (method.md §2.2): either an auto-encoder trained here
 * on whole scans resized to {@code grid}, or the encoder of a pre-trained model bundle.
 *
 * @param grid whole-scan grid (x, y, z), multiples of 8; reference 128 x 128 x 64
 * @param baseWidth U-Net base width (reference 32: a 512-d feature)
 * @param skipConnections true: the reference's U-Net with skips (default, as the code);
 *          false: a true auto-encoder (the reference's {@code --arch Vnet})
 * @param epochs maximum auto-encoder epochs (reference 10 000)
 * @param batch auto-encoder batch size (reference 8)
 * @param learningRate Adam learning rate (reference 1e-3)
 * @param patience early-stopping patience in epochs (reference 50); the learning rate halves
 *          after 20 stale epochs (min 1e-6), as the reference
 * @param bundle a pre-trained model bundle whose encoder gives the features instead, or null
 * @param device DJL device: auto, cpu, gpu or gpu:N
 */
public record ExtractorSettings(int[] grid, int baseWidth, boolean skipConnections, int epochs,
	int batch, double learningRate, int patience, Path bundle, String device)
{

	public ExtractorSettings {
		Checks.require(grid != null && grid.length == 3, "grid", "3 sizes (x, y, z)");
		for (final int g : grid)
			Checks.require(g >= 8 && g % 8 == 0, "grid", "positive multiples of 8, got " + Arrays
				.toString(grid));
		Checks.inRange(baseWidth, 1, 256, "width");
		Checks.positive(epochs, "epochs");
		Checks.positive(batch, "batch");
		Checks.require(learningRate > 0, "rate", "a positive learning rate, got " + learningRate);
		Checks.positive(patience, "patience");
		Checks.notNull(device, "device");
		grid = grid.clone();
	}

	/** The reference: 128 x 128 x 64, width 32, skips on, 10 000 epochs, batch 8, 1e-3, 50. */
	public static ExtractorSettings defaults() {
		return new ExtractorSettings(new int[] { 128, 128, 64 }, 32, true, 10_000, 8, 1e-3, 50,
			null, "auto");
	}

	@Override
	public int[] grid() {
		return grid.clone();
	}

	public ExtractorSettings withGrid(final int... g) {
		return new ExtractorSettings(g, baseWidth, skipConnections, epochs, batch, learningRate,
			patience, bundle, device);
	}

	public ExtractorSettings withNetwork(final int width, final boolean skips) {
		return new ExtractorSettings(grid, width, skips, epochs, batch, learningRate, patience,
			bundle, device);
	}

	public ExtractorSettings withTraining(final int maxEpochs, final int batchSize,
		final double rate, final int stale)
	{
		return new ExtractorSettings(grid, baseWidth, skipConnections, maxEpochs, batchSize, rate,
			stale, bundle, device);
	}

	public ExtractorSettings withBundle(final Path b) {
		return new ExtractorSettings(grid, baseWidth, skipConnections, epochs, batch, learningRate,
			patience, b, device);
	}

	public ExtractorSettings withDevice(final String d) {
		return new ExtractorSettings(grid, baseWidth, skipConnections, epochs, batch, learningRate,
			patience, bundle, d);
	}

	/** JSON-compatible description (the device is left out: it does not change features). */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("grid", Arrays.stream(grid).boxed().toList());
		if (bundle != null) {
			m.put("bundle", bundle.toAbsolutePath().toString());
			return m;
		}
		m.put("baseWidth", baseWidth);
		m.put("skipConnections", skipConnections);
		m.put("epochs", epochs);
		m.put("batch", batch);
		m.put("learningRate", learningRate);
		m.put("patience", patience);
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
