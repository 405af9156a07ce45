package org.transvw.data.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The rule of the optional crop to the body (nnU-Net's "crop to nonzero"): keep the bounding box
 * of the voxels above a threshold, grown by a margin, so that air around the head costs no
 * training patches. The threshold is a fixed intensity ({@link #above}, e.g. -500 HU for CT) or
 * a percentile of the volume's own intensities ({@link #abovePercentile}, MR). Thresholds apply
 * to the pixels of the image the plan is made from, in their units (HU for raw CT; make the plan
 * before normalising, or give a threshold in normalised units). A head that fills its field of
 * view (Colin27) or a noisy MR background keeps the whole volume: the crop only ever removes
 * voxels that are all at or below the threshold.
 *
 * @param kind {@link #NONE}, {@link #ABOVE} or {@link #ABOVE_PERCENTILE}
 * @param value the threshold (intensity units) or the percentile (0..100)
 * @param marginMm margin added on every side (mm), clipped to the grid
 */
public record ForegroundCrop(String kind, double value, double marginMm) {

	public static final String NONE = "none";
	public static final String ABOVE = "above";
	public static final String ABOVE_PERCENTILE = "above-percentile";

	/** CT body threshold (HU): air is about -1000, fat about -100, so -500 separates them. */
	public static final double CT_BODY_HU = -500;
	/**
	 * MR: the percentile of the volume's intensities whose value is the threshold; head MRI has
	 * 40-60 % background, so a 25th percentile lies inside the background and its noise floor.
	 */
	public static final double MR_BACKGROUND_PERCENTILE = 25;
	/** Margin kept around the foreground by the modality defaults (mm). */
	public static final double DEFAULT_MARGIN_MM = 5;

	public ForegroundCrop {
		Checks.require(NONE.equals(kind) || ABOVE.equals(kind) || ABOVE_PERCENTILE.equals(kind),
			"crop", "one of none, above, above-percentile, got '" + kind + "'");
		Checks.require(Double.isFinite(value), "crop threshold", "a finite value, got " + value);
		if (ABOVE_PERCENTILE.equals(kind)) Checks.inRange(value, 0, 100, "crop percentile");
		Checks.require(marginMm >= 0 && Double.isFinite(marginMm), "crop margin",
			"a margin >= 0 mm, got " + marginMm);
	}

	public static ForegroundCrop none() {
		return new ForegroundCrop(NONE, 0, 0);
	}

	/** Keep the box of voxels strictly above {@code threshold}. */
	public static ForegroundCrop above(final double threshold, final double marginMm) {
		return new ForegroundCrop(ABOVE, threshold, marginMm);
	}

	/** Keep the box of voxels strictly above the volume's {@code percentile}-th percentile. */
	public static ForegroundCrop abovePercentile(final double percentile, final double marginMm) {
		return new ForegroundCrop(ABOVE_PERCENTILE, percentile, marginMm);
	}

	/**
	 * CT: above {@link #CT_BODY_HU}; MR: above the {@link #MR_BACKGROUND_PERCENTILE}th percentile;
	 * X-ray and other: none. Margin {@link #DEFAULT_MARGIN_MM}.
	 */
	public static ForegroundCrop defaultFor(final Modality modality) {
		switch (Checks.notNull(modality, "modality")) {
			case CT: return above(CT_BODY_HU, DEFAULT_MARGIN_MM);
			case MR: return abovePercentile(MR_BACKGROUND_PERCENTILE, DEFAULT_MARGIN_MM);
			default: return none();
		}
	}

	public boolean isNone() {
		return NONE.equals(kind);
	}

	/** The intensity threshold on {@code raw}: the value, or the measured percentile. */
	public double threshold(final RandomAccessibleInterval<? extends RealType<?>> raw) {
		if (!ABOVE_PERCENTILE.equals(kind)) return value;
		// NB: the low end of a percentile window is exactly that percentile of the volume
		return IntensityRecipe.percentile(value, 100).resolve(raw).clipLow();
	}

	/**
	 * The box to keep on {@code raw} (already on the grid the crop applies to), or the whole grid
	 * for {@link #NONE} and when no voxel is above the threshold.
	 */
	public CropBox box(final RandomAccessibleInterval<? extends RealType<?>> raw,
		final double[] spacing)
	{
		final RandomAccessibleInterval<? extends RealType<?>> img = Views.zeroMin(raw);
		final long[] dims = img.dimensionsAsLongArray();
		if (isNone()) return CropBox.all(dims);
		final double t = threshold(img);
		final int n = dims.length, last = n - 1;
		final List<Long> slices = new ArrayList<>();
		for (long z = 0; z < dims[last]; z++)
			slices.add(z);
		final List<long[]> found = Parallelization.getTaskExecutor().forEachApply(slices, z -> {
			final long[] b = new long[2 * n];
			Arrays.fill(b, 0, n, Long.MAX_VALUE);
			Arrays.fill(b, n, 2 * n, -1);
			final Cursor<? extends RealType<?>> c = Views.hyperSlice(img, last, z).localizingCursor();
			while (c.hasNext())
				if (c.next().getRealDouble() > t) for (int d = 0; d < last; d++) {
					b[d] = Math.min(b[d], c.getLongPosition(d));
					b[n + d] = Math.max(b[n + d], c.getLongPosition(d));
				}
			if (b[n] >= 0) {
				b[last] = z;
				b[n + last] = z;
			}
			return b;
		});
		final long[] min = new long[n], max = new long[n];
		Arrays.fill(min, Long.MAX_VALUE);
		Arrays.fill(max, -1);
		for (final long[] b : found)
			for (int d = 0; d < n; d++) {
				min[d] = Math.min(min[d], b[d]);
				max[d] = Math.max(max[d], b[n + d]);
			}
		if (max[0] < 0) return CropBox.all(dims);
		for (int d = 0; d < n; d++) {
			final long m = (long) Math.ceil(marginMm / spacing[d] - 1e-9);
			min[d] = Math.max(0, min[d] - m);
			max[d] = Math.min(dims[d] - 1, max[d] + m);
		}
		return new CropBox(min, max);
	}

	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("kind", kind);
		m.put("value", value);
		m.put("marginMm", marginMm);
		return m;
	}

	public static ForegroundCrop fromMap(final Map<?, ?> m) {
		Checks.require(m != null && m.get("kind") instanceof String && m.get(
			"value") instanceof Number && m.get("marginMm") instanceof Number, "crop rule",
			"an object with kind, value and marginMm");
		return new ForegroundCrop((String) m.get("kind"), ((Number) m.get("value")).doubleValue(),
			((Number) m.get("marginMm")).doubleValue());
	}

	@Override
	public String toString() {
		if (isNone()) return "no crop";
		return String.format(Locale.ROOT, "crop to voxels above %s%s, margin %s mm", ABOVE.equals(
			kind) ? "" : "the percentile ", Grid.format(new double[] { value }).replaceAll("[\\[\\]]",
				""), Grid.format(new double[] { marginMm }).replaceAll("[\\[\\]]", ""));
	}
}
