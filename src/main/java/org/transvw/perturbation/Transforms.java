package org.transvw.perturbation;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.transvw.common.Checks;

/**
 * The one registry of g(.)'s transforms (method.md §3): every {@link Perturbation} by its
 * {@link Perturbation#name() name}, built with the method's defaults. Policies
 * ({@code perturbation.policy.PerturbationPolicies}) resolve single transforms here, and each
 * SciJava op of {@code perturbation.op} is named {@link #OP_PREFIX} + a name of this registry
 * (a test keeps the two lists equal).
 * <pre>{@code
 * Perturbation<?> shuffle = Transforms.byName("shuffle");          // or "transvw.shuffle"
 * }</pre>
 */
public final class Transforms {

	/** Prefix of the op (and preview) name of a transform, e.g. "transvw.shuffle". */
	public static final String OP_PREFIX = "transvw.";

	private static final Map<String, Supplier<Perturbation<?>>> DEFAULTS = defaults();

	private Transforms() {}

	private static Map<String, Supplier<Perturbation<?>>> defaults() {
		final Map<String, Supplier<Perturbation<?>>> m = new TreeMap<>();
		m.put("contextswap", ContextSwap::new);
		m.put("elastic", ElasticDeformation::new);
		m.put("flip", Flip::new);
		m.put("identity", Identity::new);
		// NB: the released TransVW code paints one noise hole / keeps one window, always
		m.put("inpainting", () -> new InPainting(1, 1, Fill.NOISE));
		m.put("nonlinear", NonlinearIntensity::new);
		m.put("outpainting", () -> new OutPainting(1, 1, Fill.NOISE));
		m.put("rotation", Rotation90::new);
		m.put("shuffle", () -> new LocalShuffle(LocalShuffle.TRANSVW_BLOCKS));
		return Collections.unmodifiableMap(m);
	}

	/** Every transform name, sorted, e.g. "contextswap", "elastic", ... */
	public static List<String> names() {
		return List.copyOf(DEFAULTS.keySet());
	}

	/** Every op name ({@link #OP_PREFIX} + name), sorted. */
	public static List<String> opNames() {
		return DEFAULTS.keySet().stream().map(n -> OP_PREFIX + n).toList();
	}

	/** True for a transform name, with or without {@link #OP_PREFIX} (case-insensitive). */
	public static boolean isTransform(final String name) {
		return name != null && DEFAULTS.containsKey(bare(name));
	}

	/**
	 * A new transform called {@code name} (with or without {@link #OP_PREFIX}, case-insensitive)
	 * with the method defaults.
	 *
	 * @throws IllegalArgumentException naming the known transforms
	 */
	public static Perturbation<?> byName(final String name) {
		final Supplier<Perturbation<?>> s = name == null ? null : DEFAULTS.get(bare(name));
		Checks.require(s != null, "transform", "one of " + opNames() + ", got '" + name + "'");
		return s.get();
	}

	private static String bare(final String name) {
		final String n = name.trim().toLowerCase(Locale.ROOT);
		return n.startsWith(OP_PREFIX) ? n.substring(OP_PREFIX.length()) : n;
	}
}
