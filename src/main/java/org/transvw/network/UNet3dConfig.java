package org.transvw.network;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;

/**
 * Everything that defines a {@link UNet3d}'s architecture: enough to rebuild it from a bundle's
 * {@code model.json}. Built by {@link UNet3d#builder()}; validated here.
 *
 * @param flavour reference implementation reproduced (method.md §4.1 / 4.2)
 * @param baseWidth filters of the first convolution (32 = the paper; 4-8 for tests)
 * @param inChannels input channels (1 for CT)
 * @param outChannels segmentation output channels
 * @param skipConnections U-Net skips; off for a plain auto-encoder (method.md §2.2)
 * @param numClasses self-classification classes C on the bottleneck; 0 = no head
 * @param output activation of the segmentation output
 * @param batchNormMode running or batch statistics outside training
 */
public record UNet3dConfig(Flavour flavour, int baseWidth, int inChannels, int outChannels,
	boolean skipConnections, int numClasses, OutputActivation output, BatchNormMode batchNormMode)
	implements NetworkConfig
{

	public UNet3dConfig {
		Checks.notNull(flavour, "flavour");
		Checks.inRange(baseWidth, 1, 1024, "baseWidth");
		Checks.inRange(inChannels, 1, 1024, "inChannels");
		Checks.inRange(outChannels, 1, 1024, "outChannels");
		Checks.inRange(numClasses, 0, 100_000, "numClasses");
		Checks.notNull(output, "output");
		Checks.notNull(batchNormMode, "batchNormMode");
	}

	/** The paper's network: PyTorch flavour, base 32, 1 -> 1 channel, skips, sigmoid, no head. */
	public static UNet3dConfig defaults() {
		return new UNet3dConfig(Flavour.PYTORCH, 32, 1, 1, true, 0, OutputActivation.SIGMOID,
			BatchNormMode.RUNNING);
	}

	@Override
	public int spatialDimensions() {
		return 3;
	}

	@Override
	public UNet3dConfig forTarget(final int classes, final OutputActivation act) {
		return new UNet3dConfig(flavour, baseWidth, inChannels, classes, skipConnections, 0, act,
			batchNormMode);
	}

	@Override
	public UNet3d build() {
		return UNet3d.of(this);
	}

	@Override
	public NetworkChoice choice() {
		return NetworkChoice.UNET3D;
	}

	/** Copy with another head size (0 = none). */
	@Override
	public UNet3dConfig withNumClasses(final int c) {
		return new UNet3dConfig(flavour, baseWidth, inChannels, outChannels, skipConnections, c,
			output, batchNormMode);
	}

	/** Copy with another batch-norm mode. */
	public UNet3dConfig withBatchNormMode(final BatchNormMode mode) {
		return new UNet3dConfig(flavour, baseWidth, inChannels, outChannels, skipConnections,
			numClasses, output, mode);
	}

	/** JSON-friendly map (enum names lower-case). */
	@Override
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("flavour", flavour.name().toLowerCase(Locale.ROOT));
		m.put("baseWidth", baseWidth);
		m.put("inChannels", inChannels);
		m.put("outChannels", outChannels);
		m.put("skipConnections", skipConnections);
		m.put("numClasses", numClasses);
		m.put("output", output.name().toLowerCase(Locale.ROOT));
		m.put("batchNormMode", batchNormMode.name().toLowerCase(Locale.ROOT));
		return m;
	}

	/** Inverse of {@link #toMap()}; numbers may arrive as doubles (gson). */
	public static UNet3dConfig fromMap(final Map<String, ?> m) {
		Checks.notNull(m, "network");
		return new UNet3dConfig(enumOf(Flavour.class, m, "flavour"), intOf(m, "baseWidth"),
			intOf(m, "inChannels"), intOf(m, "outChannels"), Boolean.parseBoolean(String.valueOf(m
				.get("skipConnections"))), intOf(m, "numClasses"), enumOf(OutputActivation.class, m,
					"output"), enumOf(BatchNormMode.class, m, "batchNormMode"));
	}

	private static int intOf(final Map<String, ?> m, final String key) {
		final Object v = m.get(key);
		Checks.require(v instanceof Number, "network." + key, "a number, got " + v);
		return ((Number) v).intValue();
	}

	private static <E extends Enum<E>> E enumOf(final Class<E> type, final Map<String, ?> m,
		final String key)
	{
		final Object v = m.get(key);
		try {
			return Enum.valueOf(type, String.valueOf(v).toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException ex) {
			throw new IllegalArgumentException("network." + key + ": expected one of " +
				java.util.Arrays.toString(type.getEnumConstants()) + ", got " + v, ex);
		}
	}
}
