package org.transvw.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * How raw intensities are mapped into a model's input range (method.md §2.1): the recipe that
 * datasets and model bundles record, so that every later stage feeds a model what it was trained
 * on. A recipe {@linkplain #resolve resolves} on one volume to an {@link IntensityMap} (clip,
 * then affine), which the normalised {@link Volume} records; recipes that measure the volume
 * (percentiles) resolve to a different map on each volume, fixed ones (a CT window) to the same.
 * <ul>
 * <li>{@link None}: identity (the data are already in the model's range, or the user chose so).</li>
 * <li>{@link CtWindow}: clip to [low, high] HU, then linear to [0, 1]; the default [-1000, 1000]
 * gives {@code (clip(v) + 1000) / 2000}.</li>
 * <li>{@link Percentile}: clip to the [percentileLow, percentileHigh] percentiles (in %) measured
 * on each volume, then linear to [0, 1] (MR, X-ray; default 0.5 / 99.5).</li>
 * <li>{@link ZScore}: the z-score {@code (v - mean) / sd} with mean and sd measured on each
 * volume's foreground (voxels above its minimum), clipped to [-clipSd, clipSd] and mapped
 * linearly to [0, 1] (MR; default clipSd 5: mean -> 0.5, one sd -> 0.1).</li>
 * </ul>
 * JSON form ({@link #toMap()} / {@link #fromMap}): {@code {"kind": "none"}},
 * {@code {"kind": "ct-window", "low": -1000, "high": 1000}},
 * {@code {"kind": "percentile", "percentileLow": 0.5, "percentileHigh": 99.5}},
 * {@code {"kind": "zscore", "clipSd": 5}}. The round-1 form,
 * which also stored a measured {@code low}/{@code high} with percentiles, is read too (the
 * measured window is ignored: it was never replayed, percentiles are measured per volume).
 * <p>
 * NB: a new recipe is one more record here, one more {@code case} in {@link #fromMap}, and where
 * it is a modality's default, one line in {@code data.normalize.Normalizations#defaultFor};
 * replay code does not change ({@link ZScore} was added that way).
 * <pre>{@code
 * IntensityRecipe r = IntensityRecipe.ctDefault();
 * Volume normalised = r.replayOn(raw);        // raw.normalization().isRaw() must hold
 * IntensityRecipe same = IntensityRecipe.fromMap(r.toMap());
 * }</pre>
 */
public sealed interface IntensityRecipe permits IntensityRecipe.None, IntensityRecipe.CtWindow,
	IntensityRecipe.Percentile, IntensityRecipe.ZScore
{

	/** Default MR / X-ray percentiles, in %. */
	double DEFAULT_PERCENTILE_LOW = 0.5, DEFAULT_PERCENTILE_HIGH = 99.5;

	/** The reference's CT window, in HU. */
	double CT_LOW = -1000, CT_HIGH = 1000;

	/** Default z-score clip, in standard deviations on either side of the mean. */
	double DEFAULT_CLIP_SD = 5;

	/** The JSON tag: "none", "ct-window", "percentile" or "zscore". */
	String kind();

	/** The map this recipe applies to {@code raw} (measured on it where the recipe says so). */
	IntensityMap resolve(RandomAccessibleInterval<? extends RealType<?>> raw);

	/** Parameters as a flat JSON-ready map; {@link #fromMap} reads it back. */
	Map<String, Object> toMap();

	/**
	 * This recipe applied to a raw volume: a lazy float view, geometry and modality kept, the
	 * resolved {@link IntensityMap} recorded as the result's {@link Volume#normalization()}.
	 *
	 * @throws IllegalArgumentException if {@code raw} was already normalised
	 */
	default Volume replayOn(final Volume raw) {
		Checks.require(raw.normalization().isRaw(), "volume",
			"raw intensities, got a volume already normalised with " + raw.normalization());
		final IntensityMap map = resolve(raw.pixels());
		return raw.withPixels(map.apply(raw.pixels()), map);
	}

	/** The identity recipe. */
	static IntensityRecipe none() {
		return None.INSTANCE;
	}

	/** CT clip to [low, high] HU, then linear to [0, 1]. */
	static IntensityRecipe ctWindow(final double low, final double high) {
		return new CtWindow(low, high);
	}

	/** The reference's CT window [-1000, 1000] HU. */
	static IntensityRecipe ctDefault() {
		return new CtWindow(CT_LOW, CT_HIGH);
	}

	/** Per-volume percentile window (in %), then linear to [0, 1]. */
	static IntensityRecipe percentile(final double percentileLow, final double percentileHigh) {
		return new Percentile(percentileLow, percentileHigh);
	}

	/** The default MR / X-ray recipe: percentiles 0.5 / 99.5. */
	static IntensityRecipe percentileDefault() {
		return new Percentile(DEFAULT_PERCENTILE_LOW, DEFAULT_PERCENTILE_HIGH);
	}

	/** Per-volume z-score within the foreground, clipped to [-clipSd, clipSd] sd, then to [0, 1]. */
	static IntensityRecipe zScore(final double clipSd) {
		return new ZScore(clipSd);
	}

	/** The default z-score: clipped at 5 sd. */
	static IntensityRecipe zScoreDefault() {
		return new ZScore(DEFAULT_CLIP_SD);
	}

	/**
	 * Inverse of {@link #toMap()}; also reads the round-1 form.
	 *
	 * @throws IllegalArgumentException naming the key that is missing or wrong
	 */
	static IntensityRecipe fromMap(final Map<String, ?> m) {
		Checks.require(m != null, "normalization", "an object with a \"kind\", got none");
		final String kind = String.valueOf(m.get("kind"));
		switch (kind) {
			case None.KIND:
				return none();
			case CtWindow.KIND:
				return new CtWindow(number(m, "low"), number(m, "high"));
			case Percentile.KIND:
				return new Percentile(number(m, "percentileLow"), number(m, "percentileHigh"));
			case ZScore.KIND:
				return new ZScore(number(m, "clipSd"));
			default:
				throw new IllegalArgumentException("normalization.kind: expected one of " + None.KIND +
					", " + CtWindow.KIND + ", " + Percentile.KIND + ", " + ZScore.KIND + ", got '" + kind +
					"'");
		}
	}

	private static double number(final Map<String, ?> m, final String key) {
		final Object o = m.get(key);
		Checks.require(o instanceof Number, "normalization." + key, "a number, got " + o);
		return ((Number) o).doubleValue();
	}

	/** Identity: the pixels are fed as they are. */
	record None() implements IntensityRecipe {

		public static final String KIND = "none";

		static final None INSTANCE = new None();

		@Override
		public String kind() {
			return KIND;
		}

		@Override
		public IntensityMap resolve(final RandomAccessibleInterval<? extends RealType<?>> raw) {
			return IntensityMap.raw();
		}

		@Override
		public Map<String, Object> toMap() {
			final Map<String, Object> m = new LinkedHashMap<>();
			m.put("kind", KIND);
			return m;
		}

		@Override
		public String toString() {
			return "normalization none";
		}
	}

	/**
	 * A fixed window in HU: {@code (clip(v, low, high) - low) / (high - low)}.
	 *
	 * @param low lower HU bound, mapped to 0
	 * @param high upper HU bound (> low), mapped to 1
	 */
	record CtWindow(double low, double high) implements IntensityRecipe {

		public static final String KIND = "ct-window";

		public CtWindow {
			Checks.require(Double.isFinite(low) && Double.isFinite(high) && high > low,
				"normalization window", "finite bounds with high > low, got [" + low + ", " + high +
					"]");
		}

		@Override
		public String kind() {
			return KIND;
		}

		@Override
		public IntensityMap resolve(final RandomAccessibleInterval<? extends RealType<?>> raw) {
			return IntensityMap.window(this, low, high);
		}

		@Override
		public Map<String, Object> toMap() {
			final Map<String, Object> m = new LinkedHashMap<>();
			m.put("kind", KIND);
			m.put("low", low);
			m.put("high", high);
			return m;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "normalization ct-window [%g, %g] HU", low, high);
		}
	}

	/**
	 * A window between two percentiles measured on each volume (exact on at most two million
	 * voxels, a fixed stride beyond), then linear to [0, 1]. A flat volume (both percentiles
	 * equal) gets a window of width 1.
	 *
	 * @param percentileLow lower percentile in %, mapped to 0
	 * @param percentileHigh upper percentile in % (> percentileLow, <= 100), mapped to 1
	 */
	record Percentile(double percentileLow, double percentileHigh) implements IntensityRecipe {

		public static final String KIND = "percentile";

		public Percentile {
			Checks.require(0 <= percentileLow && percentileLow < percentileHigh &&
				percentileHigh <= 100, "percentiles", "0 <= low < high <= 100, got [" + percentileLow +
					", " + percentileHigh + "]");
		}

		@Override
		public String kind() {
			return KIND;
		}

		@Override
		public IntensityMap resolve(final RandomAccessibleInterval<? extends RealType<?>> raw) {
			final double[] q = Percentiles.of(raw, percentileLow, percentileHigh);
			return IntensityMap.window(this, q[0], q[1] > q[0] ? q[1] : q[0] + 1);
		}

		@Override
		public Map<String, Object> toMap() {
			final Map<String, Object> m = new LinkedHashMap<>();
			m.put("kind", KIND);
			m.put("percentileLow", percentileLow);
			m.put("percentileHigh", percentileHigh);
			return m;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "normalization percentile [%g, %g] %%", percentileLow,
				percentileHigh);
		}
	}

	/**
	 * A z-score measured on each volume: mean and standard deviation of its foreground, the voxels
	 * strictly above the volume's minimum (nnU-Net's "nonzero" mask, for any background level; all
	 * voxels when fewer than 1 % lie above it), exact on at most two million voxels, a fixed stride
	 * beyond. The map is {@code clip((v - mean) / sd, -clipSd, clipSd)} taken linearly to [0, 1]:
	 * {@code (clip(v, mean - clipSd sd, mean + clipSd sd) - (mean - clipSd sd)) / (2 clipSd sd)}.
	 * <p>
	 * NB: the output is mapped to [0, 1] rather than left as an unbounded z-score because every
	 * TransVW perturbation (the Bezier intensity curves, in- and out-painting with uniform [0, 1]
	 * noise) and the sigmoid restoration output assume inputs in [0, 1]; clipping at 5 sd keeps
	 * nearly every foreground voxel unclipped (bright fat or vessels of T1 lie at 3-4 sd). A flat
	 * foreground (sd 0) gets sd 1.
	 *
	 * @param clipSd clip, in standard deviations on either side of the mean (> 0, <= 100)
	 */
	record ZScore(double clipSd) implements IntensityRecipe {

		public static final String KIND = "zscore";

		public ZScore {
			Checks.require(clipSd > 0 && clipSd <= 100, "normalization clip",
				"a number of standard deviations in (0, 100], got " + clipSd);
		}

		@Override
		public String kind() {
			return KIND;
		}

		@Override
		public IntensityMap resolve(final RandomAccessibleInterval<? extends RealType<?>> raw) {
			final double[] ms = Percentiles.foregroundMeanSd(raw);
			final double sd = ms[1] > 0 ? ms[1] : 1;
			return IntensityMap.window(this, ms[0] - clipSd * sd, ms[0] + clipSd * sd);
		}

		@Override
		public Map<String, Object> toMap() {
			final Map<String, Object> m = new LinkedHashMap<>();
			m.put("kind", KIND);
			m.put("clipSd", clipSd);
			return m;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "normalization zscore (foreground mean/sd, clip %g sd)",
				clipSd);
		}
	}
}
