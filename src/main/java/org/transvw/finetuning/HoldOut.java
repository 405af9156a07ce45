package org.transvw.finetuning;

import java.util.List;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.common.SeededSplit;

/**
 * The seeded hold-out split of fine-tuning, in the words of its parameters: the one
 * {@link SeededSplit#holdOut} of {@code round(fraction * n)} items (at least one, at most all
 * but one), drawn from the stream {@code seed -> fork("validation split")}, become validation
 * items; the rest, in shuffled order, training items.
 */
public record HoldOut<T>(List<T> train, List<T> validation) {

	/** The stream name of the split (the same seed gives the same split in every stage). */
	static final String STREAM = "validation split";

	/**
	 * Checks a validation fraction before any data are read.
	 *
	 * @throws IllegalArgumentException naming {@code validation} unless it lies in (0, 1)
	 */
	public static double requireFraction(final double fraction) {
		Checks.require(fraction > 0 && fraction < 1, "validation", "a fraction in (0, 1), got " +
			fraction);
		return fraction;
	}

	/**
	 * @param key the parameter named in messages, {@code items} what the list holds ("cases")
	 * @throws IllegalArgumentException for fewer than 2 items or a fraction outside (0, 1)
	 */
	public static <T> HoldOut<T> split(final List<T> all, final double fraction, final long seed,
		final String key, final String items)
	{
		requireFraction(fraction);
		Checks.require(all.size() >= 2, key, "at least 2 labelled " + items +
			" (one for validation), got " + all.size());
		final SeededSplit s = SeededSplit.holdOut(all.size(), fraction, 1, RandomStreams.seeded(seed)
			.fork(STREAM));
		return new HoldOut<>(List.copyOf(s.rest(all)), List.copyOf(s.chosen(all)));
	}
}
