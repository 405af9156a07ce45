package org.transvw.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * The one Conv -> BN -> ReLU builder (the reference's {@code LUConv} / Keras
 * {@code create_convolution_block}), plus the flavour's layer constructors with the reference
 * initialisation (method.md §4.1: PyTorch U(+-1/sqrt(fan_in)) for weights and biases; method.md §4.2: Keras
 * glorot-uniform kernels and zero biases).
 */
public final class ConvBlocks {

	/** PyTorch BatchNorm eps. */
	public static final float PYTORCH_BN_EPS = 1e-5f;
	/** PyTorch momentum 0.1 in DJL's convention. */
	public static final float PYTORCH_BN_MOMENTUM = 0.9f;
	/** Keras BatchNormalization defaults. */
	public static final float KERAS_BN_EPS = 1e-3f;
	public static final float KERAS_BN_MOMENTUM = 0.99f;

	private ConvBlocks() {}

	/**
	 * A cubic convolution with 'same' padding (odd kernel), bias, reference initialisation
	 * (fan-in = in x kernel^3).
	 */
	public static Conv3dSame conv(final Flavour f, final int in, final int filters,
		final int kernel)
	{
		final Conv3dSame conv = new Conv3dSame(in, filters, kernel);
		initialise(conv, f, in * kernel * kernel * kernel);
		return conv;
	}

	/** A fully connected layer with reference initialisation. */
	public static Linear dense(final Flavour f, final int units, final int in) {
		final Linear fc = Linear.builder().setUnits(units).optBias(true).build();
		initialise(fc, f, in);
		return fc;
	}

	/** The flavour's batch normalisation (eps, momentum) in the given inference mode. */
	public static BatchNorm3d batchNorm(final Flavour f, final int channels,
		final BatchNormMode mode)
	{
		return f == Flavour.PYTORCH ? new BatchNorm3d(channels, PYTORCH_BN_EPS,
			PYTORCH_BN_MOMENTUM, mode) : new BatchNorm3d(channels, KERAS_BN_EPS, KERAS_BN_MOMENTUM,
				mode);
	}

	/**
	 * relu(bn(conv(x))). Closes the intermediates it creates; never closes {@code x}.
	 */
	public static NDArray convBnRelu(final ParameterStore ps, final Block conv, final Block bn,
		final NDArray x, final boolean training)
	{
		final NDArray c = conv.forward(ps, new NDList(x), training).head();
		final NDArray n = bn.forward(ps, new NDList(c), training).head();
		c.close();
		final NDArray r = n.getNDArrayInternal().relu();
		n.close();
		return r;
	}

	/** Whether every parameter of {@code blocks} is frozen (such a unit runs in inference mode). */
	static boolean frozen(final Block... blocks) {
		for (final Block b : blocks)
			for (final ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : b.getParameters())
				if (p.getValue().requiresGradient()) return false;
		return true;
	}

	private static void initialise(final Block b, final Flavour f, final int fanIn) {
		if (f == Flavour.PYTORCH) {
			final float bound = (float) (1.0 / Math.sqrt(fanIn));
			b.setInitializer(new UniformInitializer(bound), Parameter.Type.WEIGHT);
			b.setInitializer(new UniformInitializer(bound), Parameter.Type.BIAS);
		}
		else {
			// glorot uniform: limit sqrt(6 / (fan_in + fan_out)) = sqrt(3 / mean(fan_in, fan_out))
			b.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
				XavierInitializer.FactorType.AVG, 3f), Parameter.Type.WEIGHT);
			b.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
		}
	}
}
