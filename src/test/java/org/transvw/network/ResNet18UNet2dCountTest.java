package org.transvw.network;

import static org.junit.Assert.assertEquals;

import java.util.Set;
import java.util.TreeSet;

import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.engine.EngineSession;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Parameter counts of the full-width 2D network against the published ResNet-18 and against
 * the decoder and head counts derived by arithmetic from the layer list.
 */
@Category(EngineTests.class)
public class ResNet18UNet2dCountTest {

	/** torchvision resnet18: 11,689,512 parameters, of which fc (512 x 1000 + 1000) 513,000. */
	private static final long TORCHVISION_RESNET18_WITHOUT_FC = 11_689_512L - 513_000L;

	@BeforeClass
	public static void engine() {
		EngineSession.engine();
	}

	private static ResNet18UNet2d initialised(final NDManager m, final ResNet18UNet2d.Builder b) {
		final ResNet18UNet2d net = b.build();
		net.initialize(m, DataType.FLOAT32, new Shape(1, net.config().inChannels(), 64, 64));
		return net;
	}

	@Test
	public void encoderHasThePublishedResNet18Count() {
		try (NDManager m = NDManager.newBaseManager()) {
			// ImageNet layout (3 input channels), as published
			final ResNet18UNet2d rgb = initialised(m, ResNet18UNet2d.builder().optInChannels(3));
			assertEquals(11_176_512L, TORCHVISION_RESNET18_WITHOUT_FC);
			assertEquals(TORCHVISION_RESNET18_WITHOUT_FC, rgb.parameterCount("encoder."));
			// grey radiographs: the stem sees 1 channel, 2 x 64 x 7 x 7 fewer weights
			final ResNet18UNet2d grey = initialised(m, ResNet18UNet2d.builder());
			assertEquals(TORCHVISION_RESNET18_WITHOUT_FC - 2 * 64 * 49, grey.parameterCount(
				"encoder."));
			// BN running statistics: 2 per BN channel; BN channels 64 + 4 x 64 + 5 x 128 + 5 x 256 +
			// 5 x 512 = 4800 (each layer2..4 has 4 block BNs and one downsample BN)
			long stats = 0;
			for (final var e : grey.namedParameters().entrySet())
				if (ResNet18UNet2d.isEncoderKey(e.getKey()) && !e.getValue().requiresGradient()) stats += e.getValue().getArray().getShape().size();
			assertEquals(2 * (64 + 4 * 64 + 5 * 128 + 5 * 256 + 5 * 512), stats);
		}
	}

	@Test
	public void decoderAndHeadHaveTheirArithmeticCounts() {
		try (NDManager m = NDManager.newBaseManager()) {
			final int classes = 100;
			final ResNet18UNet2d net = initialised(m, ResNet18UNet2d.builder().optNumClasses(
				classes));
			// decoder block i: conv 3x3 (in_i -> f_i, no bias) + BN (2 f_i) + conv 3x3 (f_i -> f_i)
			// + BN; in_i = previous filters + skip channels (512 + 256, 256 + 128, 128 + 64,
			// 64 + 64, 32 + 0)
			final int[] filters = { 256, 128, 64, 32, 16 }, skips = { 256, 128, 64, 64, 0 };
			long decoder = 0;
			int from = 512;
			for (int i = 0; i < 5; i++) {
				final long f = filters[i], in = from + skips[i];
				decoder += 9 * in * f + 2 * f + 9 * f * f + 2 * f;
				from = filters[i];
			}
			final long finalConv = 9L * 16 * 1 + 1;
			assertEquals(3_151_552L, decoder);
			assertEquals(decoder + finalConv, net.parameterCount("decoder_stage") + net
				.parameterCount("final_conv."));
			// head: GAP, dense 512 -> 1024 + ReLU, dense 1024 -> C (weights and biases)
			final long head = 512L * 1024 + 1024 + 1024L * classes + classes;
			assertEquals(627_812L, head);
			assertEquals(head, net.parameterCount("cls_"));
			assertEquals(11_170_240L + decoder + finalConv + head, net.parameterCount());
		}
	}

	@Test
	public void encoderKeysMapOneToOneOntoTorchvisionStateDictKeys() {
		try (NDManager m = NDManager.newBaseManager()) {
			final ResNet18UNet2d net = initialised(m, ResNet18UNet2d.builder().optBaseWidth(8));
			final Set<String> expected = new TreeSet<>();
			expected.add("conv1.weight");
			bn(expected, "bn1");
			for (int layer = 1; layer <= 4; layer++)
				for (int unit = 0; unit < 2; unit++) {
					final String b = "layer" + layer + "." + unit + ".";
					expected.add(b + "conv1.weight");
					bn(expected, b + "bn1");
					expected.add(b + "conv2.weight");
					bn(expected, b + "bn2");
					if (layer > 1 && unit == 0) {
						expected.add(b + "downsample.0.weight");
						bn(expected, b + "downsample.1");
					}
				}
			final Set<String> mapped = new TreeSet<>();
			for (final String k : net.namedParameters().keySet())
				if (ResNet18UNet2d.isEncoderKey(k)) mapped.add(k.substring("encoder.".length())
					.replace(".gamma", ".weight").replace(".beta", ".bias").replace(".runningMean",
						".running_mean").replace(".runningVar", ".running_var"));
			assertEquals(expected, mapped);
		}
	}

	private static void bn(final Set<String> keys, final String layer) {
		for (final String p : new String[] { "weight", "bias", "running_mean", "running_var" })
			keys.add(layer + "." + p);
	}
}
