package org.transvw.perturbation;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/**
 * Out-painting (method.md §3.1 PyTorch, §3.2 Models Genesis): the whole cube becomes U[0, 1) noise
 * (or one U[0, 1) constant, {@link Fill}), then the original is copied back inside kept windows
 * of dim - randint(3 dim/7, 4 dim/7) voxels per axis (28..37 x 28..37 x 14..19 for 64x64x32),
 * each at least 3 voxels from the border.
 * <p>
 * TransVW: one window ({@code new OutPainting(1, 1, NOISE)}). Models Genesis: the first window,
 * then up to 4 more while U() < 0.95 ({@code new OutPainting(5, 0.95, NOISE)}); the kept
 * region is their union. Small axes shrink the margin (see {@code Draws}).
 */
public final class OutPainting implements Perturbation<OutPainting.Params> {

	/** The kept windows, the background fill, the noise seed and the constant (CONSTANT fill). */
	public record Params(List<Box> windows, Fill fill, long noiseSeed, float constant) {

		public Params {
			windows = List.copyOf(windows);
		}
	}

	/** Distance of every window from the border (method.md §3.1). */
	public static final int MARGIN = 3;

	private final int maxWindows;
	private final double repeatProbability;
	private final Fill fill;

	/**
	 * @param maxWindows at most this many windows (at least 1: the first is always kept)
	 * @param repeatProbability probability of each further window; 1 = always
	 *          {@code maxWindows}, no gate draw
	 */
	public OutPainting(final int maxWindows, final double repeatProbability, final Fill fill) {
		Painting.check(maxWindows, repeatProbability, fill);
		org.transvw.common.Checks.positive(maxWindows, "windows");
		this.maxWindows = maxWindows;
		this.repeatProbability = repeatProbability;
		this.fill = fill;
	}

	@Override
	public String name() {
		return "outpainting";
	}

	@Override
	public Params draw(final RandomStreams rng, final Dimensions dims) {
		final int[] d = FloatCube.dimsOf(dims);
		final List<Box> windows = new ArrayList<>();
		do {
			final int[] size = new int[d.length], min = new int[d.length];
			for (int a = 0; a < d.length; a++)
				size[a] = Math.max(1, d[a] - Draws.randint(rng, 3 * d[a] / 7, 4 * d[a] / 7));
			for (int a = 0; a < d.length; a++)
				min[a] = Draws.corner(rng, d[a], size[a], MARGIN);
			windows.add(new Box(min, size));
		}
		while (windows.size() < maxWindows && Painting.more(rng, repeatProbability));
		final float constant = fill == Fill.CONSTANT ? (float) rng.nextDouble() : 0f;
		return new Params(windows, fill, Draws.seed(rng), constant);
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		final FloatCube out = FloatCube.zeros(in.dims());
		final int[] d = in.dims();
		final Box all = new Box(new int[d.length], d);
		Painting.fill(out, all, p.fill(), RandomStreams.seeded(p.noiseSeed()), p.constant());
		for (final Box w : p.windows())
			w.copy(in, out);
		return out;
	}

	/**
	 * The same cube as {@link #apply(Params, FloatCube)}, written over {@code in}: row by row, the
	 * background (the same draws in the same order) with the kept windows' part of the row copied
	 * from {@code in} before the row is written back.
	 */
	@Override
	public FloatCube applyOwned(final Params p, final FloatCube in) {
		final float[] a = in.data();
		final int nx = in.dim(0), ny = in.dim(1), nz = in.depth();
		final boolean threeD = in.numDimensions() > 2;
		final float[] row = new float[nx];
		final RandomStreams noise = RandomStreams.seeded(p.noiseSeed());
		final boolean isNoise = p.fill() == Fill.NOISE;
		final float constant = p.constant();
		final List<Box> windows = p.windows();
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++) {
				if (isNoise) for (int x = 0; x < nx; x++)
					row[x] = noise.nextFloat();
				else java.util.Arrays.fill(row, constant);
				final int o = in.index(0, y, z);
				for (final Box w : windows)
					if (y >= w.min(1) && y < w.min(1) + w.size(1) && (!threeD || z >= w.min(2) && z < w.min(
						2) + w.size(2))) System.arraycopy(a, o + w.min(0), row, w.min(0), w.size(0));
				System.arraycopy(row, 0, a, o, nx);
			}
		return in;
	}
}
