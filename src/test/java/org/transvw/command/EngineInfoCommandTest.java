package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.transvw.EngineTests;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Runs Engine info headless, the way a macro or script does, on this (CPU) machine. */
@Category(EngineTests.class)
public class EngineInfoCommandTest {

	private static final List<String> KEYS = List.of("djlVersion", "pytorchVersion", "flavour",
		"classifier", "libtorchDir", "nativesOnClassPath", "engineCacheDir", "engineCacheWritable",
		"offline", "installedNatives", "cudaRuntime", "driverVersion", "gpuCount", "intraOpThreads",
		"interOpThreads", "devices", "smokeTests", "downloads", "advice", "engineError");

	@Test
	public void jsonReportHasRealFacts() throws Exception {
		// setup
		try (Context ctx = new Context(CommandService.class)) {
			// process
			final CommandModule m = ctx.service(CommandService.class).run(EngineInfoCommand.class,
				true, "format", "json", "download", false).get();
			// test
			assertFalse(m.getCancelReason(), m.isCanceled());
			final JsonObject o = JsonParser.parseString((String) m.getOutput("report"))
				.getAsJsonObject();
			for (final String k : KEYS)
				assertTrue("missing key " + k, o.has(k));
			assertTrue(o.get("engineError").isJsonNull());
			assertTrue("tests run offline", o.get("offline").getAsBoolean());
			assertEquals("0.36.0", o.get("djlVersion").getAsString());
			assertEquals("2.7.1", o.get("pytorchVersion").getAsString());
			assertEquals("cpu", o.get("flavour").getAsString());
			assertTrue(o.get("intraOpThreads").getAsInt() >= 1);
			final JsonArray devices = o.getAsJsonArray("devices");
			assertEquals("cpu", devices.get(0).getAsJsonObject().get("name").getAsString());
			assertTrue(devices.get(0).getAsJsonObject().get("memoryTotal").getAsLong() > 0);
			JsonObject cpuSmoke = null;
			for (final JsonElement e : o.getAsJsonArray("smokeTests"))
				if (e.getAsJsonObject().get("device").getAsString().startsWith("cpu")) cpuSmoke = e
					.getAsJsonObject();
			assertNotNull("a CPU smoke test", cpuSmoke);
			assertTrue(cpuSmoke.toString(), cpuSmoke.get("passed").getAsBoolean());
			assertTrue(cpuSmoke.get("runs").getAsInt() >= 1);
			assertTrue(o.getAsJsonArray("advice").size() >= 1);
		}
	}

	@Test
	public void textReportAndBadFormat() throws Exception {
		try (Context ctx = new Context(CommandService.class)) {
			final CommandService cs = ctx.service(CommandService.class);
			final CommandModule text = cs.run(EngineInfoCommand.class, true, "format", "text",
				"download", false).get();
			final String r = (String) text.getOutput("report");
			assertTrue(r, r.contains("Offline mode:") && r.contains("on (no downloads)"));
			assertTrue(r, r.contains("Smoke test cpu:") && r.contains("PASSED"));
			final CommandModule bad = cs.run(EngineInfoCommand.class, true, "format", "xml",
				"download", false).get();
			assertTrue(bad.isCanceled());
			assertEquals("format: expected text or json, got 'xml'", bad.getCancelReason());
		}
	}
}
