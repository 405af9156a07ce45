package org.transvw.command;

import java.util.Arrays;

import org.transvw.network.NetworkChoice;
import org.transvw.network.ResNet18UNet2d;
import org.transvw.network.UNet2d;
import org.transvw.network.UNet3d;

/** Parses size macro values such as {@code 64,64,32} (commas, spaces or x between numbers). */
final class Patches {

	/** Largest size along one axis. */
	static final int MAX_SIZE = 4096;
	/** Largest number of voxels of one patch (a float cube of 512 MiB). */
	static final long MAX_VOXELS = 1L << 27;

	private Patches() {}

	/** Three sizes the U-Net accepts ({@link UNet3d#requireInputSizes}), e.g. a training patch. */
	static int[] parse(final String text) {
		final int[] p = ints(text, "patch");
		if (p.length != 3) throw new IllegalArgumentException(
			"patch: expected three sizes x,y,z such as 64,64,32, got '" + text + "'");
		return UNet3d.requireInputSizes("patch", p);
	}

	/**
	 * Sizes for {@code network} on data of its dimensionality: three multiples of 8 for the 3D
	 * U-Net, two multiples of the 2D network's multiple (32 for the ResNet-18 U-Net, 8 for the
	 * 2D U-Net).
	 */
	static int[] parse(final String text, final NetworkChoice network) {
		if (network.dimensions() == 3) return parse(text);
		final int[] p = ints(text, "patch");
		if (p.length != 2) throw new IllegalArgumentException("patch: expected two sizes x,y " +
			"such as 128,128 for the 2D images (" + NetworkChoice.KEY + " " + network.key() +
			"), got '" + text + "'");
		final int m = network == NetworkChoice.UNET2D ? UNet2d.REQUIRED_MULTIPLE
			: ResNet18UNet2d.REQUIRED_MULTIPLE;
		for (final int v : p)
			if (v % m != 0) throw new IllegalArgumentException("patch: expected multiples of " + m +
				" for " + network.key() + ", got '" + text + "'");
		return p;
	}

	/**
	 * Positive integers, each at most {@value #MAX_SIZE}, with at most {@value #MAX_VOXELS}
	 * voxels in all.
	 */
	static int[] ints(final String text, final String key) {
		final String expected = key + ": expected sizes x,y[,z] from 1 to " + MAX_SIZE +
			" with at most " + MAX_VOXELS + " voxels in all, e.g. 64,64,32, got '" + text + "'";
		final String[] parts = text == null ? new String[0] : text.trim().split("[,x\\s]+");
		if (parts.length < 1 || parts.length > 3 || parts[0].isEmpty())
			throw new IllegalArgumentException(expected);
		final int[] p = new int[parts.length];
		long voxels = 1;
		for (int i = 0; i < parts.length; i++) {
			final long v;
			try {
				v = Long.parseLong(parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException(expected);
			}
			if (v < 1 || v > MAX_SIZE) throw new IllegalArgumentException(expected);
			voxels *= v;
			p[i] = (int) v;
		}
		if (voxels > MAX_VOXELS) throw new IllegalArgumentException(expected);
		return p;
	}

	/** The sizes as a macro value, e.g. "64,64,32". */
	static String format(final int[] p) {
		return Arrays.toString(p).replaceAll("[\\[\\] ]", "");
	}
}
