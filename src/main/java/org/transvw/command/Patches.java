package org.transvw.command;

import java.util.Arrays;

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
