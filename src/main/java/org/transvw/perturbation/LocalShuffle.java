package org.transvw.perturbation;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/**
 * Local pixel shuffling (Models Genesis / TransVW; SPEC §3.1): {@code blocks} random boxes of
 * 1..dim/10 voxels per axis anywhere in the cube; each box's voxels are taken from the ORIGINAL
 * cube, permuted at random and written into the output, later boxes overwriting earlier ones.
 * <p>
 * TransVW uses 5 blocks (at most 6x6x3 = 180 voxels each, so at most 540 of a 64x64x32 cube
 * change); Models Genesis uses 10 000. The multiset of values inside each box is preserved.
 * NB: axes shorter than 10 voxels use blocks of size 1 along that axis (dim/10 would be 0).
 */
public final class LocalShuffle implements Perturbation<LocalShuffle.Params> {

	/** TransVW's block count (SPEC §3.1). */
	public static final int TRANSVW_BLOCKS = 5;
	/** Models Genesis' block count (SPEC §3.2). */
	public static final int GENESIS_BLOCKS = 10_000;

	/** The drawn blocks, in drawing order, and the seed of their permutations. */
	public record Params(List<Box> blocks, long permutationSeed) {

		public Params {
			blocks = List.copyOf(blocks);
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
		final List<Box> list = new ArrayList<>(blocks);
		for (int b = 0; b < blocks; b++) {
			final int[] size = new int[d.length], min = new int[d.length];
			for (int a = 0; a < d.length; a++)
				size[a] = Draws.size(rng, 1, d[a] / 10, d[a]);
			for (int a = 0; a < d.length; a++)
				min[a] = Draws.randint(rng, 0, d[a] - size[a]);
			list.add(new Box(min, size));
		}
		return new Params(list, Draws.seed(rng));
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		final FloatCube out = in.copy();
		final float[] src = in.data(), dst = out.data();
		final RandomStreams perm = RandomStreams.seeded(p.permutationSeed());
		float[] buf = new float[0];
		for (final Box b : p.blocks()) {
			if (buf.length < b.volume()) buf = new float[b.volume()];
			final int sz = b.numDimensions() > 2 ? b.size(2) : 1;
			final int mz = b.numDimensions() > 2 ? b.min(2) : 0;
			int n = 0;
			for (int z = 0; z < sz; z++)
				for (int y = 0; y < b.size(1); y++) {
					final int o = in.index(b.min(0), b.min(1) + y, mz + z);
					System.arraycopy(src, o, buf, n, b.size(0));
					n += b.size(0);
				}
			perm.shuffle(buf, 0, n);
			n = 0;
			for (int z = 0; z < sz; z++)
				for (int y = 0; y < b.size(1); y++) {
					final int o = in.index(b.min(0), b.min(1) + y, mz + z);
					System.arraycopy(buf, n, dst, o, b.size(0));
					n += b.size(0);
				}
		}
		return out;
	}
}
