package org.transvw.perturbation;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/**
 * Models Genesis' random flip (method.md §3.2), an augmentation applied to input AND target:
 * {@code cnt = 3; while U() < 0.4 and cnt > 0: axis = choice([0, 1, 2]); flip; cnt -= 1}.
 * <p>
 * NB: the reference arrays are (1, R, C, D), so axis 0 is the channel axis and its "flip" does
 * nothing, axis 1 flips x and axis 2 flips y; depth is never flipped. Params keep the
 * reference's axis numbers. The uniform is drawn before the counter is tested, so a fourth U()
 * is consumed after three flips. Flip counts: P(0..3) = 0.6, 0.24, 0.096, 0.064.
 */
public final class Flip implements Perturbation<Flip.Params> {

	/** Reference axis number that flips nothing (the channel axis). */
	public static final int CHANNEL_AXIS = 0;

	/** The drawn reference axes (0 = channel, no-op; 1 = x; 2 = y), in order. */
	public record Params(int[] axes) {

		public Params {
			axes = axes.clone();
			for (final int a : axes)
				Checks.inRange(a, 0, 2, "flip axis");
		}

		@Override
		public int[] axes() {
			return axes.clone();
		}

		@Override
		public boolean equals(final Object o) {
			return o instanceof Params && java.util.Arrays.equals(axes, ((Params) o).axes);
		}

		@Override
		public int hashCode() {
			return java.util.Arrays.hashCode(axes);
		}

		@Override
		public String toString() {
			return "Params[axes=" + java.util.Arrays.toString(axes) + "]";
		}
	}

	private final double rate;
	private final int maxFlips;

	/** Models Genesis' flip_rate 0.4 with at most 3 flips. */
	public Flip() {
		this(0.4, 3);
	}

	public Flip(final double rate, final int maxFlips) {
		this.rate = Checks.inRange(rate, 0, 1, "flipRate");
		this.maxFlips = Checks.inRange(maxFlips, 0, 1000, "maxFlips");
	}

	@Override
	public String name() {
		return "flip";
	}

	@Override
	public Params draw(final RandomStreams rng, final Dimensions dims) {
		FloatCube.dimsOf(dims);
		final int[] axes = new int[maxFlips];
		int n = 0;
		while (rng.nextDouble() < rate && n < maxFlips)
			axes[n++] = rng.nextInt(3);
		return new Params(java.util.Arrays.copyOf(axes, n));
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		FloatCube out = in.copy();
		for (final int a : p.axes())
			if (a != CHANNEL_AXIS) out = flip(out, a - 1);
		return out;
	}

	/** A copy of {@code in} mirrored along image axis {@code axis} (0 = x, 1 = y, 2 = z). */
	public static FloatCube flip(final FloatCube in, final int axis) {
		final FloatCube out = FloatCube.zeros(in.dims());
		final float[] s = in.data(), t = out.data();
		final int n = in.dim(axis), inner = in.stride(axis), outer = s.length / (n * inner);
		for (int o = 0; o < outer; o++)
			for (int i = 0; i < n; i++) {
				final int from = (o * n + i) * inner, to = (o * n + n - 1 - i) * inner;
				if (inner == 1) t[to] = s[from];
				else System.arraycopy(s, from, t, to, inner);
			}
		return out;
	}
}
