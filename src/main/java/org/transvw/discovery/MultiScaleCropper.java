package org.transvw.discovery;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.data.FloatImages;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * Crops one patient's instances of a visual word at its coordinate (method.md §2.5): the
 * fixed-scale cube {@code patch} at the coordinate, then {@code randomScales} crops of a random
 * in-plane edge s in [minScale, maxScale] shifted by a random in-plane jitter, over the full
 * patch depth, each resized to the patch size with anti-aliasing ({@link Resize}).
 * <p>
 * The coordinate ranges of {@link CoordinateSampler} guarantee that every crop lies inside the
 * volume, so, unlike the reference, no redraw loop is needed: jitter and scale are drawn once.
 * Draw order per random crop: s, dx, dy. 2D patches (X-ray, 224 x 224) work the same way.
 */
public final class MultiScaleCropper {

	/** One instance: where it was cropped, the in-plane edge before resizing, and the cube. */
	public record Crop(long[] corner, int scale, int resolution, Img<FloatType> cube) {}

	private final CropGeometry geometry;

	public MultiScaleCropper(final CropGeometry geometry) {
		this.geometry = geometry;
	}

	public CropGeometry geometry() {
		return geometry;
	}

	/** The fixed-scale cube at {@code corner} (validation instances use only this one). */
	public Crop fixed(final RandomAccessibleInterval<FloatType> volume, final long[] corner) {
		final int[] patch = geometry.patch();
		return new Crop(corner.clone(), patch[0], 0, FloatImages.copy(crop(volume, corner, patch)));
	}

	/** The fixed-scale cube followed by the random-scale crops (training instances). */
	public List<Crop> all(final RandomAccessibleInterval<FloatType> volume, final long[] corner,
		final RandomStreams rng)
	{
		final List<Crop> out = new ArrayList<>();
		out.add(fixed(volume, corner));
		final int[] patch = geometry.patch();
		for (int r = 1; r <= geometry.randomScales(); r++) {
			final int s = rng.randint(geometry.minScale(), geometry.maxScale());
			final long[] c = corner.clone();
			c[0] += rng.randint(geometry.jitterLow(), geometry.jitterHigh());
			c[1] += rng.randint(geometry.jitterLow(), geometry.jitterHigh());
			final int[] size = patch.clone();
			size[0] = s;
			size[1] = s;
			out.add(new Crop(c, s, r, Resize.resize(crop(volume, c, size), patch)));
		}
		return out;
	}

	private static RandomAccessibleInterval<FloatType> crop(
		final RandomAccessibleInterval<FloatType> volume, final long[] corner, final int[] size)
	{
		final long[] max = new long[size.length];
		for (int d = 0; d < size.length; d++)
			max[d] = corner[d] + size[d] - 1;
		final FinalInterval box = new FinalInterval(corner, max);
		Checks.require(Intervals.contains(volume, box), "coordinate", "a crop inside the volume " +
			Intervals.toString(volume) + ", got " + Intervals.toString(box));
		return Views.zeroMin(Views.interval(volume, box));
	}
}
