package org.transvw.network;

import java.util.Map;

import ai.djl.nn.Parameter;

/**
 * What the stages need to know of a segmentation network whatever its dimensionality:
 * {@link UNet3d} (volumes), {@link ResNet18UNet2d} and {@link UNet2d} (2D images). Inputs are
 * (N, C, X, Y) for 2D networks and (N, C, X, Y, Z) for 3D ones, each spatial size a multiple of
 * {@link #requiredMultiple()}.
 */
public interface ImageNetwork {

	/** 2 for images, 3 for volumes. */
	int spatialDimensions();

	/** Every spatial input size must be a positive multiple of this. */
	int requiredMultiple();

	/** "layer.param" -> parameter, registration order (an initialised network). */
	Map<String, Parameter> namedParameters();

	/**
	 * Refuses an input of the wrong dimensionality with the expected and found dimensionality,
	 * naming {@code key}, e.g. {@code "input: expected a 2D image for the 2D network resnet18-unet,
	 * found a 3D volume"}.
	 *
	 * @param found spatial dimensions of the input (2 or 3)
	 */
	default void requireDimensions(final String key, final String name, final int found) {
		NetworkChoice.requireDimensions(key, name, spatialDimensions(), found);
	}
}
