package org.transvw.data.normalize;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A recorded, replayable intensity normalisation: a monotone map from raw intensities to [0, 1]
 * with its parameters. It is stored in datasets and model bundles so that inference applies
 * exactly what training saw (method.md §2.1).
 * <ul>
 * <li>{@code none}: identity (data already in [0, 1], or the user normalised it).</li>
 * <li>{@code ct-window}: clip to [lo, hi] HU and map linearly to [0, 1]; the default
 * [-1000, 1000] gives {@code (clip(v) + 1000) / 2000}.</li>
 * <li>{@code percentile}: clip to the [pLow, pHigh] percentiles measured on the volume and map to
 * [0, 1] (MRI); the measured intensities are recorded so the map can be replayed.</li>
 * </ul>
 */
public record Normalization(String kind, double low, double high, double percentileLow,
	double percentileHigh)
{

	public static final String NONE = "none";
	public static final String CT_WINDOW = "ct-window";
	public static final String PERCENTILE = "percentile";

	public Normalization {
		Checks.require(NONE.equals(kind) || CT_WINDOW.equals(kind) || PERCENTILE.equals(kind),
			"normalization", "one of none, ct-window, percentile, got '" + kind + "'");
		if (!NONE.equals(kind)) Checks.require(high > low, "normalization window",
			"high > low, got [" + low + ", " + high + "]");
	}

	public static Normalization none() {
		return new Normalization(NONE, 0, 1, Double.NaN, Double.NaN);
	}

	/** CT clip to [lo, hi] HU, then linear to [0, 1]. */
	public static Normalization ctWindow(final double lo, final double hi) {
		return new Normalization(CT_WINDOW, lo, hi, Double.NaN, Double.NaN);
	}

	/** The reference's CT window: [-1000, 1000] HU. */
	public static Normalization ctDefault() {
		return ctWindow(-1000, 1000);
	}

	/**
	 * A percentile window measured on {@code raw}: clip to its [pLow, pHigh] percentiles (in %),
	 * then linear to [0, 1].
	 */
	public static Normalization percentile(final RandomAccessibleInterval<? extends RealType<?>> raw,
		final double pLow, final double pHigh)
	{
		Checks.require(0 <= pLow && pLow < pHigh && pHigh <= 100, "percentiles",
			"0 <= low < high <= 100, got [" + pLow + ", " + pHigh + "]");
		final double[] q = Percentiles.of(raw, pLow, pHigh);
		final double hi = q[1] > q[0] ? q[1] : q[0] + 1;
		return new Normalization(PERCENTILE, q[0], hi, pLow, pHigh);
	}

	/** Percentiles of the default MR / X-ray normalisation, in %. */
	public static final double DEFAULT_PERCENTILE_LOW = 0.5, DEFAULT_PERCENTILE_HIGH = 99.5;

	/**
	 * The default normalisation of a modality: CT {@code ct-window [-1000, 1000]} (method.md
	 * §2.1); MR and X-ray {@code percentile} 0.5 / 99.5 measured on {@code raw}; other modalities
	 * {@code none} (the user chooses).
	 */
	public static Normalization defaultFor(final Modality modality,
		final RandomAccessibleInterval<? extends RealType<?>> raw)
	{
		switch (Checks.notNull(modality, "modality")) {
			case CT: return ctDefault();
			case MR: case XRAY: return percentile(raw, DEFAULT_PERCENTILE_LOW,
				DEFAULT_PERCENTILE_HIGH);
			default: return none();
		}
	}

	/** {@link #defaultFor(Modality, RandomAccessibleInterval)} of the volume's modality, applied. */
	public static Volume normalizeByModality(final Volume raw) {
		return defaultFor(raw.modality(), raw.pixels()).applyTo(raw);
	}

	/**
	 * This normalisation applied to a raw volume (a lazy float view; geometry kept; the result
	 * records this normalisation).
	 *
	 * @throws IllegalArgumentException if {@code raw} was already normalised
	 */
	public Volume applyTo(final Volume raw) {
		Checks.require(NONE.equals(raw.normalization().kind()), "volume",
			"raw intensities, got a volume already normalised with " + raw.normalization());
		return raw.withPixels(apply(raw.pixels()), this);
	}

	/** Maps one raw value. */
	public float apply(final double v) {
		if (NONE.equals(kind)) return (float) v;
		final double c = Math.min(Math.max(v, low), high);
		return (float) ((c - low) / (high - low));
	}

	/** A lazy normalised view of {@code raw}. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public RandomAccessibleInterval<FloatType> apply(
		final RandomAccessibleInterval<? extends RealType<?>> raw)
	{
		return Converters.convert((RandomAccessibleInterval) raw, (a, b) -> ((FloatType) b).set(
			apply(((RealType<?>) a).getRealDouble())), new FloatType());
	}

	/** Parameters as a flat map for JSON manifests. */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("kind", kind);
		if (!NONE.equals(kind)) {
			m.put("low", low);
			m.put("high", high);
		}
		if (PERCENTILE.equals(kind)) {
			m.put("percentileLow", percentileLow);
			m.put("percentileHigh", percentileHigh);
		}
		return m;
	}

	/** Inverse of {@link #toMap()}. */
	public static Normalization fromMap(final Map<String, ?> m) {
		final String kind = String.valueOf(m.get("kind"));
		if (NONE.equals(kind)) return none();
		return new Normalization(kind, num(m, "low"), num(m, "high"), m.containsKey(
			"percentileLow") ? num(m, "percentileLow") : Double.NaN, m.containsKey("percentileHigh")
				? num(m, "percentileHigh") : Double.NaN);
	}

	private static double num(final Map<String, ?> m, final String key) {
		final Object o = m.get(key);
		Checks.require(o instanceof Number, "normalization." + key, "a number, got " + o);
		return ((Number) o).doubleValue();
	}

	@Override
	public String toString() {
		if (NONE.equals(kind)) return "normalization none";
		return String.format(Locale.ROOT, "normalization %s [%g, %g]", kind, low, high);
	}
}
