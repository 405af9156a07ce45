package org.transvw.network;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;

/**
 * {@link Conv3dSame} is PyTorch's Conv3d(k, padding k/2, bias): its output has the input's size
 * and equals the float64 convolution of the same tensors, also for the channel counts round 1
 * padded (24, 40; the engine-level reproducer is {@code engine.ConvolutionCheckTest}).
 */
@Category(EngineTests.class)
public class Conv3dSameTest {

	/** float32 sums of at most 40 x 27 products of values below 1 (measured errors ~1e-6). */
	private static final float TOLERANCE = 1e-5f;

	@Test
	public void equalsTheDoublePrecisionConvolutionWithSamePadding() {
		EngineSession.engine();
		try (NDManager m = NDManager.newBaseManager()) {
			for (final int[] io : new int[][] { { 1, 4 }, { 12, 4 }, { 24, 4 }, { 24, 8 }, { 40, 16 }, {
				48, 1 } })
				for (final int k : new int[] { 1, 3 }) {
					final Shape xs = new Shape(2, io[0], 6, 4, 2);
					final Conv3dSame conv = new Conv3dSame(io[0], io[1], k);
					conv.setInitializer(new UniformInitializer(0.1f), Parameter.Type.WEIGHT);
					conv.setInitializer(Initializer.ONES, Parameter.Type.BIAS);
					conv.initialize(m, DataType.FLOAT32, xs);
					final NDArray x = m.randomUniform(0, 1, xs);
					final NDArray y = conv.forward(new ParameterStore(m, false), new NDList(x), false)
						.head();
					assertEquals(new Shape(2, io[1], 6, 4, 2), y.getShape());
					assertEquals(y.getShape(), conv.getOutputShapes(new Shape[] { xs })[0]);
					final NDArray w = conv.getParameters().get("weight").getArray();
					final NDArray b = conv.getParameters().get("bias").getArray();
					final NDArray ref = Conv3d.conv3d(x.toType(DataType.FLOAT64, true), w.toType(
						DataType.FLOAT64, true), b.toType(DataType.FLOAT64, true), new Shape(1, 1, 1),
						new Shape(k / 2, k / 2, k / 2)).head().toType(DataType.FLOAT32, true);
					assertEquals(io[0] + "->" + io[1] + " k" + k, 0f, y.sub(ref).abs().max().getFloat(),
						TOLERANCE);
				}
		}
	}
}
