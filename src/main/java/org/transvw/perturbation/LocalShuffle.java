package org.transvw.perturbation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/**
 * Local pixel shuffling (Models Genesis / TransVW; method.md §3.1): {@code blocks} random boxes of
 * 1..dim/10 voxels per axis anywhere in the cube; each box's voxels are taken from the ORIGINAL
 * cube, permuted at random and written into the output, later boxes overwriting earlier ones.
 * <p>
 * TransVW uses 5 blocks (at most 6x6x3 = 180 voxels each, so at most 540 of a 64x64x32 cube
 * change); Models Genesis uses 10 000. The multiset of values inside each box is preserved.
 * NB: axes shorter than 10 voxels use blocks of size 1 along that axis (dim/10 would be 0).
 */
public final class LocalShuffle implements Perturbation<LocalShuffle.Params> {

	/** TransVW's block count (method.md §3.1). */
	public static final int TRANSVW_BLOCKS = 5;
	/** Models Genesis' block count (method.md §3.2). */
	public static final int GENESIS_BLOCKS = 10_000;

	/**
	 * The drawn blocks, in drawing order, packed as {@code min[0..n), size[0..n)} per block (n =
	 * numDimensions; flat so that Models Genesis' 10 000 blocks cost one array), and the seed of
	 * their permutations.
	 */
	public record Params(int numDimensions, int[] packed, long permutationSeed) {

		public Params {
			Checks.require(numDimensions == 2 || numDimensions == 3, "numDimensions", "2 or 3, got " +
				numDimensions);
			Checks.require(packed.length % (2 * numDimensions) == 0, "packed", "a multiple of " + 2 *
				numDimensions + " values, got " + packed.length);
			packed = packed.clone();
		}

		/** Params of explicit blocks (all of the same dimensionality). */
		public static Params of(final List<Box> blocks, final long permutationSeed) {
			final int n = blocks.isEmpty() ? 3 : blocks.get(0).numDimensions();
			final int[] packed = new int[2 * n * blocks.size()];
			for (int b = 0; b < blocks.size(); b++)
				for (int a = 0; a < n; a++) {
					packed[2 * n * b + a] = blocks.get(b).min(a);
					packed[2 * n * b + n + a] = blocks.get(b).size(a);
				}
			return new Params(n, packed, permutationSeed);
		}

		@Override
		public int[] packed() {
			return packed.clone();
		}

		/** Number of blocks. */
		public int count() {
			return packed.length / (2 * numDimensions);
		}

		/** Block {@code b}. */
		public Box block(final int b) {
			final int o = 2 * numDimensions * b;
			return new Box(Arrays.copyOfRange(packed, o, o + numDimensions), Arrays.copyOfRange(packed,
				o + numDimensions, o + 2 * numDimensions));
		}

		/** Every block, in drawing order. */
		public List<Box> blocks() {
			final List<Box> list = new ArrayList<>(count());
			for (int b = 0; b < count(); b++)
				list.add(block(b));
			return list;
		}

		@Override
		public boolean equals(final Object o) {
			return o instanceof Params && ((Params) o).numDimensions == numDimensions && Arrays.equals(
				((Params) o).packed, packed) && ((Params) o).permutationSeed == permutationSeed;
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(packed) * 31 + Long.hashCode(permutationSeed);
		}

		@Override
		public String toString() {
			return "Params[" + count() + " blocks, permutationSeed=" + permutationSeed + "]";
		}
	}

	private final int blocks;

	public LocalShuffle(final int blocks) {
		this.blocks = Checks.inRange(blocks, 0, 1_000_000, "blocks");
	}

	public int blocks() {
		return blocks;
	}

	@Override
	public String name() {
		return "shuffle";
	}

	@Override
	public Params draw(final RandomStreams rng, final Dimensions dims) {
		final int[] d = FloatCube.dimsOf(dims);
		final int n = d.length;
		final int[] packed = new int[2 * n * blocks];
		for (int b = 0, o = 0; b < blocks; b++, o += 2 * n) {
			for (int a = 0; a < n; a++)
				packed[o + n + a] = Draws.size(rng, 1, d[a] / 10, d[a]);
			for (int a = 0; a < n; a++)
				packed[o + a] = Draws.randint(rng, 0, d[a] - packed[o + n + a]);
		}
		return new Params(n, packed, Draws.seed(rng));
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		Checks.require(p.numDimensions() == in.numDimensions(), "params", in.numDimensions() +
			"D blocks, got " + p.numDimensions() + "D");
		final FloatCube out = in.copy();
		final float[] src = in.data(), dst = out.data();
		final RandomStreams perm = RandomStreams.seeded(p.permutationSeed());
		final int n = p.numDimensions();
		final int[] packed = p.packed;
		float[] buf = new float[0];
		for (int o = 0; o < packed.length; o += 2 * n) {
			final int sx = packed[o + n], sy = packed[o + n + 1], sz = n > 2 ? packed[o + n + 2] : 1;
			final int mx = packed[o], my = packed[o + 1], mz = n > 2 ? packed[o + 2] : 0;
			if (buf.length < sx * sy * sz) buf = new float[sx * sy * sz];
			int k = 0;
			for (int z = 0; z < sz; z++)
				for (int y = 0; y < sy; y++, k += sx)
					System.arraycopy(src, in.index(mx, my + y, mz + z), buf, k, sx);
			perm.shuffle(buf, 0, k);
			k = 0;
			for (int z = 0; z < sz; z++)
				for (int y = 0; y < sy; y++, k += sx)
					System.arraycopy(buf, k, dst, in.index(mx, my + y, mz + z), sx);
		}
		return out;
	}
}
