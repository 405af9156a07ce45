package org.transvw.perturbation;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/**
 * Rotation by multiples of 90 degrees that keeps the cube's shape (the Rotation pretext of the
 * add-on experiments, paper §V): class {@code c} in 0..7 is {@code c % 4} quarter turns in the
 * x-y plane, applied after, for {@code c >= 4}, a half turn about the x axis (y -> -y, z -> -z,
 * "upside down"). These 8 rotations are exactly those that map a cube with X == Y and any Z onto
 * itself (64x64x32); odd quarter turns need X == Y.
 * <p>
 * A quarter turn is {@code out(x, y, z) = in(y, N - 1 - x, z)}; upside down is
 * {@code out(x, y, z) = in(x, Y - 1 - y, Z - 1 - z)}. Both are voxel permutations, so a
 * rotation followed by {@link #inverse} is exactly the identity. NB: on a 2D patch the half turn
 * about x is the mirror y -> -y, so the 8 classes are the 8 symmetries of the square (4 rotations
 * and 4 reflections).
 */
public final class Rotation90 implements Perturbation<Rotation90.Params> {

	/** Number of rotation classes. */
	public static final int CLASSES = 8;

	/** The drawn rotation class, 0..7. */
	public record Params(int rotationClass) {

		public Params {
			Checks.inRange(rotationClass, 0, CLASSES - 1, "rotationClass");
		}

		/** Quarter turns in the x-y plane. */
		public int quarterTurns() {
			return rotationClass % 4;
		}

		/** Whether the half turn about x comes first. */
		public boolean upsideDown() {
			return rotationClass >= 4;
		}
	}

	@Override
	public String name() {
		return "rotation";
	}

	@Override
	public Params draw(final RandomStreams rng, final Dimensions dims) {
		final int[] d = FloatCube.dimsOf(dims);
		final boolean square = d[0] == d[1];
		// NB: without X == Y only the classes with an even number of quarter turns are shape-safe
		int c = rng.nextInt(square ? CLASSES : CLASSES / 2);
		if (!square) c = 2 * (c % 2) + 4 * (c / 2);
		return new Params(c);
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		Checks.require(p.quarterTurns() % 2 == 0 || in.dim(0) == in.dim(1), "rotation",
			"equal x and y extents for a quarter turn, got " + in.dim(0) + "x" + in.dim(1));
		FloatCube out = p.upsideDown() ? upsideDown(in) : in.copy();
		for (int q = 0; q < p.quarterTurns(); q++)
			out = quarterTurn(out);
		return out;
	}

	/** The rotation that undoes {@code p}. */
	public static Params inverse(final Params p) {
		// half turns about horizontal axes are their own inverses; quarter turns reverse
		return new Params(p.upsideDown() ? p.rotationClass() : (4 - p.quarterTurns()) % 4);
	}

	private static FloatCube quarterTurn(final FloatCube in) {
		final int n = in.dim(0), nz = in.depth(), plane = n * n;
		final FloatCube out = FloatCube.zeros(in.dims());
		final float[] s = in.data(), t = out.data();
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					t[z * plane + y * n + x] = s[z * plane + (n - 1 - x) * n + y];
		return out;
	}

	private static FloatCube upsideDown(final FloatCube in) {
		FloatCube out = Flip.flip(in, 1);
		if (in.numDimensions() > 2) out = Flip.flip(out, 2);
		return out;
	}
}
