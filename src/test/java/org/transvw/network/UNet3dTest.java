package org.transvw.network;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;

import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** Forward shapes, batch-norm modes, up-sampling layout and memory of tiny U-Nets. */
@Category(EngineTests.class)
public class UNet3dTest {

	/** Float32 arithmetic on identical inputs: results must agree to rounding. */
	private static final float EXACT = 1e-6f;

	@BeforeClass
	public static void engine() {
		EngineSession.engine();
		Engine.getInstance().setRandomSeed(7);
	}

	static Model model(final UNet3d.Builder b) {
		return ModelBundle.newModel(b.build().config(), Device.cpu());
	}

	static NDArray input(final NDManager m, final long... shape) {
		return m.randomUniform(0, 1, new Shape(shape));
	}

	@Test
	public void forwardShapesOfBothFlavoursWithAndWithoutHeadAndSkips() {
		for (final Flavour f : Flavour.values())
			for (final boolean skips : new boolean[] { true, false }) {
				final UNet3d.Builder b = UNet3d.builder().optFlavour(f).optBaseWidth(4)
					.optSkipConnections(skips).optNumClasses(5);
				try (Model model = model(b); NDManager m = model.getNDManager().newSubManager()) {
					final UNet3d net = (UNet3d) model.getBlock();
					final NDList out = net.forward(new ParameterStore(m, false), new NDList(input(m, 2,
						1, 16, 16, 8)), false);
					assertEquals(2, out.size());
					assertArrayEquals(new long[] { 2, 1, 16, 16, 8 }, out.get(0).getShape().getShape());
					assertArrayEquals(new long[] { 2, 5 }, out.get(1).getShape().getShape());
					// sigmoid output
					assertTrue(out.get(0).min().getFloat() > 0 && out.get(0).max().getFloat() < 1);
					final NDArray z = net.bottleneck(new ParameterStore(m, false), input(m, 2, 1, 16,
						16, 8), false);
					assertArrayEquals(new long[] { 2, 64, 2, 2, 1 }, z.getShape().getShape());
					assertTrue("after ReLU", z.min().getFloat() >= 0);
				}
			}
	}

	@Test
	public void noHeadGivesOneOutputAndSoftmaxSumsToOne() {
		final UNet3d.Builder b = UNet3d.builder().optFlavour(Flavour.KERAS).optBaseWidth(4)
			.optOutChannels(3).optOutput(OutputActivation.SOFTMAX);
		try (Model model = model(b); NDManager m = model.getNDManager().newSubManager()) {
			final NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(
				input(m, 1, 1, 8, 16, 8)), false);
			assertEquals(1, out.size());
			final NDArray sum = out.get(0).sum(new int[] { 1 });
			assertEquals(1f, sum.min().getFloat(), 1e-5f);
			assertEquals(1f, sum.max().getFloat(), 1e-5f);
		}
	}

	@Test
	public void djlParameterShapesEqualTheLayout() {
		for (final Flavour f : Flavour.values())
			try (Model model = model(UNet3d.builder().optFlavour(f).optBaseWidth(4).optNumClasses(
				3)))
			{
				final UNet3d net = (UNet3d) model.getBlock();
				final Map<String, Parameter> params = net.namedParameters();
				assertEquals(net.parameterShapes().keySet(), params.keySet());
				net.parameterShapes().forEach((k, s) -> assertEquals(k, s, params.get(k).getArray()
					.getShape()));
				assertEquals(net.getParameters().size(), params.size());
			}
	}

	@Test
	public void batchModeIgnoresRunningStatisticsAndRunningModeUsesThem() {
		for (final BatchNormMode mode : BatchNormMode.values())
			try (Model model = model(UNet3d.builder().optBaseWidth(4).optBatchNormMode(mode));
				NDManager m = model.getNDManager().newSubManager())
			{
				final UNet3d net = (UNet3d) model.getBlock();
				final NDArray x = input(m, 2, 1, 16, 16, 8);
				final float[] before = net.forward(new ParameterStore(m, false), new NDList(x), false)
					.head().toFloatArray();
				final NDArray mean = net.namedParameters().get("down_tr64.ops.0.bn1.running_mean")
					.getArray();
				mean.set(m.full(mean.getShape(), 0.5f).toFloatArray());
				final float[] after = net.forward(new ParameterStore(m, false), new NDList(x), false)
					.head().toFloatArray();
				if (mode == BatchNormMode.BATCH) assertArrayEquals(before, after, EXACT);
				else assertNotEquals(before[0], after[0], EXACT);
				assertEquals("inference leaves the statistics alone", 0.5f, mean.getFloat(0), 0);
			}
	}

	@Test
	public void trainingUpdatesRunningStatisticsWithTheReferenceMomentum() {
		try (Model model = model(UNet3d.builder().optBaseWidth(4));
			NDManager m = model.getNDManager().newSubManager())
		{
			final UNet3d net = (UNet3d) model.getBlock();
			final NDArray x = input(m, 2, 1, 8, 8, 8);
			// the first conv's output mean per channel, computed independently
			final Map<String, Parameter> p = net.namedParameters();
			final NDArray conv = ai.djl.nn.convolutional.Conv3d.conv3d(x, p.get(
				"down_tr64.ops.0.conv1.weight").getArray(), p.get("down_tr64.ops.0.conv1.bias")
					.getArray(), new Shape(1, 1, 1), new Shape(1, 1, 1)).head();
			final float[] batchMean = conv.transpose(1, 0, 2, 3, 4).reshape(4, -1).mean(
				new int[] { 1 }).toFloatArray();
			net.forward(new ParameterStore(m, false), new NDList(x), true);
			final float[] running = p.get("down_tr64.ops.0.bn1.running_mean").getArray()
				.toFloatArray();
			for (int c = 0; c < running.length; c++)
				assertEquals("PyTorch momentum 0.1", 0.1f * batchMean[c], running[c], 1e-6f);
		}
	}

	@Test
	public void depthToSpaceMatchesTheTransposedConvolutionLayout() {
		try (NDManager m = NDManager.newBaseManager()) {
			// channel o*8 + a*4 + b*2 + c holds the code 1000 o + 100 a + 10 b + c everywhere
			final float[] data = new float[2 * 8 * 2 * 3 * 1];
			for (int ch = 0; ch < 16; ch++)
				for (int v = 0; v < 6; v++)
					data[ch * 6 + v] = 1000 * (ch / 8) + 100 * (ch / 4 % 2) + 10 * (ch / 2 % 2) + ch % 2;
			final NDArray y = Upsample2x.depthToSpace(m.create(data, new Shape(1, 16, 2, 3, 1)));
			assertArrayEquals(new long[] { 1, 2, 4, 6, 2 }, y.getShape().getShape());
			assertEquals(1101f, y.getFloat(0, 1, 3, 4, 1), 0); // o=1, a=1 (x odd), b=0, c=1
			assertEquals(10f, y.getFloat(0, 0, 2, 5, 0), 0); // o=0, a=0, b=1, c=0
		}
	}

	@Test
	public void badInputNamesTheProblem() {
		try (Model model = model(UNet3d.builder().optBaseWidth(4));
			NDManager m = model.getNDManager().newSubManager())
		{
			model.getBlock().forward(new ParameterStore(m, false), new NDList(input(m, 1, 1, 12, 16,
				8)), false);
			fail("12 is not a multiple of 8");
		}
		catch (final IllegalArgumentException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().startsWith("input: expected"));
		}
	}

	@Test
	public void forwardDoesNotLeakIntoTheModelsManager() {
		for (final Flavour f : Flavour.values())
			try (Model model = model(UNet3d.builder().optFlavour(f).optBaseWidth(4).optNumClasses(2)
				.optBatchNormMode(BatchNormMode.BATCH)))
			{
				final int before = model.getNDManager().getManagedArrays().size();
				for (int i = 0; i < 3; i++)
					try (NDManager m = model.getNDManager().newSubManager()) {
						final ParameterStore ps = new ParameterStore(m, false);
						model.getBlock().forward(ps, new NDList(input(m, 2, 1, 16, 16, 8)), i % 2 == 0);
					}
				assertEquals(f.name(), before, model.getNDManager().getManagedArrays().size());
			}
	}
}
