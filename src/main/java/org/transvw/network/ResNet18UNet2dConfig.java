package org.transvw.network;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;

/**
 * Everything that defines a {@link ResNet18UNet2d}: enough to rebuild it from a stored
 * description. Built by {@link ResNet18UNet2d#builder()}; validated here.
 *
 * @param baseWidth channels of the stem convolution: 64 = ResNet-18 (docs/xray-2d.md); the
 *          encoder has {@code b, b, 2b, 4b, 8b} channels (stem, layer1..4), the decoder
 *          {@code 4b, 2b, b, b/2, b/4} filters ((256, 128, 64, 32, 16) at 64) and the head
 *          {@code 16b} hidden units; a multiple of 4 in [4, 1024] (8 for fast tests)
 * @param inChannels input channels (1 for grey radiographs; 3 for the ImageNet layout)
 * @param outChannels segmentation output channels (the classes of the final convolution)
 * @param numClasses self-classification classes C on the encoder output; 0 = no head
 * @param output activation of the segmentation output (sigmoid in the paper)
 */
public record ResNet18UNet2dConfig(int baseWidth, int inChannels, int outChannels,
	int numClasses, OutputActivation output) implements NetworkConfig
{

	/** The value of {@code "architecture"} in {@link #toMap()}. */
	public static final String ARCHITECTURE = "resnet18-unet2d";

	public ResNet18UNet2dConfig {
		Checks.inRange(baseWidth, 4, 1024, "baseWidth");
		Checks.require(baseWidth % 4 == 0, "baseWidth", "a multiple of 4 (the last decoder block " +
			"has baseWidth / 4 filters), got " + baseWidth);
		Checks.inRange(inChannels, 1, 1024, "inChannels");
		Checks.inRange(outChannels, 1, 1024, "outChannels");
		Checks.inRange(numClasses, 0, 100_000, "numClasses");
		Checks.notNull(output, "output");
	}

	/** The paper's 2D network: ResNet-18 widths, 1 -> 1 channel, sigmoid, no head. */
	public static ResNet18UNet2dConfig defaults() {
		return new ResNet18UNet2dConfig(64, 1, 1, 0, OutputActivation.SIGMOID);
	}

	@Override
	public int spatialDimensions() {
		return 2;
	}

	@Override
	public ResNet18UNet2dConfig forTarget(final int classes, final OutputActivation act) {
		return new ResNet18UNet2dConfig(baseWidth, inChannels, classes, 0, act);
	}

	@Override
	public ResNet18UNet2d build() {
		return ResNet18UNet2d.of(this);
	}

	@Override
	public NetworkChoice choice() {
		return NetworkChoice.RESNET18_UNET;
	}

	/** Copy with another head size (0 = none). */
	@Override
	public ResNet18UNet2dConfig withNumClasses(final int c) {
		return new ResNet18UNet2dConfig(baseWidth, inChannels, outChannels, c, output);
	}

	/** Output channels of the stem and of layer1..layer4. */
	public int[] encoderChannels() {
		final int b = baseWidth;
		return new int[] { b, b, 2 * b, 4 * b, 8 * b };
	}

	/** Filters of decoder blocks 0..4 (coarse to fine). */
	public int[] decoderFilters() {
		final int b = baseWidth;
		return new int[] { 4 * b, 2 * b, b, b / 2, b / 4 };
	}

	/** Hidden units of the self-classification head (1024 at base 64). */
	public int headUnits() {
		return 16 * baseWidth;
	}

	/** JSON-friendly map (enum names lower-case), with {@code "architecture"}. */
	@Override
	public Map<String, Object> toMap() {
		return map(ARCHITECTURE, baseWidth, inChannels, outChannels, numClasses, output);
	}

	/** The map of a 2D network's config (both 2D networks have these keys). */
	static Map<String, Object> map(final String architecture, final int baseWidth,
		final int inChannels, final int outChannels, final int numClasses,
		final OutputActivation output)
	{
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("architecture", architecture);
		m.put("baseWidth", baseWidth);
		m.put("inChannels", inChannels);
		m.put("outChannels", outChannels);
		m.put("numClasses", numClasses);
		m.put("output", output.name().toLowerCase(Locale.ROOT));
		return m;
	}

	/** Inverse of {@link #toMap()}; numbers may arrive as doubles (gson). */
	public static ResNet18UNet2dConfig fromMap(final Map<String, ?> m) {
		Checks.notNull(m, "network");
		Checks.require(ARCHITECTURE.equals(m.get("architecture")), "network.architecture",
			ARCHITECTURE + ", got " + m.get("architecture"));
		return new ResNet18UNet2dConfig(intOf(m, "baseWidth"), intOf(m, "inChannels"), intOf(m,
			"outChannels"), intOf(m, "numClasses"), OutputActivation.parse("network.output", m.get(
				"output")));
	}

	static int intOf(final Map<String, ?> m, final String key) {
		final Object v = m.get(key);
		Checks.require(v instanceof Number, "network." + key, "a number, got " + v);
		return ((Number) v).intValue();
	}
}
