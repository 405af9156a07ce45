package org.transvw.cli;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.SAXParserFactory;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.cli.SiteDatabase.Plugin;
import org.transvw.cli.UpdateSiteGenerator.Config;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Generates a site from small jars with fixed entries, then regenerates it. */
public class UpdateSiteGeneratorTest {

	private static final long T1 = 20261125120000L;
	private static final long T2 = 20261201083000L;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private Path jar, deps, macros, out;

	@Before
	public void setUp() throws IOException {
		final Path root = tmp.getRoot().toPath();
		jar = UpdaterChecksumTest.jar(root.resolve("TransVW_Fiji-0.1.0.jar"), "plugins.config",
			"Plugins>TransVW, \"Engine info\", x.Y\n", "org/transvw/A.class", new byte[] { 1, 2 });
		deps = Files.createDirectories(root.resolve("deps"));
		UpdaterChecksumTest.jar(deps.resolve("api-0.36.0.jar"), "ai/djl/engine/Engine.class",
			new byte[] { 3 });
		UpdaterChecksumTest.jar(deps.resolve("pytorch-engine-0.36.0.jar"),
			"ai/djl/pytorch/engine/PtEngine.class", new byte[] { 4 });
		UpdaterChecksumTest.jar(deps.resolve("pytorch-jni-2.7.1-0.36.0.jar"),
			"jnilib/pytorch.properties", "jni_version=2.7.1-0.36.0\n");
		UpdaterChecksumTest.jar(deps.resolve("gson-2.13.1.jar"), "com/google/gson/Gson.class",
			new byte[] { 5 });
		UpdaterChecksumTest.jar(deps.resolve("pytorch-native-cpu-2.7.1-linux-x86_64.jar"),
			"native/lib/pytorch.properties", "flavor=cpu\n");
		UpdaterChecksumTest.jar(deps.resolve("mystery-1.0.jar"), "m/M.class", new byte[] { 6 });
		macros = Files.createDirectories(root.resolve("macros"));
		Files.writeString(macros.resolve("transvw_demo.ijm"), "print(\"demo\");\n");
		Files.writeString(macros.resolve("notes.txt"), "not a macro\n");
		out = root.resolve("site");
	}

	private UpdateSiteGenerator.Result generate(final long ts) throws IOException {
		return UpdateSiteGenerator.generate(new Config(jar, deps, macros, out, ts));
	}

	private Map<String, Plugin> db() throws IOException {
		return SiteDatabase.read(out.resolve("db.xml.gz")).stream().collect(Collectors.toMap(
			Plugin::filename, p -> p, (a, b) -> a, TreeMap::new));
	}

	@Test
	public void siteListsEveryFileWithUpdaterChecksums() throws Exception {
		// process
		final UpdateSiteGenerator.Result r = generate(T1);
		// test: contents and exclusions
		final Map<String, Plugin> db = db();
		assertEquals(List.of("jars/api-0.36.0.jar", "jars/pytorch-engine-0.36.0.jar",
			"jars/pytorch-jni-2.7.1-0.36.0.jar", "macros/transvw_demo.ijm",
			"plugins/TransVW_Fiji-0.1.0.jar"), List.copyOf(db.keySet()));
		assertEquals(3, r.excluded().size());
		final Map<String, String> why = r.excluded().stream().collect(Collectors.toMap(
			ShipPolicy.Decision::fileName, ShipPolicy.Decision::reason));
		assertTrue(why.get("gson-2.13.1.jar").startsWith("Fiji ships it"));
		assertTrue(why.get("pytorch-native-cpu-2.7.1-linux-x86_64.jar").startsWith("PyTorch natives"));
		assertTrue(why.get("mystery-1.0.jar").startsWith("unknown dependency"));
		// every file: stored as <path>-<timestamp>, same bytes, updater checksum, size
		final Map<String, Path> sources = Map.of("plugins/TransVW_Fiji-0.1.0.jar", jar,
			"jars/api-0.36.0.jar", deps.resolve("api-0.36.0.jar"), "jars/pytorch-engine-0.36.0.jar",
			deps.resolve("pytorch-engine-0.36.0.jar"), "jars/pytorch-jni-2.7.1-0.36.0.jar", deps
				.resolve("pytorch-jni-2.7.1-0.36.0.jar"), "macros/transvw_demo.ijm", macros.resolve(
					"transvw_demo.ijm"));
		for (final Plugin p : db.values()) {
			final Path src = sources.get(p.filename());
			assertEquals(T1, p.current().timestamp());
			assertEquals(Files.size(src), p.current().filesize());
			assertEquals(UpdaterChecksum.of(p.filename(), src), p.current().checksum());
			final Path stored = out.resolve(p.filename() + "-" + T1);
			assertArrayEquals(p.filename(), Files.readAllBytes(src), Files.readAllBytes(stored));
			assertTrue(p.previous().isEmpty());
		}
		assertEquals(UpdaterChecksum.jar(jar), db.get("plugins/TransVW_Fiji-0.1.0.jar").current()
			.checksum());
		// our jar depends on the DJL jars, by unversioned name, with their timestamps
		assertEquals(List.of(new SiteDatabase.Dependency("jars/api.jar", T1),
			new SiteDatabase.Dependency("jars/pytorch-engine.jar", T1), new SiteDatabase.Dependency(
				"jars/pytorch-jni.jar", T1)), db.get("plugins/TransVW_Fiji-0.1.0.jar").current()
					.dependencies());
		// the database is valid against its DTD, and gzip carries no modification time
		final byte[] gz = Files.readAllBytes(out.resolve("db.xml.gz"));
		assertEquals(0, gz[4] | gz[5] | gz[6] | gz[7]);
		final SAXParserFactory f = SAXParserFactory.newInstance();
		f.setValidating(true);
		try (InputStream in = new GZIPInputStream(Files.newInputStream(out.resolve("db.xml.gz")))) {
			f.newSAXParser().parse(in, new DefaultHandler() {

				@Override
				public void error(final SAXParseException e) throws SAXParseException {
					throw e;
				}
			});
		}
	}

	@Test
	public void regeneratingWithoutChangeIsByteIdentical() throws Exception {
		generate(T1);
		final byte[] first = Files.readAllBytes(out.resolve("db.xml.gz"));
		final long filesBefore;
		try (var s = Files.walk(out)) {
			filesBefore = s.count();
		}
		// a later timestamp must not matter when nothing changed
		generate(T2);
		assertArrayEquals(first, Files.readAllBytes(out.resolve("db.xml.gz")));
		try (var s = Files.walk(out)) {
			assertEquals(filesBefore, s.count());
		}
	}

	@Test
	public void changedAndRemovedFilesKeepTheirHistory() throws Exception {
		generate(T1);
		final String oldMacro = db().get("macros/transvw_demo.ijm").current().checksum();
		final String oldJni = db().get("jars/pytorch-jni-2.7.1-0.36.0.jar").current().checksum();
		Files.writeString(macros.resolve("transvw_demo.ijm"), "print(\"demo v2\");\n");
		Files.delete(deps.resolve("pytorch-jni-2.7.1-0.36.0.jar"));
		// process
		generate(T2);
		// test
		final Map<String, Plugin> db = db();
		final Plugin macro = db.get("macros/transvw_demo.ijm");
		assertEquals(T2, macro.current().timestamp());
		assertEquals(List.of(new SiteDatabase.Previous(oldMacro, T1, T2,
			"macros/transvw_demo.ijm")), macro.previous());
		assertTrue(Files.exists(out.resolve("macros/transvw_demo.ijm-" + T2)));
		assertEquals(T1, db.get("jars/api-0.36.0.jar").current().timestamp());
		final Plugin jni = db.get("jars/pytorch-jni-2.7.1-0.36.0.jar");
		assertNull("removed files stay listed without a current version", jni.current());
		assertEquals(oldJni, jni.previous().get(0).checksum());
		assertEquals(2, db.get("plugins/TransVW_Fiji-0.1.0.jar").current().dependencies().size());
		// same timestamp again with changed content still moves the timestamp forward
		Files.writeString(macros.resolve("transvw_demo.ijm"), "print(\"demo v3\");\n");
		generate(T2);
		assertEquals(T2 + 1, db().get("macros/transvw_demo.ijm").current().timestamp());
	}

	@Test
	public void everyShippedJarIsDescribedAsWhatItIs() throws Exception {
		// setup: the HDF5 reader of the weight import and its codec next to the DJL jars
		UpdaterChecksumTest.jar(deps.resolve("jhdf-0.9.4.jar"), "io/jhdf/HdfFile.class",
			new byte[] { 7 });
		UpdaterChecksumTest.jar(deps.resolve("compress-lzf-1.1.2.jar"),
			"com/ning/compress/lzf/LZFDecoder.class", new byte[] { 8 });
		// process
		generate(T1);
		// test: only DJL's jars call themselves DJL
		final Map<String, Plugin> db = db();
		for (final String dep : List.of("api-0.36.0.jar", "pytorch-engine-0.36.0.jar",
			"pytorch-jni-2.7.1-0.36.0.jar"))
			assertTrue(dep, db.get("jars/" + dep).current().description().startsWith(
				"Deep Java Library (DJL) "));
		final String jhdf = db.get("jars/jhdf-0.9.4.jar").current().description();
		final String lzf = db.get("jars/compress-lzf-1.1.2.jar").current().description();
		assertTrue(jhdf, jhdf.startsWith("jHDF: ") && jhdf.contains("Keras (.h5) weights"));
		assertTrue(lzf, lzf.startsWith("Compress-LZF: ") && lzf.contains("jHDF"));
		assertFalse(jhdf + " / " + lzf, (jhdf + lzf).contains("DJL"));
		assertEquals(5, db.get("plugins/TransVW_Fiji-0.1.0.jar").current().dependencies().size());
	}

	@Test
	public void snakeYamlIsLeftToFiji() throws IOException {
		// the rdf.yaml writer's SnakeYAML: Fiji ships it in jars/, so the site must not
		final Path yaml = UpdaterChecksumTest.jar(deps.resolve("snakeyaml-2.5.jar"),
			"org/yaml/snakeyaml/Yaml.class", new byte[] { 7 });
		final ShipPolicy.Decision d = ShipPolicy.decide(yaml);
		assertFalse(d.ship());
		assertTrue(d.reason(), d.reason().startsWith("Fiji ships it (jars/snakeyaml.jar)"));
	}

	@Test(expected = IllegalArgumentException.class)
	public void descriptionOfAJarTheSiteDoesNotShipIsRefused() {
		ShipPolicy.description("gson-2.13.1.jar");
	}

	@Test(expected = IllegalArgumentException.class)
	public void jarWithoutUnderscoreIsRefused() throws IOException {
		final Path bad = UpdaterChecksumTest.jar(tmp.getRoot().toPath().resolve("transvw.jar"),
			"a/A.class", new byte[] { 1 });
		new Config(bad, null, null, out, T1);
	}

	@Test
	public void commandLineWritesTheSiteOrExplainsTheUsageError() throws IOException {
		final ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		final String[] args = { "--jar", jar.toString(), "--deps-dir", deps.toString(), "--macros",
			macros.toString(), "--out", out.toString() };
		// 1764072000 s since 1970 = 2025-11-25 12:00:00 UTC
		assertEquals(0, UpdateSiteGenerator.run(args, "1764072000", new PrintStream(o),
			new PrintStream(e)));
		final String printed = o.toString(StandardCharsets.UTF_8);
		assertTrue(printed, printed.contains("plugins/TransVW_Fiji-0.1.0.jar-20251125120000"));
		assertTrue(printed, printed.contains("not shipped: gson-2.13.1.jar (Fiji ships it"));
		assertEquals(20251125120000L, db().get("jars/api-0.36.0.jar").current().timestamp());
		assertEquals(2, UpdateSiteGenerator.run(new String[] { "--jar", jar.toString(), "--out", out
			.toString() }, null, new PrintStream(o), new PrintStream(e)));
		assertTrue(e.toString(StandardCharsets.UTF_8).contains(
			"timestamp: pass --timestamp yyyyMMddHHmmss or set SOURCE_DATE_EPOCH"));
		assertEquals(2, UpdateSiteGenerator.run(new String[] { "--bogus", "x" }, "0",
			new PrintStream(o), new PrintStream(e)));
		assertTrue(e.toString(StandardCharsets.UTF_8).contains("unknown option --bogus"));
	}
}
