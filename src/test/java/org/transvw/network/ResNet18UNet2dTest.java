package org.transvw.network;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

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
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

/** Forward shapes, input checks, memory and gradient flow of the 2D ResNet-18 U-Net. */
@Category(EngineTests.class)
public class ResNet18UNet2dTest {

	@BeforeClass
	public static void engine() {
		EngineSession.engine();
		Engine.getInstance().setRandomSeed(11);
	}

	private static Model model(final ResNet18UNet2d.Builder b) {
		final Model model = Model.newInstance("resnet18-unet2d", Device.cpu(), "PyTorch");
		final ResNet18UNet2d net = b.build();
		model.setBlock(net);
		net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, net.config()
			.inChannels(), 32, 32));
		return model;
	}

	@Test
	public void fullWidthForwardAt64And224GivesSegmentationAndLogits() {
		try (Model model = model(ResNet18UNet2d.builder().optNumClasses(100))) {
			final ResNet18UNet2d net = (ResNet18UNet2d) model.getBlock();
			assertEquals(32, net.requiredMultiple());
			for (final long[] size : new long[][] { { 2, 64, 64 }, { 1, 224, 224 } })
				try (NDManager m = model.getNDManager().newSubManager()) {
					final NDArray x = m.randomUniform(0, 1, new Shape(size[0], 1, size[1], size[2]));
					final NDList out = net.forward(new ParameterStore(m, false), new NDList(x), false);
					assertEquals(2, out.size());
					assertArrayEquals(new long[] { size[0], 1, size[1], size[2] }, out.get(0).getShape()
						.getShape());
					assertArrayEquals(new long[] { size[0], 100 }, out.get(1).getShape().getShape());
					assertTrue("sigmoid output", out.get(0).min().getFloat() >= 0 && out.get(0).max()
						.getFloat() <= 1);
					final NDArray z = net.encoderOutput(new ParameterStore(m, false), x, false);
					assertArrayEquals(new long[] { size[0], 512, size[1] / 32, size[2] / 32 }, z.getShape()
						.getShape());
					assertTrue("after ReLU", z.min().getFloat() >= 0);
				}
		}
	}

	@Test
	public void encoderFeaturesHaveTheSkipScales() {
		try (Model model = model(ResNet18UNet2d.builder().optBaseWidth(8));
			NDManager m = model.getNDManager().newSubManager())
		{
			final ResNet18Encoder2d enc = (ResNet18Encoder2d) model.getBlock().getChildren().get(
				"encoder");
			final NDList f = enc.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(1, 1,
				64, 96))), false);
			final long[][] expected = { { 1, 8, 32, 48 }, { 1, 8, 16, 24 }, { 1, 16, 8, 12 }, { 1, 32, 4,
				6 }, { 1, 64, 2, 3 } };
			assertEquals(5, f.size());
			for (int l = 0; l < 5; l++) {
				assertArrayEquals("feature " + l, expected[l], f.get(l).getShape().getShape());
				assertEquals(new Shape(expected[l]), enc.getOutputShapes(new Shape[] { new Shape(1, 1, 64,
					96) })[l]);
			}
		}
	}

	@Test
	public void forwardLeavesOnlyInputAndOutputsInTheScope() {
		try (Model model = model(ResNet18UNet2d.builder().optBaseWidth(8).optNumClasses(4))) {
			final int before = model.getNDManager().getManagedArrays().size();
			for (int step = 0; step < 2; step++)
				try (NDManager m = model.getNDManager().newSubManager()) {
					final NDArray x = m.randomUniform(0, 1, new Shape(2, 1, 64, 64));
					model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
					// x, seg, logits: every intermediate was closed
					assertEquals(3, m.getManagedArrays().size());
				}
			assertEquals("nothing attached to the model's manager", before, model.getNDManager()
				.getManagedArrays().size());
		}
	}

	@Test
	public void gradientsReachTheStemAndTheHead() {
		try (Model model = model(ResNet18UNet2d.builder().optBaseWidth(8).optNumClasses(3));
			Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())))
		{
			final NDManager m = trainer.getManager();
			final NDArray x = m.randomUniform(0, 1, new Shape(2, 1, 64, 64));
			try (GradientCollector gc = trainer.newGradientCollector()) {
				final NDList out = trainer.forward(new NDList(x));
				gc.backward(out.get(0).mean().add(out.get(1).square().mean()));
			}
			for (final String key : new String[] { "encoder.conv1.weight", "decoder_stage4b_conv.weight",
				"cls_output.weight" })
			{
				final Parameter p = ((ResNet18UNet2d) model.getBlock()).namedParameters().get(key);
				assertTrue(key + " has a gradient", p.getArray().getGradient().abs().sum()
					.getFloat() > 0);
			}
		}
	}

	@Test
	public void badInputIsRefusedWithExpectedAndFoundShape() {
		try (Model model = model(ResNet18UNet2d.builder().optBaseWidth(8));
			NDManager m = model.getNDManager().newSubManager())
		{
			expect(model, m, new Shape(1, 1, 32, 32, 32), "input: expected a 2D image tensor " +
				"(N, 1, H, W) for this 2D network, got a 3D volume tensor (1, 1, 32, 32, 32)");
			expect(model, m, new Shape(1, 3, 32, 32), "input: expected a tensor (N, 1, H, W), got " +
				"(1, 3, 32, 32)");
			expect(model, m, new Shape(1, 1, 224, 200), "input: expected H and W that are positive " +
				"multiples of 32 (e.g. 224), got (1, 1, 224, 200)");
		}
		try {
			ResNet18UNet2d.builder().optBaseWidth(6).build();
			fail("base width 6 has no integer last decoder width");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("baseWidth: expected a multiple of 4"));
		}
	}

	private static void expect(final Model model, final NDManager m, final Shape s,
		final String message)
	{
		try {
			model.getBlock().forward(new ParameterStore(m, false), new NDList(m.zeros(s)), false);
			fail("must be refused: " + s);
		}
		catch (final IllegalArgumentException e) {
			assertEquals(message, e.getMessage());
		}
	}

	@Test
	public void configSurvivesItsMapForm() {
		final ResNet18UNet2dConfig c = new ResNet18UNet2dConfig(16, 3, 2, 7, OutputActivation.SOFTMAX);
		assertEquals(c, ResNet18UNet2dConfig.fromMap(c.toMap()));
		assertArrayEquals(new int[] { 256, 128, 64, 32, 16 }, ResNet18UNet2dConfig.defaults()
			.decoderFilters());
		assertEquals(1024, ResNet18UNet2dConfig.defaults().headUnits());
	}
}
