package org.transvw.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * The 2D layers of {@link ResNet18UNet2d} built from DJL's own {@link Conv2d}, {@link BatchNorm}
 * and {@link Linear}, with each reference's initialisation, plus nearest 2x up-sampling and
 * global average pooling written on plain array operations (DJL's PyTorch engine has no
 * transposed convolution, and its mean takes one axis at a time).
 */
final class Layers2d {

	/** torchvision ResNet: kaiming normal, fan-out, ReLU gain (std = sqrt(2 / fan_out)). */
	static final Initializer KAIMING_FAN_OUT = new XavierInitializer(
		XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);
	/** segmentation_models decoder convolutions: he_uniform (limit sqrt(6 / fan_in)). */
	static final Initializer HE_UNIFORM = new XavierInitializer(
		XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 6);
	/** Keras glorot_uniform (limit sqrt(6 / (fan_in + fan_out))): final conv and dense layers. */
	static final Initializer GLOROT_UNIFORM = new XavierInitializer(
		XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3);

	/** PyTorch BatchNorm2d: eps 1e-5, momentum 0.1, which is 0.9 in DJL's convention. */
	static final float BN_EPS = 1e-5f, BN_MOMENTUM = 0.9f;

	private Layers2d() {}

	/** A square convolution with padding kernel / 2 ('same' at stride 1). */
	static Conv2d conv(final int filters, final int kernel, final int stride, final boolean bias,
		final Initializer init)
	{
		final Conv2d c = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel,
			kernel)).optStride(new Shape(stride, stride)).optPadding(new Shape(kernel / 2, kernel / 2))
			.optBias(bias).build();
		c.setInitializer(init, Parameter.Type.WEIGHT);
		if (bias) c.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
		return c;
	}

	/** Initialises a convolution and the batch norm after it; returns the convolution's output. */
	static Shape initialize(final NDManager manager, final DataType type, final Block conv,
		final Block bn, final Shape in)
	{
		conv.initialize(manager, type, in);
		final Shape out = conv.getOutputShapes(new Shape[] { in })[0];
		bn.initialize(manager, type, out);
		return out;
	}

	/** Batch normalisation over the channel axis with PyTorch's constants. */
	static BatchNorm batchNorm() {
		return BatchNorm.builder().optAxis(1).optEpsilon(BN_EPS).optMomentum(BN_MOMENTUM).build();
	}

	/** A fully connected layer, glorot-uniform weights, zero bias (Keras Dense). */
	static Linear dense(final int units) {
		final Linear l = Linear.builder().setUnits(units).optBias(true).build();
		l.setInitializer(GLOROT_UNIFORM, Parameter.Type.WEIGHT);
		l.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
		return l;
	}

	/** (N, C, H, W) -> (N, C, 2H, 2W), every pixel repeated 2 x 2 (Keras UpSampling2D). */
	static NDArray upsampleNearest(final NDArray x) {
		final Shape s = x.getShape();
		final long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
		final NDArray r = x.reshape(n, c, h, 1, w, 1);
		final NDArray b = r.broadcast(n, c, h, 2, w, 2);
		r.close();
		final NDArray out = b.reshape(n, c, 2 * h, 2 * w);
		b.close();
		return out;
	}

	/**
	 * The self-classification head: global average pooling of {@code bottom}, {@code fc} + ReLU,
	 * {@code out}; the logits (N, C). Does not close {@code bottom}.
	 */
	static NDArray head(final ParameterStore ps, final Block fc, final Block out,
		final NDArray bottom, final boolean training)
	{
		final NDArray pooled = globalAveragePool(bottom);
		final NDArray f = fc.forward(ps, new NDList(pooled), training).head();
		pooled.close();
		final NDArray hidden = Activation.relu(f);
		f.close();
		final NDArray logits = out.forward(ps, new NDList(hidden), training).head();
		hidden.close();
		return logits;
	}

	/** (N, C, H, W) -> (N, C): the mean over the pixels. */
	static NDArray globalAveragePool(final NDArray x) {
		final NDArray flat = x.reshape(x.getShape().get(0), x.getShape().get(1), -1);
		final NDArray mean = flat.mean(new int[] { 2 });
		flat.close();
		return mean;
	}
}
