package org.transvw.network;

import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

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

	/** The architecture (rebuilds the network). */
	NetworkConfig config();

	/** Trainable parameters (BN statistics excluded). */
	long parameterCount();

	/** Whether a parameter key belongs to the encoder (the part pre-training transfers first). */
	boolean inEncoder(String key);

	/** Whether a parameter key belongs to the decoder (up path and final convolution). */
	boolean inDecoder(String key);

	/** Whether a key is of the segmentation output convolution (re-initialised for a target). */
	boolean isOutputKey(String key);

	/** Whether a key is a batch-norm running statistic (not trainable). */
	boolean isStatisticKey(String key);

	/**
	 * Channels of {@link #encoderFeatures}: the feature a classifier pools (the 3D and 2D U-Nets'
	 * bottleneck, 16 x base; the ResNet-18 encoder's last block, 8 x base).
	 */
	int encoderFeatureChannels();

	/**
	 * The encoder's deepest feature map after its activation, (N, C, ...) with C =
	 * {@link #encoderFeatureChannels()} and the input's spatial axes reduced: what the
	 * self-classification head and a fine-tuned classifier pool, and self-discovery averages into
	 * a patient feature. Does not close {@code x}.
	 */
	NDArray encoderFeatures(ParameterStore ps, NDArray x, boolean training);

	/** This network as a DJL block (every implementation is one). */
	default ai.djl.nn.Block asBlock() {
		return (ai.djl.nn.Block) this;
	}

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
