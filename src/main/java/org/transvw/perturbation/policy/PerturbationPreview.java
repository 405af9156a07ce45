package org.transvw.perturbation.policy;

import org.transvw.common.Cancellation;
import org.transvw.common.Checks;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.perturbation.FloatCube;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The "Perturbation preview": the original and {@code count} perturbed copies side by side along
 * x (panel 0 = original, panel i = sample i drawn from {@code rng.fork(i)}), same y and z, so a
 * 3D cube gives a stack whose every slice shows all panels.
 */
public final class PerturbationPreview {

	/** At most this many samples in one preview. */
	public static final int MAX_COUNT = 64;

	private PerturbationPreview() {}

	/** A montage of {@code count + 1} panels; {@code cube} is not modified. */
	public static Img<FloatType> montage(final RandomAccessibleInterval<FloatType> cube,
		final PerturbationPolicy policy, final int count, final RandomStreams rng,
		final Progress progress, final Cancellation cancel)
	{
		Checks.inRange(count, 1, MAX_COUNT, "count");
		final long voxels = cube.size() * (count + 1);
		Checks.require(voxels < Integer.MAX_VALUE - 8, "input", "an image small enough for " + (count +
			1) + " panels of at most " + (Integer.MAX_VALUE - 8) + " voxels in all, got " + cube
				.size() + " voxels per panel (crop a region first)");
		final FloatCube original = FloatCube.copyOf(cube);
		final int[] d = original.dims();
		final int[] md = d.clone();
		md[0] = Math.multiplyExact(d[0], count + 1);
		final FloatCube montage = FloatCube.zeros(md);
		place(original, montage, 0);
		for (int i = 1; i <= count; i++) {
			cancel.check();
			final PerturbedSample s = policy.apply(original.toImg(), rng.fork(i));
			place(FloatCube.copyOf(s.input()), montage, i);
			progress.report((double) i / count, "perturbed sample " + i + "/" + count);
		}
		return montage.toImg();
	}

	/**
	 * {@code in} itself if its values lie in [0, 1]; with {@code rescale}, a lazy min-max view onto
	 * [0, 1] (a constant image maps to 0); otherwise null.
	 */
	public static RandomAccessibleInterval<FloatType> unitRange(
		final RandomAccessibleInterval<FloatType> in, final boolean rescale)
	{
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (final FloatType t : Views.flatIterable(in)) {
			min = Math.min(min, t.get());
			max = Math.max(max, t.get());
		}
		if (!rescale) return min >= 0 && max <= 1 ? in : null;
		final float lo = min, scale = max > min ? 1 / (max - min) : 0;
		return Converters.convert(in, (a, b) -> b.set(Math.min(1, Math.max(0, (a.get() - lo) *
			scale))), new FloatType());
	}

	private static void place(final FloatCube panel, final FloatCube montage, final int index) {
		final int w = panel.dim(0);
		for (int z = 0; z < panel.depth(); z++)
			for (int y = 0; y < panel.dim(1); y++)
				System.arraycopy(panel.data(), panel.index(0, y, z), montage.data(), montage.index(index *
					w, y, z), w);
	}
}
