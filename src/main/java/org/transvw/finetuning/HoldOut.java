package org.transvw.finetuning;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

/**
 * The seeded hold-out split of fine-tuning: {@code round(fraction * n)} items (at least one, at
 * most all but one), chosen by a shuffle of the stream {@code seed -> fork("validation split")},
 * become validation items; the rest, in shuffled order, training items.
 */
public record HoldOut<T>(List<T> train, List<T> validation) {

	/**
	 * @param key the parameter named in messages, {@code items} what the list holds ("cases")
	 * @throws IllegalArgumentException for fewer than 2 items or a fraction outside (0, 1)
	 */
	public static <T> HoldOut<T> split(final List<T> all, final double fraction, final long seed,
		final String key, final String items)
	{
		Checks.require(fraction > 0 && fraction < 1, "validation", "a fraction in (0, 1), got " +
			fraction);
		Checks.require(all.size() >= 2, key, "at least 2 labelled " + items + " (one for validation), " +
			"got " + all.size());
		final int[] order = new int[all.size()];
		for (int i = 0; i < order.length; i++)
			order[i] = i;
		RandomStreams.seeded(seed).fork("validation split").shuffle(order);
		final int nVal = Math.min(all.size() - 1, Math.max(1, (int) Math.round(fraction * all
			.size())));
		final List<T> train = new ArrayList<>(), val = new ArrayList<>();
		for (int k = 0; k < order.length; k++)
			(k < nVal ? val : train).add(all.get(order[k]));
		return new HoldOut<>(List.copyOf(train), List.copyOf(val));
	}
}
