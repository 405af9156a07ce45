package org.transvw.data.geometry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Checks;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

/**
 * The JSON form of a {@link GeometryPlan} ({@code "format": "transvw-geometry"}). Doubles are
 * written in Java's shortest round-trip form, so parsing gives back the same bits. The derived
 * grids (oriented, cropped) are written for the reader and checked on parsing.
 */
final class GeometryPlanJson {

	static final String FORMAT = "transvw-geometry";
	static final int VERSION = 1;

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
		.create();

	private GeometryPlanJson() {}

	static Map<String, Object> toMap(final GeometryPlan p) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("format", FORMAT);
		m.put("formatVersion", VERSION);
		m.put("original", p.original().toMap());
		final Map<String, Object> o = new LinkedHashMap<>();
		o.put("code", p.orientation().code());
		o.put("axisToWorld", p.orientation().axisToWorld());
		o.put("flipped", p.orientation().flipped());
		o.put("obliqueness", p.orientation().obliqueness());
		m.put("orientation", o);
		m.put("oriented", p.oriented().toMap());
		m.put("cropRule", p.cropRule().toMap());
		m.put("crop", p.crop().toMap());
		m.put("cropped", p.cropped().toMap());
		m.put("targetSpacing", p.targetSpacing());
		final List<String> ip = new ArrayList<>();
		for (final Interpolation i : p.interpolation())
			ip.add(i.name());
		m.put("interpolation", ip);
		m.put("processed", p.processed().toMap());
		m.put("notes", p.notes());
		return m;
	}

	static String toJson(final GeometryPlan p) {
		return GSON.toJson(toMap(p));
	}

	static GeometryPlan fromJson(final String json) {
		final Map<String, Object> m;
		try {
			m = GSON.fromJson(json, new TypeToken<Map<String, Object>>() {}.getType());
		}
		catch (final JsonParseException e) {
			throw new IllegalArgumentException("geometry: expected JSON, got a parse error (" + e
				.getMessage() + ")", e);
		}
		return fromMap(m);
	}

	static GeometryPlan fromMap(final Map<?, ?> m) {
		Checks.require(m != null && FORMAT.equals(m.get("format")), "geometry",
			"a TransVW geometry plan (\"format\": \"" + FORMAT + "\")");
		Checks.require(m.get("formatVersion") instanceof Number n && n.intValue() == VERSION,
			"geometry.formatVersion", VERSION + ", got " + m.get("formatVersion"));
		final Grid original = Grid.fromMap(map(m, "original"), "original");
		final Map<?, ?> o = map(m, "orientation");
		final int[] axes = toInts(Grid.integers(o.get("axisToWorld"), "orientation.axisToWorld"));
		final Object f = o.get("flipped");
		Checks.require(f instanceof List, "orientation.flipped", "a list of booleans");
		final boolean[] flipped = new boolean[((List<?>) f).size()];
		for (int i = 0; i < flipped.length; i++) {
			Checks.require(((List<?>) f).get(i) instanceof Boolean, "orientation.flipped",
				"booleans, got " + f);
			flipped[i] = (Boolean) ((List<?>) f).get(i);
		}
		Checks.require(o.get("obliqueness") instanceof Number, "orientation.obliqueness", "a number");
		final Reorientation r = new Reorientation(axes, flipped, ((Number) o.get("obliqueness"))
			.doubleValue());
		final Object ipList = m.get("interpolation");
		Checks.require(ipList instanceof List, "interpolation", "a list of names");
		final Interpolation[] ip = new Interpolation[((List<?>) ipList).size()];
		for (int i = 0; i < ip.length; i++)
			ip[i] = Interpolation.parse(String.valueOf(((List<?>) ipList).get(i)).replace("BSPLINE3",
				"bspline3"));
		final List<String> notes = new ArrayList<>();
		if (m.get("notes") instanceof List<?> l) for (final Object x : l)
			notes.add(String.valueOf(x));
		final GeometryPlan p = new GeometryPlan(original, r, ForegroundCrop.fromMap(map(m,
			"cropRule")), CropBox.fromMap(map(m, "crop")), Grid.numbers(m.get("targetSpacing"),
				"targetSpacing"), ip, Grid.fromMap(map(m, "processed"), "processed"), notes);
		if (m.containsKey("oriented")) Checks.require(p.oriented().equals(Grid.fromMap(map(m,
			"oriented"), "oriented")), "oriented", "the original grid reoriented by the orientation");
		if (m.containsKey("cropped")) Checks.require(p.cropped().equals(Grid.fromMap(map(m,
			"cropped"), "cropped")), "cropped", "the oriented grid cropped to the crop box");
		return p;
	}

	private static Map<?, ?> map(final Map<?, ?> m, final String key) {
		Checks.require(m.get(key) instanceof Map, "geometry." + key, "an object");
		return (Map<?, ?>) m.get(key);
	}

	private static int[] toInts(final long[] v) {
		final int[] out = new int[v.length];
		for (int i = 0; i < v.length; i++)
			out[i] = Math.toIntExact(v[i]);
		return out;
	}
}
