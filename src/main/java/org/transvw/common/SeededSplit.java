package org.transvw.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A seeded split of {@code n} items (patients, cases, cubes) into a chosen part and the rest:
 * the indices {@code 0..n-1} shuffled by the given stream ({@link RandomStreams#shuffle(int[])}),
 * the first {@code count} of that order chosen. Both parts keep the shuffled order; the same
 * stream gives the same split. Used for held-out validation patients (method.md §2.2, §5) and for
 * the label-fraction subsets of the annotation-efficiency study.
 * <pre>{@code
 * SeededSplit s = SeededSplit.holdOut(cases.size(), 0.2, 1, RandomStreams.seeded(seed).fork("validation split"));
 * List<Case> validation = s.chosen(cases), training = s.rest(cases);
 * }</pre>
 */
public final class SeededSplit {

	private final int n;
	private final int[] chosen;
	private final int[] rest;

	private SeededSplit(final int n, final int[] chosen, final int[] rest) {
		this.n = n;
		this.chosen = chosen;
		this.rest = rest;
	}

	/**
	 * The first {@code count} of a seeded shuffle of {@code 0..n-1}, and the rest.
	 *
	 * @throws IllegalArgumentException if {@code count} is outside {@code 0..n}
	 */
	public static SeededSplit draw(final int n, final int count, final RandomStreams rng) {
		Checks.require(n >= 0, "items", "a count >= 0, got " + n);
		Checks.inRange(count, 0, n, "count");
		Checks.notNull(rng, "random stream");
		final int[] order = new int[n];
		for (int i = 0; i < n; i++)
			order[i] = i;
		rng.shuffle(order);
		return new SeededSplit(n, Arrays.copyOfRange(order, 0, count), Arrays.copyOfRange(order,
			count, n));
	}

	/**
	 * A held-out part of {@code round(fraction * n)} items, but at least {@code atLeast} and at
	 * most {@code n - 1} (one item always stays in the rest).
	 *
	 * @throws IllegalArgumentException if {@code fraction} is outside [0, 1] or {@code n} is not
	 *           larger than {@code atLeast}
	 */
	public static SeededSplit holdOut(final int n, final double fraction, final int atLeast,
		final RandomStreams rng)
	{
		Checks.inRange(fraction, 0, 1, "fraction");
		Checks.require(atLeast >= 0 && n > atLeast, "items", "more than " + atLeast +
			" (at least " + atLeast + " held out and one kept), got " + n);
		final int count = Math.min(n - 1, Math.max(atLeast, (int) Math.round(fraction * n)));
		return draw(n, count, rng);
	}

	/**
	 * A held-out part chosen by group (patient, source volume): the distinct groups, in order of
	 * first appearance, are split by {@link #holdOut(int, double, int, RandomStreams)} and every
	 * item follows its group, so no group contributes to both parts. Both parts list their items
	 * by group in shuffled group order, then by index.
	 *
	 * @param groups the group of each item
	 * @throws IllegalArgumentException for fewer than {@code atLeast + 1} groups
	 */
	public static SeededSplit holdOutGroups(final List<String> groups, final double fraction,
		final int atLeast, final RandomStreams rng)
	{
		Checks.notNull(groups, "groups");
		final List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(groups));
		Checks.require(distinct.size() > atLeast, "groups", "more than " + atLeast +
			" distinct groups (patients or source volumes: at least " + atLeast + " held out and one " +
			"kept), got " + distinct.size());
		final SeededSplit g = holdOut(distinct.size(), fraction, atLeast, rng);
		return new SeededSplit(groups.size(), members(groups, distinct, g.chosen), members(groups,
			distinct, g.rest));
	}

	private static int[] members(final List<String> groups, final List<String> distinct,
		final int[] chosenGroups)
	{
		final List<Integer> out = new ArrayList<>();
		for (final int gi : chosenGroups)
			for (int i = 0; i < groups.size(); i++)
				if (groups.get(i).equals(distinct.get(gi))) out.add(i);
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Number of items split. */
	public int size() {
		return n;
	}

	/** The chosen indices in shuffled order (a copy). */
	public int[] chosen() {
		return chosen.clone();
	}

	/** The other indices in shuffled order (a copy). */
	public int[] rest() {
		return rest.clone();
	}

	/** {@code mask[i]} is true when item {@code i} was chosen. */
	public boolean[] chosenMask() {
		final boolean[] m = new boolean[n];
		for (final int i : chosen)
			m[i] = true;
		return m;
	}

	/** The chosen items of {@code items} (of size {@link #size()}), in shuffled order. */
	public <T> List<T> chosen(final List<T> items) {
		return pick(items, chosen);
	}

	/** The other items of {@code items} (of size {@link #size()}), in shuffled order. */
	public <T> List<T> rest(final List<T> items) {
		return pick(items, rest);
	}

	private <T> List<T> pick(final List<T> items, final int[] idx) {
		Checks.require(items.size() == n, "items", n + " items, got " + items.size());
		final List<T> out = new ArrayList<>(idx.length);
		for (final int i : idx)
			out.add(items.get(i));
		return out;
	}

	@Override
	public String toString() {
		return "SeededSplit " + chosen.length + " chosen / " + rest.length + " rest of " + n;
	}
}
