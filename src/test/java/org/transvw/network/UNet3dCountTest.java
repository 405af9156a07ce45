package org.transvw.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

import ai.djl.ndarray.types.Shape;

/**
 * Parameter counts at the paper's width (base 32) against method.md §4.1 / 4.2, from shapes alone:
 * nothing is allocated and the engine is not started.
 */
public class UNet3dCountTest {

	private static UNet3d net(final Flavour f, final int classes) {
		return UNet3d.builder().optFlavour(f).optBaseWidth(32).optNumClasses(classes).build();
	}

	private static long statistics(final UNet3d n) {
		return n.parameterShapes().entrySet().stream().filter(e -> UNet3d.isStatistic(e.getKey()))
			.mapToLong(e -> e.getValue().size()).sum();
	}

	@Test
	public void pytorchUNetHasTheReferenceCount() {
		assertEquals(19_073_665L, net(Flavour.PYTORCH, 0).parameterCount());
		// method.md §7: the UNet3D state dict has 106 entries, 9 of them num_batches_tracked (not kept)
		assertEquals(106 - 14, net(Flavour.PYTORCH, 0).parameterShapes().size());
	}

	@Test
	public void pytorchYNetWith44ClassesHasTheReferenceCount() {
		assertEquals(33_277_613L, net(Flavour.PYTORCH, 44).parameterCount());
		assertEquals(33_277_613L - 19_073_665L, 14_203_948L);
	}

	@Test
	public void pytorchEncoderAloneHasTheReferenceCount() {
		final UNet3d n = net(Flavour.PYTORCH, 0);
		final long enc = n.parameterShapes().entrySet().stream().filter(e -> !UNet3d.isStatistic(e
			.getKey()) && n.isEncoderLayer(layer(e.getKey()))).mapToLong(e -> e.getValue().size())
			.sum();
		assertEquals(7_027_776L, enc);
	}

	@Test
	public void kerasUNetHasTheReferenceCounts() {
		final UNet3d n = net(Flavour.KERAS, 0);
		assertEquals(16_320_257L, n.parameterCount());
		assertEquals(4_672L, statistics(n));
	}

	@Test
	public void kerasYNetWith44ClassesHasTheReferenceCounts() {
		final UNet3d n = net(Flavour.KERAS, 44);
		assertEquals(23_970_093L, n.parameterCount());
		assertEquals(5_696L, statistics(n));
	}

	@Test
	public void upSamplingIsTheTransposedConvolutionsSize() {
		// ConvTranspose3d(512, 512, 2) has 512*512*8 weights; ours is the same tensor reshaped
		final Map<String, Shape> s = net(Flavour.PYTORCH, 0).parameterShapes();
		assertEquals(new Shape(4096, 512, 1, 1, 1), s.get("up_tr256.up_conv.weight"));
		assertEquals(new Shape(512), s.get("up_tr256.up_conv.bias"));
		assertTrue(s.containsKey("out_tr.final_conv.weight"));
	}

	@Test
	public void noSkipsShrinkTheFirstDecoderConvolutions() {
		final UNet3d n = UNet3d.builder().optBaseWidth(4).optSkipConnections(false).build();
		assertEquals(new Shape(32, 64, 3, 3, 3), n.parameterShapes().get(
			"up_tr256.ops.0.conv1.weight"));
	}

	@Test(expected = IllegalArgumentException.class)
	public void invalidWidthIsRefused() {
		UNet3d.builder().optBaseWidth(0).build();
	}

	private static String layer(final String key) {
		return key.substring(0, key.lastIndexOf('.'));
	}
}
