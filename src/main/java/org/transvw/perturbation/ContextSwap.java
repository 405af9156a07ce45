package org.transvw.perturbation;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/**
 * Context-restoration corruption (Chen et al., "Self-supervised learning for medical image
 * analysis using image context restoration", MedIA 2019; the add-on experiments of paper §V):
 * {@code swaps} times, two non-overlapping patches of dim/8 voxels per axis (at least 1) are
 * chosen at random and exchanged. Swaps run in order on the evolving image. Intensities are only
 * moved, never changed.
 * <p>
 * Our constants (not in the reference; Chen et al. tune them per data set): 10 swaps of 8x8x4 patches
 * on a 64x64x32 cube. A pair that overlaps is redrawn (up to 100 times, then that swap is
 * dropped, which only happens on tiny images).
 */
public final class ContextSwap implements Perturbation<ContextSwap.Params> {

	/** Default number of swaps. */
	public static final int SWAPS = 10;
	/** Patch extent as a fraction of the image extent per axis. */
	public static final int PATCH_DIVISOR = 8;

	private static final int MAX_TRIES = 100;

	/** The drawn patch pairs: {@code first.get(i)} swaps with {@code second.get(i)}. */
	public record Params(List<Box> first, List<Box> second) {

		public Params {
			first = List.copyOf(first);
			second = List.copyOf(second);
			Checks.require(first.size() == second.size(), "pairs", "as many first as second patches");
		}
	}

	private final int swaps;

	public ContextSwap() {
		this(SWAPS);
	}

	public ContextSwap(final int swaps) {
		this.swaps = Checks.inRange(swaps, 0, 100_000, "swaps");
	}

	@Override
	public String name() {
		return "contextswap";
	}

	@Override
	public Params draw(final RandomStreams rng, final Dimensions dims) {
		final int[] d = FloatCube.dimsOf(dims);
		final int[] size = new int[d.length];
		for (int a = 0; a < d.length; a++)
			size[a] = Math.max(1, d[a] / PATCH_DIVISOR);
		final List<Box> first = new ArrayList<>(), second = new ArrayList<>();
		for (int s = 0; s < swaps; s++)
			for (int t = 0; t < MAX_TRIES; t++) {
				final Box a = random(rng, d, size), b = random(rng, d, size);
				if (!overlap(a, b)) {
					first.add(a);
					second.add(b);
					break;
				}
			}
		return new Params(first, second);
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		final FloatCube out = in.copy();
		final float[] a = out.data();
		for (int i = 0; i < p.first().size(); i++) {
			final Box f = p.first().get(i), s = p.second().get(i);
			final boolean threeD = f.numDimensions() > 2;
			final int sz = threeD ? f.size(2) : 1;
			for (int z = 0; z < sz; z++)
				for (int y = 0; y < f.size(1); y++) {
					final int fo = out.index(f.min(0), f.min(1) + y, threeD ? f.min(2) + z : 0);
					final int so = out.index(s.min(0), s.min(1) + y, threeD ? s.min(2) + z : 0);
					for (int x = 0; x < f.size(0); x++) {
						final float t = a[fo + x];
						a[fo + x] = a[so + x];
						a[so + x] = t;
					}
				}
		}
		return out;
	}

	private static Box random(final RandomStreams rng, final int[] d, final int[] size) {
		final int[] min = new int[d.length];
		for (int a = 0; a < d.length; a++)
			min[a] = Draws.randint(rng, 0, d[a] - size[a]);
		return new Box(min, size);
	}

	static boolean overlap(final Box a, final Box b) {
		for (int d = 0; d < a.numDimensions(); d++)
			if (a.min(d) + a.size(d) <= b.min(d) || b.min(d) + b.size(d) <= a.min(d)) return false;
		return true;
	}
}
