package org.transvw.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;

/**
 * The channel padding of {@link Conv3dSame} gives the exact convolution for the channel counts
 * where libtorch's float32 CPU kernel is wrong (oracle: the float64 convolution).
 */
@Category(EngineTests.class)
public class Conv3dSameTest {

	/** float32 sums of ~650 products of values below 1. */
	private static final float TOLERANCE = 1e-5f;

	@Test
	public void matchesTheDoublePrecisionConvolutionForAwkwardChannelCounts() {
		EngineSession.engine();
		assertTrue(Conv3dSame.needsPadding(24));
		assertFalse(Conv3dSame.needsPadding(48));
		assertFalse(Conv3dSame.needsPadding(12));
		try (NDManager m = NDManager.newBaseManager()) {
			for (final int in : new int[] { 12, 24, 40, 48 }) {
				final Conv3dSame conv = new Conv3dSame(in, 4, 3);
				conv.setInitializer(new ai.djl.training.initializer.UniformInitializer(0.1f),
					ai.djl.nn.Parameter.Type.WEIGHT);
				conv.setInitializer(ai.djl.training.initializer.Initializer.ONES,
					ai.djl.nn.Parameter.Type.BIAS);
				conv.initialize(m, DataType.FLOAT32, new Shape(2, in, 4, 4, 2));
				final NDArray x = m.randomUniform(0, 1, new Shape(2, in, 4, 4, 2));
				final NDArray y = conv.forward(new ParameterStore(m, false), new NDList(x), false)
					.head();
				final NDArray w = conv.getParameters().get("weight").getArray();
				final NDArray b = conv.getParameters().get("bias").getArray();
				final NDArray ref = Conv3d.conv3d(x.toType(DataType.FLOAT64, true), w.toType(
					DataType.FLOAT64, true), b.toType(DataType.FLOAT64, true), new Shape(1, 1, 1),
					new Shape(1, 1, 1)).head().toType(DataType.FLOAT32, true);
				assertEquals("in " + in, 0f, y.sub(ref).abs().max().getFloat(), TOLERANCE);
			}
		}
	}
}
