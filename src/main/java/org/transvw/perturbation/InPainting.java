package org.transvw.perturbation;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/**
 * In-painting (method.md §3.1 PyTorch, §3.2 Models Genesis): holes of randint(dim/6, dim/3) voxels
 * per axis, each at least 3 voxels from the border (corner randint(3, dim - size - 3)), filled
 * with U[0, 1) noise or one U[0, 1) constant ({@link Fill}).
 * <p>
 * TransVW: exactly one hole ({@code new InPainting(1, 1, NOISE)}). Models Genesis:
 * {@code while holes < 5 and U() < 0.95: add a hole} ({@code new InPainting(5, 0.95, NOISE)}),
 * so no hole at all with probability 0.05. The input is never modified (NB: the PyTorch
 * reference paints in place, method.md §9.13). Small axes shrink the margin (see {@code Draws}).
 */
public final class InPainting implements Perturbation<InPainting.Params> {

	/** The drawn holes, their fill, the noise seed and the constant (CONSTANT fill). */
	public record Params(List<Box> holes, Fill fill, long noiseSeed, float constant) {

		public Params {
			holes = List.copyOf(holes);
		}
	}

	/** Distance of every hole from the border (method.md §3.1). */
	public static final int MARGIN = 3;

	private final int maxHoles;
	private final double repeatProbability;
	private final Fill fill;

	/**
	 * @param maxHoles at most this many holes
	 * @param repeatProbability probability of each hole (Models Genesis' loop gate); 1 = always
	 *          {@code maxHoles}, no gate draw
	 */
	public InPainting(final int maxHoles, final double repeatProbability, final Fill fill) {
		Painting.check(maxHoles, repeatProbability, fill);
		this.maxHoles = maxHoles;
		this.repeatProbability = repeatProbability;
		this.fill = fill;
	}

	@Override
	public String name() {
		return "inpainting";
	}

	@Override
	public Params draw(final RandomStreams rng, final Dimensions dims) {
		final int[] d = FloatCube.dimsOf(dims);
		final List<Box> holes = new ArrayList<>();
		while (holes.size() < maxHoles && Painting.more(rng, repeatProbability)) {
			final int[] size = new int[d.length], min = new int[d.length];
			for (int a = 0; a < d.length; a++)
				size[a] = Draws.size(rng, d[a] / 6, d[a] / 3, d[a]);
			for (int a = 0; a < d.length; a++)
				min[a] = Draws.corner(rng, d[a], size[a], MARGIN);
			holes.add(new Box(min, size));
		}
		final float constant = fill == Fill.CONSTANT ? (float) rng.nextDouble() : 0f;
		return new Params(holes, fill, Draws.seed(rng), constant);
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		return applyOwned(p, in.copy());
	}

	/** Paints the holes into {@code in} itself. */
	@Override
	public FloatCube applyOwned(final Params p, final FloatCube out) {
		final RandomStreams noise = RandomStreams.seeded(p.noiseSeed());
		for (final Box hole : p.holes())
			Painting.fill(out, hole, p.fill(), noise, p.constant());
		return out;
	}
}
