package org.transvw.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * An {@link IntensityRecipe} resolved on one volume: {@code v -> (clamp(v, clipLow, clipHigh) -
 * offset) / scale}, in double precision, rounded to float once. It is what a normalised
 * {@link Volume} records, so the map applied (with the percentiles measured on that very volume)
 * can be printed and stored with every output, and replayed bit for bit.
 *
 * @param recipe the recipe this map was resolved from ({@link IntensityRecipe.None} for raw data)
 * @param clipLow values below are clipped (may be -infinity)
 * @param clipHigh values above are clipped (>= clipLow; may be +infinity)
 * @param offset subtracted after clipping
 * @param scale positive finite divisor
 */
public record IntensityMap(IntensityRecipe recipe, double clipLow, double clipHigh, double offset,
	double scale)
{

	private static final IntensityMap RAW = new IntensityMap(IntensityRecipe.none(),
		Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 1);

	public IntensityMap {
		Checks.notNull(recipe, "recipe");
		Checks.require(!Double.isNaN(clipLow) && !Double.isNaN(clipHigh) && clipLow <= clipHigh,
			"clip", "clipLow <= clipHigh, got [" + clipLow + ", " + clipHigh + "]");
		Checks.require(Double.isFinite(offset), "offset", "a finite number, got " + offset);
		Checks.require(scale > 0 && Double.isFinite(scale), "scale", "a positive finite number, got " +
			scale);
	}

	/** The identity map of raw data. */
	public static IntensityMap raw() {
		return RAW;
	}

	/** The window [low, high] mapped linearly to [0, 1], values outside clipped. */
	public static IntensityMap window(final IntensityRecipe recipe, final double low,
		final double high)
	{
		return new IntensityMap(recipe, low, high, low, high - low);
	}

	/** True for the identity map of raw data (no recipe applied). */
	public boolean isRaw() {
		return recipe instanceof IntensityRecipe.None;
	}

	/** Maps one raw value. */
	public float apply(final double v) {
		final double c = Math.min(Math.max(v, clipLow), clipHigh);
		return (float) ((c - offset) / scale);
	}

	/** A lazy mapped float view of {@code raw}. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public RandomAccessibleInterval<FloatType> apply(
		final RandomAccessibleInterval<? extends RealType<?>> raw)
	{
		return Converters.convert((RandomAccessibleInterval) raw, (a, b) -> ((FloatType) b).set(
			apply(((RealType<?>) a).getRealDouble())), new FloatType());
	}

	/** The recipe and the resolved numbers, JSON-ready (for reports and output metadata). */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>(recipe.toMap());
		if (!isRaw()) {
			m.put("clipLow", clipLow);
			m.put("clipHigh", clipHigh);
			m.put("offset", offset);
			m.put("scale", scale);
		}
		if (recipe instanceof IntensityRecipe.ZScore z) {
			m.put("mean", offset + scale / 2);
			m.put("sd", scale / (2 * z.clipSd()));
		}
		return m;
	}

	/**
	 * E.g. "normalization percentile [0.500000, 99.5000] % = clip [12.0000, 840.500], offset
	 * 12.0000, scale 828.500".
	 */
	@Override
	public String toString() {
		if (isRaw()) return recipe.toString();
		return String.format(Locale.ROOT, "%s = clip [%g, %g], offset %g, scale %g", recipe,
			clipLow, clipHigh, offset, scale);
	}
}
