package org.transvw.discovery.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.AtomicFiles;
import org.transvw.common.Checks;
import org.transvw.data.InputConvention;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;

/**
 * {@code manifest.json}: the header, the committed shards and the completion flag. Written
 * atomically (temporary file, then {@code ATOMIC_MOVE}); the one source of truth of a dataset
 * folder.
 */
final class Manifest {

	static final String FILE = "manifest.json";
	static final String FORMAT = "transvw-visual-words";
	static final int VERSION = 1;

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
		.setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

	/** One committed shard: record counts and free metadata (e.g. the visual word's origin). */
	record Shard(int train, int validation, Map<String, Object> meta) {

		int count(final Split s) {
			return s == Split.TRAIN ? train : validation;
		}
	}

	final DatasetHeader header;
	final List<Shard> shards;
	final boolean complete;

	Manifest(final DatasetHeader header, final List<Shard> shards, final boolean complete) {
		this.header = header;
		this.shards = List.copyOf(shards);
		this.complete = complete;
	}

	static String shardName(final int index) {
		return String.format("shard-%05d", index);
	}

	static Path dataFile(final Path dir, final int shard, final Split split) {
		return dir.resolve(shardName(shard) + "." + split.tag() + ".f32");
	}

	static Path indexFile(final Path dir, final int shard) {
		return dir.resolve(shardName(shard) + ".index.csv");
	}

	void write(final Path dir) throws IOException {
		final JsonObject o = new JsonObject();
		o.addProperty("format", FORMAT);
		o.addProperty("version", VERSION);
		o.addProperty("dtype", "float32");
		o.addProperty("byteOrder", "little-endian");
		o.addProperty("layout", "records of prod(cubeSize) values, last axis fastest");
		o.add("header", headerJson(header));
		final JsonArray a = new JsonArray();
		for (final Shard s : shards) {
			final JsonObject so = new JsonObject();
			so.addProperty("train", s.train());
			so.addProperty("validation", s.validation());
			so.add("meta", GSON.toJsonTree(s.meta()));
			a.add(so);
		}
		o.add("shards", a);
		o.addProperty("complete", complete);
		AtomicFiles.writeString(dir.resolve(FILE), GSON.toJson(o));
	}

	static JsonObject headerJson(final DatasetHeader h) {
		final JsonObject o = new JsonObject();
		o.add("cubeSize", GSON.toJsonTree(h.cubeSize()));
		o.addProperty("numClasses", h.numClasses());
		o.addProperty("k", h.k());
		o.add("normalization", GSON.toJsonTree(h.normalization().toMap()));
		final InputConvention in = h.input();
		if (in.knowsModality()) o.addProperty("modality", in.modality().name());
		if (in.spacing() != null) o.add("spacing", GSON.toJsonTree(in.spacing()));
		if (!InputConvention.NATIVE.equals(in.orientation())) o.addProperty("orientation", in
			.orientation());
		o.addProperty("seed", h.seed());
		o.addProperty("collectionFingerprint", h.collectionFingerprint());
		o.add("patients", GSON.toJsonTree(h.patients()));
		o.add("parameters", GSON.toJsonTree(h.parameters()));
		return o;
	}

	static Manifest read(final Path dir) throws IOException {
		final Path f = dir.resolve(FILE);
		Checks.require(Files.isRegularFile(f), "dataset", "a folder with " + FILE + ", none in " +
			dir);
		final JsonObject o;
		try {
			o = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8))
				.getAsJsonObject();
		}
		catch (final RuntimeException e) {
			throw new IOException(f + ": not a valid manifest: " + e.getMessage(), e);
		}
		Checks.require(o.has("format") && FORMAT.equals(o.get("format").getAsString()), f
			.toString(), "format '" + FORMAT + "'");
		Checks.require(o.get("version").getAsInt() == VERSION, f.toString(), "version " +
			VERSION + ", got " + o.get("version"));
		final DatasetHeader header = headerFrom(o.getAsJsonObject("header"));
		final List<Shard> shards = new ArrayList<>();
		for (final JsonElement e : o.getAsJsonArray("shards")) {
			final JsonObject so = e.getAsJsonObject();
			shards.add(new Shard(so.get("train").getAsInt(), so.get("validation").getAsInt(),
				map(so.get("meta"))));
		}
		return new Manifest(header, shards, o.get("complete").getAsBoolean());
	}

	static DatasetHeader headerFrom(final JsonObject o) {
		final int[] cube = GSON.fromJson(o.get("cubeSize"), int[].class);
		final List<String> patients = GSON.fromJson(o.get("patients"), new TypeToken<List<String>>()
		{}.getType());
		final Map<String, Object> in = new LinkedHashMap<>();
		in.put("normalization", map(o.get("normalization")));
		for (final String key : new String[] { "modality", "spacing", "orientation" })
			if (o.has(key)) in.put(key, GSON.fromJson(o.get(key), Object.class));
		return new DatasetHeader(cube, o.get("numClasses").getAsInt(), o.get("k").getAsInt(),
			InputConvention.fromMap(in), o.get("seed").getAsLong(), o.get(
				"collectionFingerprint").getAsString(), patients, map(o.get("parameters")));
	}

	/** True when both headers serialise to the same JSON (numbers compared by value). */
	static boolean sameHeader(final DatasetHeader a, final DatasetHeader b) {
		return headerJson(a).equals(headerJson(b));
	}

	/** The first top-level header field whose JSON differs, for error messages. */
	static String firstDifference(final DatasetHeader a, final DatasetHeader b) {
		final JsonObject ja = headerJson(a), jb = headerJson(b);
		for (final String key : ja.keySet())
			if (!ja.get(key).equals(jb.get(key))) return key;
		return "none";
	}

	private static Map<String, Object> map(final JsonElement e) {
		if (e == null || e.isJsonNull()) return new LinkedHashMap<>();
		return GSON.fromJson(e, new TypeToken<LinkedHashMap<String, Object>>() {}.getType());
	}
}
