package org.transvw.common;

/**
 * Argument checks whose messages name the parameter and what was expected, so that a user who
 * mistypes a macro option reads what to fix rather than a stack trace.
 */
public final class Checks {

	private Checks() {}

	/** @throws IllegalArgumentException "parameter: expected ..." unless {@code condition} */
	public static void require(final boolean condition, final String parameter,
		final String expected)
	{
		if (!condition) throw new IllegalArgumentException(parameter + ": expected " + expected);
	}

	/** @return {@code value} if it lies in [min, max] */
	public static int inRange(final int value, final int min, final int max,
		final String parameter)
	{
		require(value >= min && value <= max, parameter, "a value in [" + min + ", " + max +
			"], got " + value);
		return value;
	}

	/** @return {@code value} if it lies in [min, max] and is finite */
	public static double inRange(final double value, final double min, final double max,
		final String parameter)
	{
		require(value >= min && value <= max, parameter, "a value in [" + min + ", " + max +
			"], got " + value);
		return value;
	}

	/** @return {@code value} if it is strictly positive */
	public static int positive(final int value, final String parameter) {
		require(value > 0, parameter, "a positive integer, got " + value);
		return value;
	}

	/** @return {@code value} if it is not null */
	public static <T> T notNull(final T value, final String parameter) {
		require(value != null, parameter, "a value, got none");
		return value;
	}
}
