package org.transvw.perturbation;

/**
 * Per-thread working buffers for the per-cube hot paths (Gaussian passes, the elastic noise), so
 * that a 64x64x32 cube does not allocate and zero several MB of temporaries per call. Only
 * buffers up to {@link #MAX_FLOATS} floats are kept; larger requests get a fresh array.
 * <p>
 * Trap: a buffer holds stale values (and row buffers may be longer than requested); callers
 * write before they read and never let it escape. Each slot has one user at a time on a thread (no nesting of the
 * same slot).
 */
final class Scratch {

	/** Largest buffer kept per slot and thread (4 MB). */
	static final int MAX_FLOATS = 1 << 20;

	/** The slots. */
	static final int GAUSS_TMP = 0, ELASTIC_NOISE = 1, ELASTIC_UX = 2, ELASTIC_UY = 3;

	private static final int SLOTS = 4, PAIRS = 2;

	private static final ThreadLocal<float[][]> FLOATS = ThreadLocal.withInitial(
		() -> new float[SLOTS][]);

	private static final ThreadLocal<float[][][]> ROWS = ThreadLocal.withInitial(
		() -> new float[PAIRS][][]);

	private Scratch() {}

	/** Exactly {@code length} floats (stale contents). */
	static float[] floats(final int slot, final int length) {
		if (length > MAX_FLOATS) return new float[length];
		final float[][] s = FLOATS.get();
		if (s[slot] == null || s[slot].length != length) s[slot] = new float[length];
		return s[slot];
	}

	/** {@code rows} rows of at least {@code length} floats each (stale contents); pair 0 or 1. */
	static float[][] rows(final int pair, final int rows, final int length) {
		if ((long) rows * length > MAX_FLOATS) return new float[rows][length];
		final float[][][] s = ROWS.get();
		if (s[pair] == null || s[pair].length < rows || s[pair][0].length < length) s[pair] =
			new float[Math.max(rows, s[pair] == null ? 0 : s[pair].length)][Math.max(length,
				s[pair] == null ? 0 : s[pair][0].length)];
		return s[pair];
	}
}
