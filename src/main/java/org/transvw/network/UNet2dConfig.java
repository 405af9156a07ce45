package org.transvw.network;

import java.util.Map;

import org.transvw.common.Checks;

/**
 * Everything that defines a {@link UNet2d}, the light 2D option (docs/xray-2d.md): enough to
 * rebuild it from a stored description.
 *
 * @param baseWidth filters of the first convolution (the 3D U-Net's 32 at paper width; 4-8 for
 *          tests); levels have 2b, 4b, 8b, 16b output channels
 * @param inChannels input channels (1 for grey radiographs)
 * @param outChannels segmentation output channels
 * @param numClasses self-classification classes C on the bottleneck; 0 = no head
 * @param output activation of the segmentation output
 */
public record UNet2dConfig(int baseWidth, int inChannels, int outChannels, int numClasses,
	OutputActivation output) implements NetworkConfig
{

	/** The value of {@code "architecture"} in {@link #toMap()}. */
	public static final String ARCHITECTURE = "unet2d";

	public UNet2dConfig {
		Checks.inRange(baseWidth, 1, 1024, "baseWidth");
		Checks.inRange(inChannels, 1, 1024, "inChannels");
		Checks.inRange(outChannels, 1, 1024, "outChannels");
		Checks.inRange(numClasses, 0, 100_000, "numClasses");
		Checks.notNull(output, "output");
	}

	/** Base 32 (the 3D U-Net's width), 1 -> 1 channel, sigmoid, no head. */
	public static UNet2dConfig defaults() {
		return new UNet2dConfig(32, 1, 1, 0, OutputActivation.SIGMOID);
	}

	@Override
	public int spatialDimensions() {
		return 2;
	}

	@Override
	public UNet2dConfig forTarget(final int classes, final OutputActivation act) {
		return new UNet2dConfig(baseWidth, inChannels, classes, 0, act);
	}

	@Override
	public UNet2d build() {
		return UNet2d.of(this);
	}

	@Override
	public NetworkChoice choice() {
		return NetworkChoice.UNET2D;
	}

	/** Copy with another head size (0 = none). */
	@Override
	public UNet2dConfig withNumClasses(final int c) {
		return new UNet2dConfig(baseWidth, inChannels, outChannels, c, output);
	}

	/** Hidden units of the self-classification head ({@code 16 * baseWidth}). */
	public int headUnits() {
		return 16 * baseWidth;
	}

	/** JSON-friendly map (enum names lower-case), with {@code "architecture"}. */
	@Override
	public Map<String, Object> toMap() {
		return ResNet18UNet2dConfig.map(ARCHITECTURE, baseWidth, inChannels, outChannels,
			numClasses, output);
	}

	/** Inverse of {@link #toMap()}; numbers may arrive as doubles (gson). */
	public static UNet2dConfig fromMap(final Map<String, ?> m) {
		Checks.notNull(m, "network");
		Checks.require(ARCHITECTURE.equals(m.get("architecture")), "network.architecture",
			ARCHITECTURE + ", got " + m.get("architecture"));
		return new UNet2dConfig(ResNet18UNet2dConfig.intOf(m, "baseWidth"), ResNet18UNet2dConfig
			.intOf(m, "inChannels"), ResNet18UNet2dConfig.intOf(m, "outChannels"),
			ResNet18UNet2dConfig.intOf(m, "numClasses"), OutputActivation.parse("network.output", m
				.get("output")));
	}
}
