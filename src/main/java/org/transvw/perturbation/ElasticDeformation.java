package org.transvw.perturbation;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;

import net.imglib2.Dimensions;

/**
 * In-plane elastic deformation (TransVW released code; method.md §3.1, checklist §11): two random
 * displacement fields, U(-1, 1) noise smoothed by a Gaussian of {@code sigma} over every axis
 * (zero padding, truncate 4) and scaled by {@code alpha}, move voxels along x and y; z is never
 * displaced. Sampling is linear with scipy's 'reflect' (half-sample symmetric) boundary, i.e.
 * {@code map_coordinates(order=1, mode='reflect')}.
 * <p>
 * Defaults α = 991, σ = 8 give a displacement standard deviation of about 3.8 voxels in the
 * interior of a 64x64x32 cube. Params records the field seed only; the fields are regenerated
 * on replay ({@link #displacement}). NB: the reference uses an unseeded RandomState here, so its
 * warps are not reproducible; ours are. NB: the reference's first field moves axis 1 (y) and the
 * second axis 0 (x); we draw them in that order too.
 */
public final class ElasticDeformation implements Perturbation<ElasticDeformation.Params> {

	/** Field scale α (method.md §3.1). */
	public static final double ALPHA = 991;
	/** Field smoothness σ in voxels (method.md §3.1). */
	public static final double SIGMA = 8;

	/** The drawn parameters: α, σ and the seed of the two noise fields. */
	public record Params(double alpha, double sigma, long fieldSeed) {}

	private final double alpha, sigma;

	/** The reference's α 991, σ 8. */
	public ElasticDeformation() {
		this(ALPHA, SIGMA);
	}

	public ElasticDeformation(final double alpha, final double sigma) {
		this.alpha = Checks.inRange(alpha, 0, 1e6, "alpha");
		this.sigma = Checks.inRange(sigma, 0, 1e3, "sigma");
	}

	@Override
	public String name() {
		return "elastic";
	}

	@Override
	public Params draw(final RandomStreams rng, final Dimensions dims) {
		FloatCube.dimsOf(dims);
		return new Params(alpha, sigma, Draws.seed(rng));
	}

	@Override
	public FloatCube apply(final Params p, final FloatCube in) {
		// NB: the fields in per-thread buffers (they do not escape): no 1 MB of fresh memory per cube
		final int n = in.data().length;
		final float[] ux = Scratch.floats(Scratch.ELASTIC_UX, n), uy = Scratch.floats(
			Scratch.ELASTIC_UY, n);
		displacement(p, in.dims(), ux, uy);
		return warp(in, ux, uy);
	}

	/**
	 * The displacement fields {x, y} of {@code p} for a cube of extents {@code dims}, each
	 * {@code alpha * gaussian(U(-1, 1), sigma)}.
	 */
	public static float[][] displacement(final Params p, final int[] dims) {
		final int n = FloatCube.size(dims);
		final float[] ux = new float[n], uy = new float[n];
		displacement(p, dims, ux, uy);
		return new float[][] { ux, uy };
	}

	/** {@link #displacement(Params, int[])} written into {@code ux} and {@code uy}. */
	private static void displacement(final Params p, final int[] dims, final float[] ux,
		final float[] uy)
	{
		final RandomStreams rng = RandomStreams.seeded(p.fieldSeed());
		final int n = FloatCube.size(dims);
		final double[] sigmas = new double[dims.length];
		java.util.Arrays.fill(sigmas, p.sigma());
		field(rng, n, dims, sigmas, (float) p.alpha(), uy);
		field(rng, n, dims, sigmas, (float) p.alpha(), ux);
	}

	/** One field into {@code f} (n values, fully overwritten). */
	private static void field(final RandomStreams rng, final int n, final int[] dims,
		final double[] sigmas, final float alpha, final float[] f)
	{
		final LowRankGaussian lowRank = LowRankGaussian.of(dims, sigmas, Gaussian.DEFAULT_TRUNCATE);
		if (lowRank != null) {
			// NB: the default σ 8 on a 64x64x32 cube: about 5x less work than the exact passes
			final float[] noise = Scratch.floats(Scratch.ELASTIC_NOISE, n);
			rng.nextFloats(noise, n);
			for (int i = 0; i < n; i++)
				noise[i] = noise[i] * 2 - 1;
			lowRank.smooth(noise, f);
			for (int i = 0; i < n; i++)
				f[i] *= alpha;
			return;
		}
		// NB: the noise is i.i.d., so it may be generated in (y, x, z) order: there x is a row
		// axis, smoothed without a transpose, and one transpose back gives (x, y, z) for the y
		// pass. Same distribution as filling in (x, y, z) order, one transpose instead of two.
		final int[] t = dims.clone();
		t[0] = dims[1];
		t[1] = dims[0];
		final float[] noise = Scratch.floats(Scratch.ELASTIC_NOISE, n); // fully overwritten
		for (int i = 0; i < n; i++)
			noise[i] = rng.nextFloat() * 2 - 1;
		final double[] sx = sigmas.clone(), sy = new double[sigmas.length];
		sx[0] = 0; // in (y, x, z): axis 1 = x and axis 2 = z
		sy[1] = sigmas[1];
		Gaussian.smooth(noise, t, sx, Gaussian.DEFAULT_TRUNCATE, Gaussian.Boundary.ZERO);
		Gaussian.transposeXY(noise, f, t);
		Gaussian.smooth(f, dims, sy, Gaussian.DEFAULT_TRUNCATE, Gaussian.Boundary.ZERO);
		for (int i = 0; i < n; i++)
			f[i] *= alpha;
	}

	/**
	 * {@code out(x, y, z) = in(x + ux, y + uy, z)} by bilinear interpolation in each z plane,
	 * with the half-sample symmetric ('reflect') extension beyond the border. A zero field is the
	 * identity; a constant integer field is a translation with reflected borders.
	 */
	public static FloatCube warp(final FloatCube in, final float[] ux, final float[] uy) {
		final float[] src = in.data();
		Checks.require(ux.length == src.length && uy.length == src.length, "displacement",
			src.length + " values per field, got " + ux.length + " and " + uy.length);
		float max = 0;
		for (int i = 0; i < ux.length; i++)
			max = Math.max(max, Math.max(Math.abs(ux[i]), Math.abs(uy[i])));
		// NB: NaN fails the test too
		if (max <= MAX_PAD) return warpPadded(in, ux, uy, (int) Math.ceil(max) + 2);
		return warpReflected(in, ux, uy);
	}

	/** Widest reflected border {@link #warpPadded} builds (larger displacements take the slow path). */
	private static final int MAX_PAD = 64;

	/**
	 * {@link #warp} through a copy of each z plane with a reflected border of {@code pad} voxels
	 * (more than any displacement), so that the inner loop has no boundary case. Same samples and
	 * the same arithmetic as {@link #warpReflected}: bit-identical results.
	 */
	private static FloatCube warpPadded(final FloatCube in, final float[] ux, final float[] uy,
		final int pad)
	{
		final float[] src = in.data();
		final int nx = in.dim(0), ny = in.dim(1), nz = in.depth(), plane = nx * ny;
		final int w = nx + 2 * pad, h = ny + 2 * pad;
		final Gaussian.Boundary reflect = Gaussian.Boundary.REFLECT;
		final int[] mapX = new int[w], mapY = new int[h];
		for (int i = 0; i < w; i++)
			mapX[i] = reflect.map(i - pad, nx);
		for (int i = 0; i < h; i++)
			mapY[i] = reflect.map(i - pad, ny);
		final float[] p = new float[w * h];
		final FloatCube out = FloatCube.zeros(in.dims());
		final float[] dst = out.data();
		for (int z = 0; z < nz; z++) {
			final int base = z * plane;
			for (int py = 0; py < h; py++) {
				final int row = base + mapY[py] * nx, o = py * w;
				for (int px = 0; px < pad; px++) {
					p[o + px] = src[row + mapX[px]];
					p[o + pad + nx + px] = src[row + mapX[pad + nx + px]];
				}
				System.arraycopy(src, row, p, o + pad, nx);
			}
			// NB: float coordinates (as the fields); floor by cast and correction, cheaper than
			// Math.floor on doubles
			for (int y = 0; y < ny; y++) {
				final int row = base + y * nx;
				for (int x = 0; x < nx; x++) {
					final int idx = row + x;
					final float cx = x + ux[idx], cy = y + uy[idx];
					int x0 = (int) cx, y0 = (int) cy;
					if (x0 > cx) x0--; // floor for negative coordinates
					if (y0 > cy) y0--;
					final float fx = cx - x0, fy = cy - y0;
					final int q = (y0 + pad) * w + x0 + pad;
					dst[idx] = bilinear(p[q], p[q + 1], p[q + w], p[q + w + 1], fx, fy);
				}
			}
		}
		return out;
	}

	/**
	 * The bilinear blend of the four neighbours (top-left, top-right, bottom-left, bottom-right)
	 * at fractions {@code fx}, {@code fy}. NB: blended in double, so the float result never leaves
	 * [min, max] of the four by a rounding step.
	 */
	private static float bilinear(final double a, final double b, final double c, final double d,
		final float fx, final float fy)
	{
		final double top = a + fx * (b - a);
		final double bottom = c + fx * (d - c);
		return (float) (top + fy * (bottom - top));
	}

	/** {@link #warp} with the boundary mapped per sample (any displacement). */
	private static FloatCube warpReflected(final FloatCube in, final float[] ux, final float[] uy) {
		final float[] src = in.data();
		final int nx = in.dim(0), ny = in.dim(1), nz = in.depth(), plane = nx * ny;
		final FloatCube out = FloatCube.zeros(in.dims());
		final float[] dst = out.data();
		final Gaussian.Boundary reflect = Gaussian.Boundary.REFLECT;
		for (int z = 0; z < nz; z++) {
			final int base = z * plane;
			for (int y = 0; y < ny; y++) {
				final int row = base + y * nx;
				for (int x = 0; x < nx; x++) {
					final int idx = row + x;
					final float cx = x + ux[idx], cy = y + uy[idx];
					int x0 = (int) cx, y0 = (int) cy;
					if (x0 > cx) x0--; // floor for negative coordinates
					if (y0 > cy) y0--;
					final float fx = cx - x0, fy = cy - y0;
					final int xa, xb, ya, yb;
					if (x0 >= 0 && x0 < nx - 1) {
						xa = x0;
						xb = x0 + 1;
					}
					else {
						xa = reflect.map(x0, nx);
						xb = reflect.map(x0 + 1, nx);
					}
					if (y0 >= 0 && y0 < ny - 1) {
						ya = base + y0 * nx;
						yb = ya + nx;
					}
					else {
						ya = base + reflect.map(y0, ny) * nx;
						yb = base + reflect.map(y0 + 1, ny) * nx;
					}
					dst[idx] = bilinear(src[ya + xa], src[ya + xb], src[yb + xa], src[yb + xb], fx, fy);
				}
			}
		}
		return out;
	}
}
