package org.transvw.command;

import java.util.Arrays;
import java.util.Locale;

/** Parses a choice parameter into an enum constant, naming the key and the choices on error. */
final class Choices {

	private Choices() {}

	/** The constant named {@code value} (any case), or null for "auto" / none. */
	static <E extends Enum<E>> E orAuto(final Class<E> type, final String value,
		final String key)
	{
		if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("auto")) return null;
		try {
			return of(type, value, key);
		}
		catch (final IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage().replace(": expected one of ",
				": expected auto or one of "), ex);
		}
	}

	/** The constant named {@code value} (any case; '-' read as '_'). */
	static <E extends Enum<E>> E of(final Class<E> type, final String value, final String key) {
		try {
			return Enum.valueOf(type, value.trim().replace('-', '_').toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException(key + ": expected one of " + Arrays.toString(type
				.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got '" + value + "'", ex);
		}
	}
}
