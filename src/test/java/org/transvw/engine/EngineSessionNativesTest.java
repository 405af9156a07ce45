package org.transvw.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A machine without the PyTorch natives, reproduced in a fresh JVM whose class path lacks the
 * {@code pytorch-native-cpu} jar and whose engine cache ({@code ENGINE_CACHE_DIR}) is an empty
 * folder: every engine start says how to get the natives, and the doctor's advice follows the
 * failure (offline: download refused; download allowed without network: "could not download").
 * No request leaves the machine: the "no network" JVM sends HTTP(S) to a closed local port.
 */
@Category(EngineTests.class)
public class EngineSessionNativesTest {

	private static final long TIMEOUT_S = 120;
	private static final Predicate<String> WITHOUT_NATIVES = e -> !Paths.get(e).getFileName()
		.toString().startsWith("pytorch-native-");
	private static final String JAR = "pytorch-native-cpu-2.7.1-" + EngineSession.classifier() +
		".jar";
	private static final String COORDINATES = "ai.djl.pytorch:pytorch-native-cpu:2.7.1:" +
		EngineSession.classifier();

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private Map<String, String> env(final boolean offline) throws IOException {
		final Map<String, String> env = new HashMap<>();
		env.put("ENGINE_CACHE_DIR", tmp.newFolder("cache").toString());
		env.put("OPT_OUT_TRACKING", "true");
		env.put("DJL_OFFLINE", offline ? "true" : null);
		env.put("PYTORCH_LIBRARY_PATH", null);
		return env;
	}

	/** JVM options that send every HTTP(S) request to a local port nobody listens on. */
	private static List<String> noNetwork() throws IOException {
		final int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		return List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + port,
			"-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + port, "-Dhttp.nonProxyHosts=");
	}

	private static JsonObject json(final String output) {
		return JsonParser.parseString(output.substring(output.indexOf('{'))).getAsJsonObject();
	}

	private static String advice(final JsonObject report) {
		final StringBuilder b = new StringBuilder();
		final JsonArray a = report.getAsJsonArray("advice");
		for (final JsonElement e : a)
			b.append(e.getAsString()).append('\n');
		return b.toString();
	}

	@Test
	public void engineStartWithoutNativesSaysHowToGetThem() throws Exception {
		// process
		final ForkedJvm.Outcome o = ForkedJvm.run(NativesProbeMain.class, WITHOUT_NATIVES, List.of(
			"-Dai.djl.offline=true"), env(true), TIMEOUT_S, "session");
		// test
		assertEquals(o.output(), 0, o.exitCode());
		final String line = o.output().lines().filter(l -> l.startsWith("THROWN ")).findFirst()
			.orElseThrow(() -> new AssertionError("no exception: " + o.output()));
		assertTrue(line, line.startsWith("THROWN " + EngineUnavailableException.class.getName() +
			": Cannot start the PyTorch engine. PyTorch natives are not installed and offline " +
			"mode refused the one-time download: put " + JAR + " (from Maven Central, " +
			COORDINATES + ") into Fiji.app/jars/"));
		assertTrue(line, line.contains("Engine info"));
	}

	@Test
	public void doctorOfflineWithoutNativesNamesTheJarAndIsNotReady() throws Exception {
		final ForkedJvm.Outcome o = ForkedJvm.run(NativesProbeMain.class, WITHOUT_NATIVES, List.of(
			"-Dai.djl.offline=true"), env(true), TIMEOUT_S, "doctor");
		assertEquals(o.output(), 0, o.exitCode());
		final JsonObject r = json(o.output());
		assertEquals("OFFLINE_NO_NATIVES", r.get("engineFailure").getAsString());
		assertTrue(r.get("engineError").getAsString(), r.get("engineError").getAsString().contains(
			"Offline mode is enabled."));
		final String advice = advice(r);
		assertTrue(advice, advice.startsWith("PyTorch natives are not installed and offline mode " +
			"refused the one-time download: put " + JAR));
		assertFalse(advice, advice.contains("ready"));
		assertEquals(0, r.getAsJsonArray("smokeTests").size());
	}

	@Test
	public void doctorWithDownloadAllowedButNoNetworkSaysCouldNotDownload() throws Exception {
		final Map<String, String> env = env(false);
		final ForkedJvm.Outcome o = ForkedJvm.run(NativesProbeMain.class, WITHOUT_NATIVES,
			noNetwork(), env, TIMEOUT_S, "doctor", "download");
		assertEquals(o.output(), 0, o.exitCode());
		final JsonObject r = json(o.output());
		assertEquals(o.output(), "NO_NETWORK", r.get("engineFailure").getAsString());
		final String advice = advice(r);
		assertTrue(advice, advice.startsWith("Could not download: no network (ConnectException"));
		assertTrue(advice, advice.contains("put " + JAR + " (from Maven Central, " + COORDINATES +
			") into Fiji.app/jars/"));
		assertFalse(advice, advice.contains("ready"));
		final Path cache = Paths.get(env.get("ENGINE_CACHE_DIR"));
		assertFalse("nothing downloaded", java.nio.file.Files.exists(cache.resolve("pytorch")
			.resolve("2.7.1.txt")));
	}
}
