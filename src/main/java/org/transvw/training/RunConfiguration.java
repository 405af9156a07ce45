package org.transvw.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical form of a run's configuration, stored in every checkpoint and compared on
 * resume: nested maps flattened to dotted keys ({@code training.learningRate},
 * {@code network.baseWidth}), every value written as a string in one fixed way, keys sorted.
 * Two runs that would compute different weights from the same start differ in at least one key.
 */
final class RunConfiguration {

	/**
	 * Keys a resumed run may change: extending a run, its stopping rule or how often it keeps
	 * periodic checkpoints does not change what the completed epochs computed.
	 */
	static final Set<String> MAY_CHANGE_ON_RESUME = Set.of("training.maxEpochs",
		"training.patience", "training.checkpointEvery");

	private RunConfiguration() {}

	/** The flattened, sorted, string-valued copy of {@code nested} (null values left out). */
	static SortedMap<String, String> canonical(final Map<String, ?> nested) {
		final SortedMap<String, String> out = new TreeMap<>();
		flatten("", nested, out);
		MAY_CHANGE_ON_RESUME.forEach(out::remove);
		return out;
	}

	/** "key was A, now B" for every key whose value differs (absent: "none"), sorted by key. */
	static List<String> differences(final Map<String, String> before,
		final Map<String, String> now)
	{
		return differing(before, now).stream().map(ResumeMismatchException.Difference::toString)
			.toList();
	}

	/** Every key whose value differs (absent: null), sorted by key. */
	static List<ResumeMismatchException.Difference> differing(final Map<String, String> before,
		final Map<String, String> now)
	{
		final SortedMap<String, String> all = new TreeMap<>(before);
		all.putAll(now);
		final List<ResumeMismatchException.Difference> d = new ArrayList<>();
		for (final String k : all.keySet()) {
			final String a = before.get(k), b = now.get(k);
			if (a == null ? b != null : !a.equals(b)) d.add(new ResumeMismatchException.Difference(k,
				a, b));
		}
		return d;
	}

	private static void flatten(final String prefix, final Map<String, ?> m,
		final Map<String, String> out)
	{
		m.forEach((k, v) -> {
			if (v == null) return;
			if (v instanceof Map<?, ?> sub) {
				@SuppressWarnings("unchecked")
				final Map<String, ?> typed = (Map<String, ?>) sub;
				flatten(prefix + k + ".", typed, out);
			}
			else out.put(prefix + k, format(v));
		});
	}

	private static String format(final Object v) {
		if (v instanceof Double || v instanceof Float) return Double.toString(((Number) v)
			.doubleValue());
		if (v instanceof Enum<?> e) return e.name();
		if (v instanceof int[] a) return Arrays.toString(a);
		if (v instanceof long[] a) return Arrays.toString(a);
		if (v instanceof double[] a) return Arrays.toString(a);
		if (v instanceof Object[] a) return format(Arrays.asList(a));
		if (v instanceof Iterable<?> it) {
			final List<String> items = new ArrayList<>();
			for (final Object o : it)
				items.add(o == null ? "null" : format(o));
			return items.toString();
		}
		return String.valueOf(v);
	}
}
