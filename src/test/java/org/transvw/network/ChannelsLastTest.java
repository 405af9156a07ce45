package org.transvw.network;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;

/**
 * The {@link ChannelsLast} layout changes strides only: values read back are those of the
 * default layout, and the convolutions' outputs and gradients (weights and input) equal those of
 * libtorch's convolution on the default layout; the up-sampling equals ConvTranspose3d(k2, s2)
 * written out as a sum.
 */
@Category(EngineTests.class)
public class ChannelsLastTest {

	private static final float TOLERANCE = 1e-4f;

	@Test
	public void theLayoutKeepsShapeAndValues() {
		EngineSession.engine();
		try (NDManager m = NDManager.newBaseManager()) {
			final NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 4, 5, 6));
			final NDArray cl = ChannelsLast.of(x);
			assertEquals(x.getShape(), cl.getShape());
			assertArrayEquals(x.toFloatArray(), cl.toFloatArray(), 0f);
			// a second conversion is a view of the same values
			assertArrayEquals(x.toFloatArray(), ChannelsLast.of(cl).toFloatArray(), 0f);
			assertTrue(ChannelsLast.applies(x));
		}
	}

	@Test
	public void convolutionGradientsEqualThoseOfTheDefaultLayout() {
		EngineSession.engine();
		for (final int k : new int[] { 1, 3 })
			try (NDManager m = NDManager.newBaseManager()) {
				final Shape xs = new Shape(2, 5, 6, 4, 4);
				final Conv3dSame conv = new Conv3dSame(5, 7, k);
				conv.setInitializer(new UniformInitializer(0.3f), Parameter.Type.WEIGHT);
				conv.initialize(m, DataType.FLOAT32, xs);
				final NDArray x = m.randomUniform(-1, 1, xs);
				final NDArray target = m.randomUniform(-1, 1, new Shape(2, 7, 6, 4, 4));
				final NDArray w = conv.getParameters().get("weight").getArray();
				final NDArray b = conv.getParameters().get("bias").getArray();
				final Gradients ours = gradients(m, x, w, b, target, xx -> conv.forward(
					new ParameterStore(m, false), new NDList(xx), true).head());
				final Gradients ref = gradients(m, x, w, b, target, xx -> Conv3d.conv3d(xx, w, b,
					new Shape(1, 1, 1), new Shape(k / 2, k / 2, k / 2)).head());
				ours.assertClose(ref, "k" + k);
			}
	}

	@Test
	public void upSamplingIsTheTransposedConvolutionAsASum() {
		EngineSession.engine();
		final int in = 3, out = 2, n = 2, dx = 2, dy = 3, dz = 2;
		try (NDManager m = NDManager.newBaseManager()) {
			final Upsample2x up = new Upsample2x(in, out);
			final Shape xs = new Shape(n, in, dx, dy, dz);
			up.initialize(m, DataType.FLOAT32, xs);
			final NDArray x = m.randomUniform(-1, 1, xs);
			final float[] w = up.getParameters().get("weight").getArray().toFloatArray();
			final float[] bias = up.getParameters().get("bias").getArray().toFloatArray();
			final float[] xv = x.toFloatArray();
			final float[] y = forward(m, up, x).toFloatArray();
			int checked = 0;
			for (int s = 0; s < n; s++)
				for (int o = 0; o < out; o++)
					for (int X = 0; X < 2 * dx; X++)
						for (int Y = 0; Y < 2 * dy; Y++)
							for (int Z = 0; Z < 2 * dz; Z++) {
								final int ch = o * 8 + (X % 2) * 4 + (Y % 2) * 2 + Z % 2;
								double sum = bias[o];
								for (int i = 0; i < in; i++)
									sum += w[ch * in + i] * xv[(((s * in + i) * dx + X / 2) * dy + Y / 2) * dz + Z /
										2];
								final int at = (((s * out + o) * 2 * dx + X) * 2 * dy + Y) * 2 * dz + Z;
								assertEquals("voxel " + at, sum, y[at], 1e-5);
								checked++;
							}
			assertEquals(n * out * 8 * dx * dy * dz, checked);
		}
	}

	private static NDArray forward(final NDManager m, final Block b, final NDArray x) {
		return b.forward(new ParameterStore(m, false), new NDList(x), false).head();
	}

	private record Gradients(float[] input, float[] weight, float[] bias) {

		void assertClose(final Gradients o, final String what) {
			assertArrayEquals(what + " input gradient", o.input, input, TOLERANCE);
			assertArrayEquals(what + " weight gradient", o.weight, weight, TOLERANCE);
			assertArrayEquals(what + " bias gradient", o.bias, bias, TOLERANCE);
		}
	}

	/** Gradients of sum((f(x) - target)^2) with respect to x, w and b. */
	private static Gradients gradients(final NDManager m, final NDArray x0, final NDArray w,
		final NDArray b, final NDArray target, final java.util.function.UnaryOperator<NDArray> f)
	{
		final NDArray x = x0.duplicate();
		x.setRequiresGradient(true);
		w.setRequiresGradient(true);
		b.setRequiresGradient(true);
		try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
			gc.backward(f.apply(x).sub(target).square().sum());
		}
		final Gradients g = new Gradients(x.getGradient().toFloatArray(), w.getGradient()
			.toFloatArray(), b.getGradient().toFloatArray());
		w.getGradient().subi(w.getGradient());
		b.getGradient().subi(b.getGradient());
		return g;
	}
}
