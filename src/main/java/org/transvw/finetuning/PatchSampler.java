package org.transvw.finetuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.data.FloatImages;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Draws training patches from labelled cases with foreground oversampling (nnU-Net's rule): a
 * fraction {@code foregroundFraction} of the patches is centred on a random labelled foreground
 * voxel (any class > 0), the rest lie uniformly inside the image. A patch larger than the image
 * is centred on it; the border is mirror-padded (labels too, so they stay aligned).
 * <p>
 * Foreground positions are indexed once at construction (at most {@value #MAX_FOREGROUND} per
 * case, evenly subsampled). Thread-safe after construction; draws come only from the given
 * stream.
 */
public final class PatchSampler {

	/** Cap on indexed foreground voxels per case (memory: 8 bytes each). */
	public static final int MAX_FOREGROUND = 100_000;

	/** A patch: the case and the origin of the patch in that case's image. */
	public record Patch(int caseIndex, long[] origin) {}

	/** An image patch and its label patch (raw label values, unlabelled kept). */
	public record Sample(Img<FloatType> image, Img<FloatType> labels) {}

	private final List<LabelledCase> cases;
	private final int[] patch;
	private final double foregroundFraction;
	private final List<long[]> foreground = new ArrayList<>();

	public PatchSampler(final List<LabelledCase> cases, final int[] patch,
		final double foregroundFraction)
	{
		Checks.require(cases != null && !cases.isEmpty(), "cases", "at least one labelled case");
		Checks.require(patch.length == 3 || patch.length == 2, "patch",
			"3 sizes (x, y, z) or 2 (x, y)");
		for (final int p : patch)
			Checks.positive(p, "patch");
		this.cases = List.copyOf(cases);
		this.patch = patch.clone();
		this.foregroundFraction = Checks.inRange(foregroundFraction, 0, 1, "foreground fraction");
		for (final LabelledCase c : this.cases) {
			Checks.require(c.image().numDimensions() == patch.length, "image of " + c.name(), (patch
				.length == 2 ? "a 2D image for the 2D patch, found a 3D volume"
					: "a 3D volume for the 3D patch, found a 2D image"));
			foreground.add(indexForeground(c.labels()));
		}
	}

	/** Number of indexed foreground voxels of case {@code i}. */
	public int foregroundCount(final int i) {
		return foreground.get(i).length;
	}

	public int[] patchSize() {
		return patch.clone();
	}

	/** Draws a case uniformly, then a foreground-centred or a uniform patch. */
	public Patch draw(final RandomStreams rng) {
		final int ci = rng.nextInt(cases.size());
		final long[] dims = cases.get(ci).image().dimensionsAsLongArray();
		final long[] fg = foreground.get(ci);
		final boolean centred = fg.length > 0 && rng.nextDouble() < foregroundFraction;
		final int n = patch.length;
		final long[] o = new long[n];
		final long[] at = new long[n];
		if (centred) {
			long rest = fg[rng.nextInt(fg.length)];
			for (int d = 0; d < n; d++) {
				at[d] = rest % dims[d];
				rest /= dims[d];
			}
		}
		for (int d = 0; d < n; d++) {
			if (dims[d] <= patch[d]) o[d] = -((patch[d] - dims[d]) / 2);
			else if (centred) o[d] = Math.min(Math.max(at[d] - patch[d] / 2, 0), dims[d] - patch[d]);
			else o[d] = rng.randint(0, (int) (dims[d] - patch[d]));
		}
		return new Patch(ci, o);
	}

	/** Copies the image and label patch at {@code p}. */
	public Sample crop(final Patch p) {
		final LabelledCase c = cases.get(p.caseIndex());
		return new Sample(FloatImages.crop(c.image(), p.origin(), patch), FloatImages.crop(c
			.labels(), p.origin(), patch));
	}

	/** Linear indices (x fastest) of labelled foreground voxels, evenly thinned to the cap. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static long[] indexForeground(final RandomAccessibleInterval<? extends RealType<?>> labels) {
		final long[] dims = labels.dimensionsAsLongArray();
		long[] found = new long[1024];
		int n = 0;
		final Cursor<? extends RealType<?>> c = Views.flatIterable((RandomAccessibleInterval) Views
			.zeroMin(labels)).localizingCursor();
		while (c.hasNext()) {
			final double v = c.next().getRealDouble();
			if (v > 0 && SparseLabels.isLabelled(v)) {
				if (n == found.length) found = Arrays.copyOf(found, 2 * n);
				found[n++] = c.getLongPosition(0) + dims[0] * (c.getLongPosition(1) + (dims.length > 2
					? dims[1] * c.getLongPosition(2) : 0));
			}
		}
		if (n <= MAX_FOREGROUND) return Arrays.copyOf(found, n);
		final long[] thin = new long[MAX_FOREGROUND];
		for (int i = 0; i < thin.length; i++)
			thin[i] = found[(int) ((long) i * n / MAX_FOREGROUND)];
		return thin;
	}
}
