package org.transvw.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * What the 2D networks ({@link UNet2d}, {@link ResNet18UNet2d}) share: parameters named by the
 * block path joined with '.' and DJL's parameter names ({@code weight}, {@code bias}; BN
 * {@code gamma}, {@code beta}, {@code runningMean}, {@code runningVar}), the encoder under
 * {@code encoder.}, the decoder under {@code decoder}, the output convolution
 * {@code final_conv}.
 */
interface Network2d extends ImageNetwork {

	@Override
	default int spatialDimensions() {
		return 2;
	}

	/**
	 * "layer.param" -> parameter for every weight, bias and BN statistic in registration order,
	 * e.g. {@code encoder.layer2.0.downsample.1.gamma}, {@code decoder_stage0a_conv.weight}.
	 * Requires an initialised network for shapes.
	 */
	@Override
	default Map<String, Parameter> namedParameters() {
		final Map<String, Parameter> m = new LinkedHashMap<>();
		collect("", asBlock(), m);
		return Collections.unmodifiableMap(m);
	}

	private static void collect(final String prefix, final Block b, final Map<String, Parameter> m) {
		for (final Pair<String, Parameter> p : b.getDirectParameters())
			m.put(prefix + p.getKey(), p.getValue());
		for (final Pair<String, Block> c : b.getChildren())
			collect(prefix + c.getKey() + ".", c.getValue(), m);
	}

	/** Trainable parameters (BN statistics excluded) whose key starts with {@code prefix}. */
	default long parameterCount(final String prefix) {
		long n = 0;
		for (final Map.Entry<String, Parameter> e : namedParameters().entrySet())
			if (e.getKey().startsWith(prefix) && e.getValue().requiresGradient()) n += e.getValue()
				.getArray().getShape().size();
		return n;
	}

	@Override
	default long parameterCount() {
		return parameterCount("");
	}

	@Override
	default boolean inEncoder(final String key) {
		return key.startsWith("encoder.");
	}

	@Override
	default boolean inDecoder(final String key) {
		return key.startsWith("decoder") || isOutputKey(key);
	}

	@Override
	default boolean isOutputKey(final String key) {
		return key.startsWith("final_conv.");
	}

	/** DJL's batch-norm statistics: {@code runningMean}, {@code runningVar}. */
	@Override
	default boolean isStatisticKey(final String key) {
		return key.endsWith(".runningMean") || key.endsWith(".runningVar");
	}
}
