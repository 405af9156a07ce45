package org.transvw.command;

/** Parses a patch-size macro value such as {@code 64,64,32} (commas or spaces). */
final class Patches {

	private Patches() {}

	static int[] parse(final String text) {
		final String[] parts = text == null ? new String[0] : text.trim().split("[,\\s]+");
		if (parts.length != 3) throw new IllegalArgumentException(
			"patch: expected three sizes x,y,z such as 64,64,32, got '" + text + "'");
		final int[] p = new int[3];
		for (int i = 0; i < 3; i++) {
			try {
				p[i] = Integer.parseInt(parts[i]);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException("patch: expected integers x,y,z, got '" + text + "'");
			}
			if (p[i] <= 0 || p[i] % 8 != 0) throw new IllegalArgumentException(
				"patch: expected positive multiples of 8, got '" + text + "'");
		}
		return p;
	}
}
