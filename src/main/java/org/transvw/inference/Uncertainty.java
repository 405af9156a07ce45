package org.transvw.inference;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import net.imglib2.view.composite.Composite;

/**
 * Predictive entropy, in nats, of per-voxel class probabilities. Pure functions.
 * <ul>
 * <li>One channel (sigmoid, binary): {@code H(p) = -p ln p - (1 - p) ln(1 - p)}, in
 * [0, ln 2 = 0.693]: 0 where the probability is 0 or 1, ln 2 at p = 0.5.</li>
 * <li>C channels (softmax): {@code H = -sum_c p_c ln p_c}, in [0, ln C].</li>
 * </ul>
 * {@code 0 ln 0} is taken as 0; probabilities are clamped to [0, 1] first. Applied to the mean
 * over test-time augmentations, the entropy is high where the passes disagree or where each pass
 * is itself unsure; it does not capture errors the network makes confidently and consistently
 * (e.g. a lesion type never seen in training), nor label noise.
 */
public final class Uncertainty {

	private Uncertainty() {}

	/** The largest possible entropy for {@code channels} outputs: ln 2 for 1, ln C otherwise. */
	public static double maxEntropy(final int channels) {
		Checks.positive(channels, "channels");
		return Math.log(channels == 1 ? 2 : channels);
	}

	/** Binary entropy of one probability. */
	public static double binaryEntropy(final double p) {
		final double q = Math.min(1, Math.max(0, p));
		return -xlogx(q) - xlogx(1 - q);
	}

	/** Entropy of a probability vector (not renormalised). */
	public static double entropy(final double... p) {
		if (p.length == 1) return binaryEntropy(p[0]);
		double h = 0;
		for (final double v : p)
			h -= xlogx(Math.min(1, Math.max(0, v)));
		return h;
	}

	/** The entropy map (x, y, z) of probabilities (x, y, z, c). */
	public static Img<FloatType> entropyMap(final RandomAccessibleInterval<FloatType> p) {
		Checks.require(p.numDimensions() == 4, "probabilities", "axes (x, y, z, c), got " + p
			.numDimensions() + "D");
		final int c = (int) p.dimension(3);
		final Img<FloatType> h = ArrayImgs.floats(p.dimension(0), p.dimension(1), p.dimension(2));
		final RandomAccessibleInterval<? extends Composite<FloatType>> v = Views.collapse(Views
			.zeroMin(p));
		LoopBuilder.setImages(v, h).forEachPixel((pc, out) -> {
			final double[] q = new double[c];
			for (int k = 0; k < c; k++)
				q[k] = pc.get(k).get();
			out.set((float) entropy(q));
		});
		return h;
	}

	private static double xlogx(final double x) {
		return x > 0 ? x * Math.log(x) : 0;
	}
}
