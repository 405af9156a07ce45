package org.transvw.network;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The network= key: parsing, auto by dimensionality, and refusal of a mismatch. */
public class NetworkChoiceTest {

	@Test
	public void autoPicksByDimensionality() {
		assertEquals(NetworkChoice.UNET3D, NetworkChoice.parse("auto").resolve(3));
		assertEquals(NetworkChoice.RESNET18_UNET, NetworkChoice.parse("").resolve(2));
		assertEquals(NetworkChoice.UNET2D, NetworkChoice.parse("UNet2D").resolve(2));
		assertEquals(NetworkChoice.RESNET18_UNET, NetworkChoice.parse("resnet18-unet").resolve(2));
	}

	@Test
	public void mismatchNamesTheKeyAndBothDimensionalities() {
		final String a = message(() -> NetworkChoice.UNET3D.resolve(2));
		assertTrue(a, a.startsWith("network: expected a 3D volume") && a.contains("found a 2D image"));
		final String b = message(() -> NetworkChoice.UNET2D.resolve(3));
		assertTrue(b, b.startsWith("network: expected a 2D image") && b.contains("found a 3D volume"));
		final String c = message(() -> NetworkChoice.parse("vgg"));
		assertTrue(c, c.startsWith("network: expected one of auto, unet3d, resnet18-unet, unet2d"));
	}

	private static String message(final Runnable r) {
		try {
			r.run();
		}
		catch (final IllegalArgumentException e) {
			return e.getMessage();
		}
		throw new AssertionError("accepted");
	}
}
