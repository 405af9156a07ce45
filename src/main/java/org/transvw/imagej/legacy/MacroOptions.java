package org.transvw.imagej.legacy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The options string of an ImageJ macro call ({@code key=value key=[value with spaces] flag}),
 * read the way GenericDialog reads it, plus the two checks every TransVW command gets in one
 * place: old key spellings are migrated for one release with a deprecation line, and unknown
 * keys are refused with the nearest valid key suggested (a mistyped {@code epoch=1} must not
 * start a 10,000-epoch run). The old -> new mapping is documented in {@code docs/macros.md}.
 */
final class MacroOptions {

	/**
	 * A renamed key of one command: {@code old} -> {@code key}, applied only when {@code when}
	 * (another old key) is present too, or always for {@code when == null}.
	 */
	record Rename(String command, String old, String key, String when) {}

	/** A deprecated value of one command's key: {@code key=old} means {@code key=value} now. */
	record ValueChange(String command, String key, String old, String value, String why) {}

	private static final String PKG = "org.transvw.command.";

	/** Old spellings accepted for one release (0.2); see docs/macros.md. */
	static final List<Rename> RENAMES = List.of(
		new Rename(PKG + "PretrainCommand", "rate", "lr", null),
		new Rename(PKG + "FineTuneClassificationCommand", "cube", "patch", null),
		new Rename(PKG + "GeneratePhantomCommand", "folder", "output", null),
		new Rename(PKG + "SegmentVolumeCommand", "folder", "output", null),
		new Rename(PKG + "ClassifyCandidatesCommand", "batch", "budget", null),
		// NB: the old 'validation' (patients per word) only when the old 'fraction' marks an old macro
		new Rename(PKG + "SelfDiscoveryCommand", "validation", "kval", "fraction"),
		new Rename(PKG + "SelfDiscoveryCommand", "fraction", "validation", null));

	static final List<ValueChange> VALUE_CHANGES = List.of(new ValueChange(PKG +
		"FineTuneSegmentationCommand", "classes", "1", "2", "classes now counts background " +
			"(as in Fine-tune (classification)): binary is classes=2"), new ValueChange(PKG +
				"SelfDiscoveryCommand", "normalization", "ct", "ct-window", "the recipes are named " +
					"after their modality (auto, the default, detects it)"), new ValueChange(PKG +
						"SelfDiscoveryCommand", "normalization", "percentile", "mr-percentile",
						"the recipes are named after their modality (auto, the default, detects it)"));

	private MacroOptions() {}

	/**
	 * Parses an options string into key -> raw value (null for a bare flag), keys lower-cased.
	 *
	 * @throws IllegalArgumentException for a key given twice with different values (ImageJ would
	 *           silently take the first)
	 */
	static Map<String, String> parse(final String options) {
		final Map<String, String> out = new LinkedHashMap<>();
		final String s = options == null ? "" : options;
		int i = 0;
		while (i < s.length()) {
			while (i < s.length() && s.charAt(i) == ' ')
				i++;
			if (i >= s.length()) break;
			int j = i;
			while (j < s.length() && s.charAt(j) != ' ' && s.charAt(j) != '=')
				j++;
			final String key = s.substring(i, j).toLowerCase(Locale.US);
			if (j >= s.length() || s.charAt(j) == ' ') {
				put(out, key, null);
				i = j;
				continue;
			}
			int k = j + 1;
			final String value;
			if (k < s.length() && s.charAt(k) == '[') {
				final int close = s.indexOf(']', k + 1);
				final int end = close < 0 ? s.length() : close;
				value = s.substring(k + 1, end);
				k = close < 0 ? s.length() : close + 1;
			}
			else {
				int e = k;
				while (e < s.length() && s.charAt(e) != ' ')
					e++;
				value = s.substring(k, e);
				k = e;
			}
			put(out, key, value);
			i = k;
		}
		return out;
	}

	private static void put(final Map<String, String> out, final String key, final String value) {
		if (out.containsKey(key) && !java.util.Objects.equals(out.get(key), value))
			throw new IllegalArgumentException(key + ": given twice (" + (out.get(key) == null ? "alone"
				: "'" + out.get(key) + "'") + " and " + (value == null ? "alone" : "'" + value + "'") +
				"); give it once");
		out.putIfAbsent(key, value);
	}

	/**
	 * The options of {@code command} with old spellings replaced by the current ones, each
	 * reported to {@code log} as "key 'rate' is deprecated, use 'lr'".
	 *
	 * @throws IllegalArgumentException if an old and its new key are both given
	 */
	static Map<String, String> migrate(final String command, final Map<String, String> options,
		final Consumer<String> log)
	{
		final Map<String, String> out = new LinkedHashMap<>();
		final Map<String, String> renamed = new LinkedHashMap<>();
		for (final Rename r : RENAMES)
			if (r.command().equals(command) && options.containsKey(r.old()) && (r.when() == null ||
				options.containsKey(r.when()))) renamed.put(r.old(), r.key());
		for (final Map.Entry<String, String> e : options.entrySet()) {
			final String to = renamed.getOrDefault(e.getKey(), e.getKey());
			if (!to.equals(e.getKey())) log.accept("key '" + e.getKey() + "' is deprecated, use '" +
				to + "'");
			if (out.containsKey(to)) throw new IllegalArgumentException(to + ": given twice ('" + (renamed
				.containsKey(e.getKey()) ? e.getKey() : keyFor(renamed, to)) + "' is the deprecated " +
				"spelling of '" + to + "'); give only '" + to + "'");
			out.put(to, e.getValue());
		}
		for (final ValueChange v : VALUE_CHANGES)
			if (v.command().equals(command) && v.old().equals(out.get(v.key()))) {
				log.accept(v.key() + "=" + v.old() + " is deprecated, use " + v.key() + "=" + v.value() +
					": " + v.why());
				out.put(v.key(), v.value());
			}
		return out;
	}

	private static String keyFor(final Map<String, String> renamed, final String to) {
		for (final Map.Entry<String, String> e : renamed.entrySet())
			if (e.getValue().equals(to)) return e.getKey();
		return to;
	}

	/**
	 * @throws IllegalArgumentException "epoch: unknown key; did you mean 'epochs'? (keys of this
	 *           command: ...)"
	 */
	static void requireKnown(final Collection<String> given, final Collection<String> keys) {
		for (final String k : given) {
			if (keys.contains(k)) continue;
			final String near = nearest(k, keys);
			throw new IllegalArgumentException(k + ": unknown key" + (near == null ? ""
				: "; did you mean '" + near + "'?") + " (keys of this command: " + String.join(", ",
					new TreeSet<>(keys)) + ")");
		}
	}

	/** The key closest to {@code key} by edit distance, if close enough to be a typo; else null. */
	static String nearest(final String key, final Collection<String> keys) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (final String k : keys) {
			final int d = distance(key, k);
			if (d < bestDistance || d == bestDistance && best != null && k.compareTo(best) < 0) {
				best = k;
				bestDistance = d;
			}
		}
		if (best == null) return null;
		final boolean prefix = best.startsWith(key) || key.startsWith(best);
		return bestDistance <= Math.max(2, key.length() / 3) || prefix ? best : null;
	}

	/** Levenshtein distance. */
	static int distance(final String a, final String b) {
		int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++)
			prev[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			cur[0] = i;
			for (int j = 1; j <= b.length(); j++)
				cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b
					.charAt(j - 1) ? 0 : 1));
			final int[] t = prev;
			prev = cur;
			cur = t;
		}
		return prev[b.length()];
	}
}
