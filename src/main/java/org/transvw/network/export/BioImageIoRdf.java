package org.transvw.network.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.IntensityRecipe;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The {@code rdf.yaml} of a BioImage.IO model package (model spec 0.5): the pieces the exporter
 * fills in, and YAML writing and safe parsing (SnakeYAML with its {@link SafeConstructor}: plain
 * maps, lists and scalars only, no object construction).
 * <p>
 * Axes: tensors are (batch, channel, z, y, x) with x fastest, the layout BioImage.IO consumers
 * expect; the exported module transposes to the network's own (x, y, z) internally. Spatial sizes
 * are {@code min 8, step 8}: the U-Net needs multiples of 8 (three 2x poolings).
 * <p>
 * Normalisation in the spec's preprocessing terms ({@link #preprocessing}):
 * <ul>
 * <li>CT window [lo, hi]: {@code clip(min lo, max hi)}, then {@code scale_linear(gain 1/(hi-lo),
 * offset -lo/(hi-lo))}, i.e. exactly {@code (clip(v) - lo) / (hi - lo)};</li>
 * <li>percentiles pLow/pHigh: {@code scale_range(axes z, y, x; min_percentile pLow,
 * max_percentile pHigh)} measured per sample, then {@code clip(0, 1)}; the spec adds eps 1e-6 to
 * the denominator, a relative difference below 1e-6 of the window;</li>
 * <li>none: only {@code ensure_dtype float32}.</li>
 * </ul>
 */
public final class BioImageIoRdf {

	/** The spec version written. */
	public static final String FORMAT_VERSION = "0.5.3";
	/** Input and output tensor ids. */
	public static final String INPUT_ID = "raw", OUTPUT_ID = "probability";
	static final List<String> SPATIAL = List.of("z", "y", "x");
	static final int SIZE_STEP = 8;

	private BioImageIoRdf() {}

	/** YAML text of a nested map, block style. */
	public static String dump(final Map<String, Object> rdf) {
		final DumperOptions o = new DumperOptions();
		o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		o.setIndent(2);
		o.setWidth(100);
		return new Yaml(o).dump(rdf);
	}

	/** Parses YAML text into maps, lists and scalars; no tags, no object construction. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> parse(final String yaml) {
		final Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		Checks.require(o instanceof Map, "rdf.yaml", "a mapping at the top level");
		return (Map<String, Object>) o;
	}

	/** The preprocessing steps that reproduce recipe {@code n} (see the class note). */
	public static List<Map<String, Object>> preprocessing(final IntensityRecipe n) {
		final List<Map<String, Object>> steps = new ArrayList<>();
		steps.add(step("ensure_dtype", kw("dtype", "float32")));
		if (n instanceof IntensityRecipe.CtWindow w) {
			final double width = w.high() - w.low();
			steps.add(step("clip", kw("min", w.low(), "max", w.high())));
			steps.add(step("scale_linear", kw("gain", 1 / width, "offset", -w.low() / width)));
		}
		else if (n instanceof IntensityRecipe.Percentile p) {
			steps.add(step("scale_range", kw("axes", SPATIAL, "min_percentile", p.percentileLow(),
				"max_percentile", p.percentileHigh(), "eps", 1e-6)));
			steps.add(step("clip", kw("min", 0.0, "max", 1.0)));
		}
		// NB: none: the model takes the intensities as they are (only the dtype is ensured)
		return steps;
	}

	/**
	 * The axes of a tensor: batch, channel (named), then z, y, x with the given sizes (each a
	 * map, e.g. {@code {min: 8, step: 8}} or a reference) and spacing in mm (x, y, z order).
	 */
	static List<Map<String, Object>> axes(final List<String> channels, final List<Object> sizes,
		final double[] spacingXyz)
	{
		final List<Map<String, Object>> a = new ArrayList<>();
		a.add(kw("type", "batch"));
		a.add(kw("type", "channel", "channel_names", channels));
		for (int i = 0; i < 3; i++)
			a.add(kw("type", "space", "id", SPATIAL.get(i), "size", sizes.get(i), "unit",
				"millimeter", "scale", spacingXyz[2 - i]));
		return a;
	}

	/** {@code {min: 8, step: 8}} for z, y, x. */
	static List<Object> parameterisedSizes() {
		final List<Object> s = new ArrayList<>();
		for (int i = 0; i < 3; i++)
			s.add(kw("min", SIZE_STEP, "step", SIZE_STEP));
		return s;
	}

	/** Output sizes equal to the input's, axis by axis. */
	static List<Object> sizesOfInput() {
		final List<Object> s = new ArrayList<>();
		for (final String id : SPATIAL)
			s.add(kw("tensor_id", INPUT_ID, "axis_id", id));
		return s;
	}

	/** A file reference {@code {source, sha256}}. */
	static Map<String, Object> file(final String source, final String sha256) {
		return kw("source", source, "sha256", sha256);
	}

	static Map<String, Object> step(final String id, final Map<String, Object> kwargs) {
		return kw("id", id, "kwargs", kwargs);
	}

	/** An ordered map of alternating keys and values. */
	static Map<String, Object> kw(final Object... kv) {
		final Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i + 1 < kv.length; i += 2)
			m.put((String) kv[i], kv[i + 1]);
		return m;
	}

	/** {@code rdf[k0][k1]...}, or null where a level is missing or not a map. */
	public static Object get(final Map<String, Object> rdf, final String... path) {
		Object o = rdf;
		for (final String k : path) {
			if (!(o instanceof Map<?, ?> m)) return null;
			o = m.get(k);
		}
		return o;
	}
}
