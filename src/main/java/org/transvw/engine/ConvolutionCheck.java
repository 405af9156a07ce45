package org.transvw.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.transvw.common.Checks;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;

/**
 * A standalone reproducer for the libtorch 2.7.1 CPU {@code conv3d} defects claimed in round 1
 * (wrong float32 results for inputs with more than 16 channels not a multiple of 16, and
 * non-repeatable or NaN input gradients with 2+ threads for filter counts not a multiple of 16):
 * each {@link Case} runs one unpadded stride-1 'same' convolution, forward and backward, in
 * float32 (the engine's fast path, oneDNN for most shapes) and in float64 (libtorch's reference
 * {@code slow_conv3d}, never oneDNN), and reports the largest absolute differences, the count of
 * non-finite values and whether repeated float32 runs agree bit for bit.
 * <p>
 * Inputs are seeded (no engine random state): x in [0, 1), weights and biases in
 * +-1/sqrt(fan_in) (the PyTorch initialisation, so outputs are of order 1), the upstream
 * gradient in [-1, 1). The thread count is the engine's ({@code ai.djl.pytorch.num_threads},
 * read once per JVM); run {@code bin/transvw-bench conv3d} once per thread count to compare.
 */
public final class ConvolutionCheck {

	/**
	 * How the input x and the upstream gradient are laid out in memory, as the U-Net hands them
	 * to the convolution: dense; channels-last (channel stride 1, what the transposes of the
	 * learned up-sampling's depth-to-space produce and what makes libtorch pick its
	 * channels-last oneDNN kernels); a channel slice of a tensor with twice the channels (what the
	 * backward pass of the skip concatenation hands on).
	 */
	public enum Layout {
		DENSE, CHANNELS_LAST, CHANNEL_SLICE
	}

	/**
	 * One convolution: batch, input channels, filters, odd cubic kernel, spatial size (x, y, z),
	 * memory layout of x and of the upstream gradient.
	 */
	public record Case(int batch, int in, int out, int kernel, int[] size, Layout layout) {

		public Case {
			Checks.positive(batch, "batch");
			Checks.positive(in, "in");
			Checks.positive(out, "out");
			Checks.require(kernel > 0 && kernel % 2 == 1, "kernel", "an odd size, got " + kernel);
			Checks.require(size != null && size.length == 3 && Arrays.stream(size).allMatch(
				s -> s > 0), "size", "three positive sizes (x, y, z)");
			size = size.clone();
			Checks.notNull(layout, "layout");
		}

		/** A dense case. */
		public Case(final int batch, final int in, final int out, final int kernel,
			final int[] size)
		{
			this(batch, in, out, kernel, size, Layout.DENSE);
		}

		@Override
		public int[] size() {
			return size.clone();
		}

		/** "b2 24->4 k3 32x32x16 dense". */
		@Override
		public String toString() {
			return String.format(Locale.ROOT, "b%d %d->%d k%d %dx%dx%d %s", batch, in, out, kernel,
				size[0], size[1], size[2], layout.name().toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * What one case gave.
	 *
	 * @param forwardError max |y32 - y64|
	 * @param inputGradientError max |dx32 - dx64|
	 * @param weightGradientError max |dw32 - dw64|
	 * @param nonFinite NaN or infinite values in all float32 outputs and gradients of all runs
	 * @param repeatSpread max |y32, dx32 (run r) - (run 0)| over the repeated runs (0 =
	 *          bit-identical forward and input gradient)
	 * @param scale max |y64|, |dx64|, |dw64|: the magnitudes the errors compare with
	 */
	public record Result(Case c, double forwardError, double inputGradientError,
		double weightGradientError, long nonFinite, double repeatSpread, double[] scale)
	{

		public Result {
			scale = scale.clone();
		}

		@Override
		public double[] scale() {
			return scale.clone();
		}

		/** The largest of the three errors relative to its magnitude (NaN counts as infinite). */
		public double worstRelativeError() {
			final double[] e = { forwardError, inputGradientError, weightGradientError };
			double w = 0;
			for (int i = 0; i < 3; i++)
				w = Math.max(w, e[i] / Math.max(scale[i], Double.MIN_NORMAL));
			return w;
		}

		/** One JSON object on one line. */
		public String toJson(final int threads) {
			return String.format(Locale.ROOT, "{\"bench\": \"conv3d.check\", \"case\": \"%s\", " +
				"\"threads\": %d, \"forwardMaxAbsError\": %.3e, \"inputGradMaxAbsError\": %.3e, " +
				"\"weightGradMaxAbsError\": %.3e, \"worstRelativeError\": %.3e, \"nonFinite\": %d, " +
				"\"repeatSpread\": %.3e}", c, threads, forwardError, inputGradientError,
				weightGradientError, worstRelativeError(), nonFinite, repeatSpread);
		}
	}

	private ConvolutionCheck() {}

	/**
	 * The channel counts a PyTorch-flavour U-Net of base width 1, 2, 4, 8 produces (encoder
	 * b..16b, decoder inputs 24b, 12b, 6b), the ones the round-1 note named (24, 40: more than
	 * 16, not a multiple; 4, 8 filters) and their multiples of 16, at a tiny and at the
	 * full-resolution size of a base-4 test run (32x32x16), batch 1 and 2 (libtorch switches
	 * between its native and oneDNN kernels on batch size, kernel size and thread count), and a
	 * few in the non-dense layouts of {@link Layout}.
	 */
	public static List<Case> defaultCases() {
		final List<Case> cases = new ArrayList<>();
		final int[] tiny = { 4, 4, 2 };
		final int[] full = { 32, 32, 16 };
		for (final int in : new int[] { 1, 4, 8, 12, 16, 20, 24, 32, 40, 48, 64 })
			for (final int out : new int[] { 1, 4, 8, 16, 24 })
				cases.add(new Case(2, in, out, 3, tiny));
		for (final int[] io : new int[][] { { 1, 4 }, { 4, 8 }, { 24, 8 }, { 12, 4 }, { 40, 16 } })
			for (final int batch : new int[] { 1, 2 })
				cases.add(new Case(batch, io[0], io[1], 3, full));
		// the layouts the U-Net hands over: transposed views (depth-to-space) and channel slices
		// (the backward pass of the skip concatenation)
		for (final Layout l : new Layout[] { Layout.CHANNELS_LAST, Layout.CHANNEL_SLICE })
			for (final int[] io : new int[][] { { 24, 4 }, { 12, 4 }, { 40, 8 } })
				cases.add(new Case(2, io[0], io[1], 3, new int[] { 16, 16, 8 }, l));
		// the 1x1x1 output convolution and the learned up-sampling's 1x1x1 convolution (base 4)
		cases.add(new Case(2, 8, 1, 1, full));
		cases.add(new Case(2, 64, 512, 1, new int[] { 4, 4, 2 }));
		return cases;
	}

	/** Runs every case on {@code device} ({@code repeats} float32 runs each, at least 2). */
	public static List<Result> run(final Device device, final List<Case> cases, final long seed,
		final int repeats)
	{
		Checks.require(repeats >= 2, "repeats", "at least 2 (to compare runs), got " + repeats);
		final Engine engine = EngineSession.engine();
		final List<Result> out = new ArrayList<>();
		try (NDManager base = engine.newBaseManager(device)) {
			for (int i = 0; i < cases.size(); i++)
				out.add(check(base, cases.get(i), seed + i, repeats));
		}
		return out;
	}

	/** One case; every array lives in a sub-manager of {@code parent}. */
	public static Result check(final NDManager parent, final Case c, final long seed,
		final int repeats)
	{
		try (NDManager m = parent.newSubManager()) {
			final int[] s = c.size();
			final Shape xs = new Shape(c.batch(), c.in(), s[0], s[1], s[2]);
			final Shape ws = new Shape(c.out(), c.in(), c.kernel(), c.kernel(), c.kernel());
			final Shape ys = new Shape(c.batch(), c.out(), s[0], s[1], s[2]);
			final SplittableRandom r = new SplittableRandom(seed);
			final double bound = 1 / Math.sqrt(c.in() * Math.pow(c.kernel(), 3));
			final double[] x = uniform(r, xs.size(), 0, 1);
			final double[] w = uniform(r, ws.size(), -bound, bound);
			final double[] b = uniform(r, c.out(), -bound, bound);
			final double[] g = uniform(r, ys.size(), -1, 1);
			final NDArray[] ref = pass(m, c, DataType.FLOAT64, x, w, b, g);
			long nonFinite = 0;
			double fwd = 0, dx = 0, dw = 0, spread = 0;
			NDArray[] first = null;
			for (int run = 0; run < repeats; run++) {
				final NDArray[] f = pass(m, c, DataType.FLOAT32, x, w, b, g);
				for (final NDArray a : f)
					nonFinite += nonFinite(a);
				fwd = Math.max(fwd, maxAbsDiff(f[0], ref[0]));
				dx = Math.max(dx, maxAbsDiff(f[1], ref[1]));
				dw = Math.max(dw, maxAbsDiff(f[2], ref[2]));
				if (first == null) first = f;
				else spread = Math.max(spread, Math.max(maxAbsDiff(f[0], first[0]), maxAbsDiff(f[1],
					first[1])));
			}
			return new Result(c, fwd, dx, dw, nonFinite, spread, new double[] { maxAbs(ref[0]),
				maxAbs(ref[1]), maxAbs(ref[2]) });
		}
	}

	/**
	 * The forward half of {@link #check} without a gradient collector (DJL allows one per JVM, and
	 * the doctor may run beside a training): max |y32 - y64| / max |y64|, infinite for NaN.
	 */
	public static double forwardRelativeError(final NDManager parent, final Case c,
		final long seed)
	{
		try (NDManager m = parent.newSubManager()) {
			final int[] s = c.size();
			final SplittableRandom r = new SplittableRandom(seed);
			final double bound = 1 / Math.sqrt(c.in() * Math.pow(c.kernel(), 3));
			final Shape xs = new Shape(c.batch(), c.in(), s[0], s[1], s[2]);
			final Shape ws = new Shape(c.out(), c.in(), c.kernel(), c.kernel(), c.kernel());
			final double[] x = uniform(r, xs.size(), 0, 1);
			final double[] w = uniform(r, ws.size(), -bound, bound);
			final double[] b = uniform(r, c.out(), -bound, bound);
			final int p = c.kernel() / 2;
			final NDArray[] y = new NDArray[2];
			int i = 0;
			for (final DataType t : new DataType[] { DataType.FLOAT32, DataType.FLOAT64 })
				y[i++] = Conv3d.conv3d(laidOut(m, x, xs, t, c.layout()), create(m, w, ws, t), create(m,
					b, new Shape(c.out()), t), new Shape(1, 1, 1), new Shape(p, p, p)).head();
			return maxAbsDiff(y[0], y[1]) / Math.max(maxAbs(y[1]), Double.MIN_NORMAL);
		}
	}

	/** y, dL/dx, dL/dw for L = sum(y * g), computed in {@code type}. */
	private static NDArray[] pass(final NDManager m, final Case c, final DataType type,
		final double[] x, final double[] w, final double[] b, final double[] g)
	{
		final int[] s = c.size();
		final NDArray xa = laidOut(m, x, new Shape(c.batch(), c.in(), s[0], s[1], s[2]), type, c
			.layout());
		final NDArray wa = create(m, w, new Shape(c.out(), c.in(), c.kernel(), c.kernel(), c
			.kernel()), type);
		final NDArray ba = create(m, b, new Shape(c.out()), type);
		final NDArray ga = laidOut(m, g, new Shape(c.batch(), c.out(), s[0], s[1], s[2]), type, c
			.layout());
		xa.setRequiresGradient(true);
		wa.setRequiresGradient(true);
		final int p = c.kernel() / 2;
		final NDArray y;
		try (GradientCollector gc = m.getEngine().newGradientCollector()) {
			y = Conv3d.conv3d(xa, wa, ba, new Shape(1, 1, 1), new Shape(p, p, p)).head();
			gc.backward(y.mul(ga).sum());
		}
		return new NDArray[] { y.stopGradient(), xa.getGradient().duplicate(), wa.getGradient()
			.duplicate() };
	}

	/** {@code v} as an array of {@code shape} in {@code layout} (values as for DENSE). */
	private static NDArray laidOut(final NDManager m, final double[] v, final Shape shape,
		final DataType type, final Layout layout)
	{
		final long n = shape.get(0), ch = shape.get(1), sx = shape.get(2), sy = shape.get(3),
			sz = shape.get(4);
		switch (layout) {
			case DENSE:
				return create(m, v, shape, type);
			case CHANNELS_LAST: {
				// (N, C, X, Y, Z) values stored as (N, X, Y, Z, C), then a permuted view
				final double[] t = new double[v.length];
				final long vox = sx * sy * sz;
				for (long b = 0; b < n; b++)
					for (long c = 0; c < ch; c++)
						for (long i = 0; i < vox; i++)
							t[(int) ((b * vox + i) * ch + c)] = v[(int) ((b * ch + c) * vox + i)];
				return create(m, t, new Shape(n, sx, sy, sz, ch), type).transpose(0, 4, 1, 2, 3);
			}
			default: {
				// the channels of a tensor with 2C channels whose first C are noise
				final NDArray full = create(m, v, shape, type);
				final NDArray noise = full.mul(-3).add(1);
				return noise.concat(full, 1).get(":, {}:", ch);
			}
		}
	}

	private static NDArray create(final NDManager m, final double[] v, final Shape shape,
		final DataType type)
	{
		if (type == DataType.FLOAT64) return m.create(v, shape);
		final float[] f = new float[v.length];
		for (int i = 0; i < v.length; i++)
			f[i] = (float) v[i];
		return m.create(f, shape);
	}

	private static double[] uniform(final SplittableRandom r, final long n, final double lo,
		final double hi)
	{
		final double[] v = new double[Math.toIntExact(n)];
		for (int i = 0; i < v.length; i++)
			v[i] = lo + (hi - lo) * r.nextDouble();
		return v;
	}

	private static double maxAbsDiff(final NDArray a, final NDArray ref) {
		final double[] x = a.toType(DataType.FLOAT64, true).toDoubleArray();
		final double[] y = ref.toType(DataType.FLOAT64, true).toDoubleArray();
		double d = 0;
		for (int i = 0; i < x.length; i++) {
			final double e = Math.abs(x[i] - y[i]);
			if (!(e <= d)) d = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
		}
		return d;
	}

	private static double maxAbs(final NDArray a) {
		double m = 0;
		for (final double v : a.toDoubleArray())
			m = Math.max(m, Math.abs(v));
		return m;
	}

	private static long nonFinite(final NDArray a) {
		long n = 0;
		for (final float v : a.toFloatArray())
			if (!Float.isFinite(v)) n++;
		return n;
	}
}
