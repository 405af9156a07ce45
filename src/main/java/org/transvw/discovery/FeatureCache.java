package org.transvw.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.AtomicFiles;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The features file: JSON {@code {"extractor": {...}, "features": [[...], ...]}}, atomic. */
final class FeatureCache {

	private static final Gson GSON = new GsonBuilder().create();

	private FeatureCache() {}

	/** The cached features, or null when the file is absent or holds another patient count. */
	static float[][] read(final Path file, final int patients) throws IOException {
		if (!Files.isRegularFile(file)) return null;
		final JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
			.getAsJsonObject();
		final float[][] f = GSON.fromJson(o.get("features"), float[][].class);
		return f.length == patients ? f : null;
	}

	static void write(final Path file, final float[][] features, final Map<String, Object> id)
		throws IOException
	{
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("extractor", id);
		m.put("features", features);
		AtomicFiles.writeString(file, GSON.toJson(m));
	}
}
