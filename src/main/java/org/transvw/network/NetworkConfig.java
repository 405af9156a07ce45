package org.transvw.network;

import java.util.Map;

import org.transvw.common.Checks;

/**
 * The architecture of any {@link ImageNetwork}, as stored in a bundle's {@code model.json}
 * ({@code "network"}): {@link UNet3dConfig} (volumes; its map has no {@code "architecture"},
 * as in bundles written before 2D existed), {@link UNet2dConfig} ({@code "unet2d"}) and
 * {@link ResNet18UNet2dConfig} ({@code "resnet18-unet2d"}).
 */
public sealed interface NetworkConfig permits UNet3dConfig, UNet2dConfig, ResNet18UNet2dConfig {

	/** 2 for images, 3 for volumes. */
	int spatialDimensions();

	int inChannels();

	int outChannels();

	/** Self-classification classes of the head; 0 = none. */
	int numClasses();

	OutputActivation output();

	int baseWidth();

	/** Copy with another head size (0 = none). */
	NetworkConfig withNumClasses(int c);

	/** The same architecture for a target task: {@code classes} outputs, {@code act}, no head. */
	NetworkConfig forTarget(int classes, OutputActivation act);

	/** JSON-friendly map. */
	Map<String, Object> toMap();

	/** A fresh, uninitialised network. */
	ImageNetwork build();

	/** The {@code network=} spelling of this architecture. */
	NetworkChoice choice();

	/** Inverse of {@link #toMap()} for every architecture. */
	static NetworkConfig fromMap(final Map<String, ?> m) {
		Checks.notNull(m, "network");
		final Object a = m.get("architecture");
		if (a == null) return UNet3dConfig.fromMap(m);
		if (UNet2dConfig.ARCHITECTURE.equals(a)) return UNet2dConfig.fromMap(m);
		if (ResNet18UNet2dConfig.ARCHITECTURE.equals(a)) return ResNet18UNet2dConfig.fromMap(m);
		throw new IllegalArgumentException("network.architecture: expected " + UNet2dConfig
			.ARCHITECTURE + ", " + ResNet18UNet2dConfig.ARCHITECTURE + " or none (3D U-Net), got " +
			a);
	}
}
