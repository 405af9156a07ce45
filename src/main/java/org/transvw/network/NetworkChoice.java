package org.transvw.network;

import java.util.Locale;

import org.transvw.common.Checks;

/**
 * The {@code network=} macro key (docs/macros.md): which segmentation network a command builds.
 * {@link #AUTO} picks by the data: the 3D U-Net for volumes, the paper's ResNet-18 U-Net for 2D
 * images (docs/xray-2d.md). An explicit choice whose dimensionality differs from the data's is
 * refused with both dimensionalities.
 */
public enum NetworkChoice {

	AUTO("auto", 0), UNET3D("unet3d", 3), RESNET18_UNET("resnet18-unet", 2), UNET2D("unet2d", 2);

	/** The macro key. */
	public static final String KEY = "network";

	private final String key;
	private final int dimensions;

	NetworkChoice(final String key, final int dimensions) {
		this.key = key;
		this.dimensions = dimensions;
	}

	/** The spelling in macros. */
	public String key() {
		return key;
	}

	/** Spatial dimensions of the network's input; 0 for {@link #AUTO}. */
	public int dimensions() {
		return dimensions;
	}

	/**
	 * Every spatial input size of this network must be a multiple of this: 8 for the U-Nets
	 * (three poolings), 32 for the ResNet-18 U-Net (five stride-2 stages); 0 for {@link #AUTO}.
	 */
	public int requiredMultiple() {
		return switch (this) {
			case UNET3D -> UNet3d.REQUIRED_MULTIPLE;
			case UNET2D -> UNet2d.REQUIRED_MULTIPLE;
			case RESNET18_UNET -> ResNet18UNet2d.REQUIRED_MULTIPLE;
			case AUTO -> 0;
		};
	}

	/**
	 * Checks sizes meant for this (concrete) network's input before any network exists: one per
	 * spatial dimension, each a positive multiple of {@link #requiredMultiple()}.
	 *
	 * @return {@code sizes}
	 * @throws IllegalArgumentException naming {@code key}, e.g. "patch: expected two sizes x,y
	 *           for the 2D network unet2d, got [64, 64, 32]"
	 */
	public int[] requireInputSizes(final String key, final int... sizes) {
		Checks.require(this != AUTO, "network", "a concrete network, got auto");
		Checks.require(sizes != null && sizes.length == dimensions, key, (dimensions == 2
			? "two sizes x,y" : "three sizes x,y,z") + " for the " + dimensions + "D network " + key() +
			", got " + java.util.Arrays.toString(sizes));
		for (final int s : sizes)
			Checks.require(s > 0 && s % requiredMultiple() == 0, key, "positive multiples of " +
				requiredMultiple() + " for " + key() + ", got " + java.util.Arrays.toString(sizes));
		return sizes;
	}

	/** The choice spelled {@code value} (case-insensitive; blank = auto). */
	public static NetworkChoice parse(final String value) {
		final String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
		if (v.isEmpty()) return AUTO;
		for (final NetworkChoice c : values())
			if (c.key.equals(v)) return c;
		throw new IllegalArgumentException(KEY + ": expected one of auto, unet3d, resnet18-unet, " +
			"unet2d, got '" + value + "'");
	}

	/**
	 * The concrete network for data of {@code dimensions} spatial axes: auto -> unet3d (3D) or
	 * resnet18-unet (2D); an explicit choice must match.
	 *
	 * @throws IllegalArgumentException naming {@value #KEY} with the expected and found
	 *           dimensionality
	 */
	public NetworkChoice resolve(final int dimensions) {
		Checks.require(dimensions == 2 || dimensions == 3, "input", "a 2D image or a 3D volume, " +
			"found " + dimensions + " spatial axes");
		if (this == AUTO) return dimensions == 3 ? UNET3D : RESNET18_UNET;
		if (this.dimensions != dimensions) throw new IllegalArgumentException(message(KEY, key,
			this.dimensions, dimensions) + (this.dimensions == 2
				? " (use network=unet3d or network=auto for volumes)"
				: " (use network=resnet18-unet, unet2d or auto for 2D images)"));
		return this;
	}

	/**
	 * Refuses data of {@code found} spatial dimensions for a network of {@code expected}.
	 *
	 * @param key the macro key to name
	 * @param network the network's name in the message
	 */
	public static void requireDimensions(final String key, final String network,
		final int expected, final int found)
	{
		if (expected != found) throw new IllegalArgumentException(message(key, network, expected,
			found));
	}

	private static String message(final String key, final String network, final int expected,
		final int found)
	{
		return key + ": expected " + what(expected) + " for the " + expected + "D network " +
			network + ", found " + what(found);
	}

	/** How a command logs its choice, e.g. "network: resnet18-unet (auto: 2D images)". */
	public String describe(final NetworkChoice resolved) {
		return KEY + ": " + resolved.key() + (this == AUTO ? " (auto: " + (resolved.dimensions == 2
			? "2D images" : "3D volumes") + ")" : "");
	}

	private static String what(final int d) {
		return d == 2 ? "a 2D image" : d == 3 ? "a 3D volume" : "data with " + d + " spatial axes";
	}
}
