package org.transvw.perturbation;

import org.transvw.common.RandomStreams;

/**
 * The few draw helpers the transforms share: 62-bit sub-seeds, and the reference's
 * "randint(margin, dim - size - margin)" corners with the margin shrunk on axes too small for it.
 */
final class Draws {

	private Draws() {}

	/**
	 * {@code rng.randint(lo, hi)} (same draw, same stream consumption) without building the
	 * bounds-check message on every call: shuffles draw 60 000 of these per cube.
	 */
	static int randint(final RandomStreams rng, final int lo, final int hi) {
		if (hi < lo) return rng.randint(lo, hi); // throws the named error
		return lo + rng.nextInt(hi - lo + 1);
	}

	/** A seed for a sub-stream (noise fill, permutation, elastic field). */
	static long seed(final RandomStreams rng) {
		return ((long) rng.nextInt(Integer.MAX_VALUE) << 31) ^ rng.nextInt(Integer.MAX_VALUE);
	}

	/**
	 * A corner {@code randint(m, dim - size - m)} with {@code m = min(margin, (dim - size) / 2)}.
	 * NB: equals the reference's {@code randint(margin, dim - size - margin)} whenever the axis is
	 * large enough for it (every axis of 64x64x32); smaller axes (16x16x8 test cubes, thin 2D
	 * patches) get a smaller margin instead of an error.
	 */
	static int corner(final RandomStreams rng, final int dim, final int size, final int margin) {
		final int m = Math.max(0, Math.min(margin, (dim - size) / 2));
		return randint(rng, m, dim - size - m);
	}

	/** {@code randint(max(1, lo), max(lo', hi))}, never above {@code dim}. */
	static int size(final RandomStreams rng, final int lo, final int hi, final int dim) {
		final int a = Math.min(dim, Math.max(1, lo));
		final int b = Math.min(dim, Math.max(a, hi));
		return randint(rng, a, b);
	}
}
