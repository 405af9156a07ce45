package org.transvw.network.export;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.RandomStreams;
import org.transvw.common.Sha256;
import org.transvw.data.IntensityMap;
import org.transvw.data.IntensityRecipe;
import org.transvw.network.BatchNormMode;
import org.transvw.network.BundleDescription;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;

import com.google.gson.Gson;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.nn.Parameter;
import net.imglib2.img.array.ArrayImgs;

/**
 * Export to BioImage.IO and back with a tiny base-8 network whose batch-norm statistics are not
 * trivial: the package parses with the expected fields and hashes, re-import gives bitwise the
 * same outputs, and (when python3 with torch is installed) plain PyTorch reproduces the test
 * output from the exported state dict and architecture.
 */
@Category(EngineTests.class)
public class BioImageIoExportTest {

	/** float32 forward passes of two implementations of the same network: ~1e-6 is expected. */
	private static final double PYTHON_TOLERANCE = 1e-4;
	/** A non-cubic tile, so an axis mix-up cannot go unnoticed. */
	private static final int[] TILE = { 24, 16, 8 };

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static final BioImageIoExporter.Metadata META = new BioImageIoExporter.Metadata(
		"Test spheres", "A tiny test model.", List.of("A. Tester", " "), "CC-BY-4.0");

	/** A bundle with random weights and random BN statistics. */
	private Path bundle(final UNet3dConfig c, final IntensityRecipe n) throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("bundle-" + c.batchNormMode() + c.output());
		final RandomStreams r = RandomStreams.seeded(11);
		try (Model m = ModelBundle.newModel(c, Device.cpu())) {
			for (final Map.Entry<String, Parameter> e : ((UNet3d) m.getBlock()).namedParameters()
				.entrySet())
			{
				final String k = e.getKey();
				if (!k.contains(".bn1.")) continue;
				final float[] v = new float[(int) e.getValue().getArray().size()];
				for (int i = 0; i < v.length; i++)
					v[i] = (float) (k.endsWith("running_var") ? 0.5 + r.nextDouble() : k.endsWith("weight")
						? 1 + 0.2 * r.nextGaussian() : 0.2 * r.nextGaussian());
				e.getValue().getArray().set(FloatBuffer.wrap(v));
			}
			ModelBundle.save(dir, m, new BundleDescription(c, new int[] { 16, 16, 16 }, n,
				"segmentation", c.outChannels(), Map.of("initialisation", "random", "seed", 11L)));
		}
		return dir;
	}

	private static TestSample sample(final IntensityRecipe n) {
		final RandomStreams r = RandomStreams.seeded(5);
		final int count = TILE[0] * TILE[1] * TILE[2];
		final float[] raw = new float[count], norm = new float[count];
		for (int i = 0; i < count; i++)
			raw[i] = (float) (-1100 + 2200 * r.nextDouble());
		final IntensityMap applied = n.resolve(ArrayImgs.floats(raw, count));
		for (int i = 0; i < count; i++)
			norm[i] = applied.apply(raw[i]);
		return new TestSample(TILE, raw, norm, new double[] { 0.7, 0.8, 2.5 });
	}

	private static UNet3dConfig config(final BatchNormMode mode, final OutputActivation out,
		final int channels)
	{
		return new UNet3dConfig(Flavour.PYTORCH, 8, 1, channels, true, 0, out, mode);
	}

	private static byte[] entry(final Path zip, final String name) throws IOException {
		try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry(
			name)))
		{
			return in.readAllBytes();
		}
	}

	@Test
	public void packageHasTheSpecFieldsAndHashes() throws IOException {
		// setup
		final Path b = bundle(config(BatchNormMode.RUNNING, OutputActivation.SIGMOID, 1),
			IntensityRecipe.ctDefault());
		final Path zip = tmp.getRoot().toPath().resolve("m.zip");
		// process
		final BioImageIoExporter.Export ex;
		try (ModelBundle mb = ModelBundle.load(b, Device.cpu())) {
			ex = BioImageIoExporter.export(mb, sample(IntensityRecipe.ctDefault()), META, zip);
		}
		// test
		final Map<String, Object> rdf = BioImageIoRdf.parse(new String(entry(zip, "rdf.yaml"),
			StandardCharsets.UTF_8));
		assertEquals("0.5.3", rdf.get("format_version"));
		assertEquals("model", rdf.get("type"));
		assertEquals("Test spheres", rdf.get("name"));
		assertEquals(List.of(Map.of("name", "A. Tester")), rdf.get("authors"));
		assertEquals("CC-BY-4.0", rdf.get("license"));
		assertEquals("10.1109/TMI.2021.3060634", ((Map<?, ?>) ((List<?>) rdf.get("cite")).get(0))
			.get("doi"));
		assertEquals("model-card.md", rdf.get("documentation"));
		assertEquals(List.of("cover.png"), rdf.get("covers"));
		final Map<?, ?> in = (Map<?, ?>) ((List<?>) rdf.get("inputs")).get(0);
		final List<?> axes = (List<?>) in.get("axes");
		assertEquals(List.of("batch", "channel", "space", "space", "space"), axes.stream().map(
			a -> ((Map<?, ?>) a).get("type")).toList());
		assertEquals(List.of("z", "y", "x"), axes.subList(2, 5).stream().map(a -> ((Map<?, ?>) a)
			.get("id")).toList());
		assertEquals(Map.of("min", 8, "step", 8), ((Map<?, ?>) axes.get(2)).get("size"));
		assertEquals(2.5, ((Map<?, ?>) axes.get(2)).get("scale"));
		assertEquals(List.of("ensure_dtype", "clip", "scale_linear"), ((List<?>) in.get(
			"preprocessing")).stream().map(s -> ((Map<?, ?>) s).get("id")).toList());
		final Map<?, ?> lin = (Map<?, ?>) ((Map<?, ?>) ((List<?>) in.get("preprocessing")).get(2)).get(
			"kwargs");
		assertEquals(0.0005, (Double) lin.get("gain"), 1e-12);
		assertEquals(0.5, (Double) lin.get("offset"), 1e-12);
		final Map<?, ?> w = (Map<?, ?>) BioImageIoRdf.get(rdf, "weights", "pytorch_state_dict");
		final Map<?, ?> arch = (Map<?, ?>) w.get("architecture");
		assertEquals("TransVWUNet3d", arch.get("callable"));
		assertEquals(8, ((Map<?, ?>) arch.get("kwargs")).get("base_width"));
		assertEquals("running", ((Map<?, ?>) arch.get("kwargs")).get("batch_norm"));
		// every hash is that of the packaged bytes
		final Map<String, String> listed = Map.of("weights.pt", (String) w.get("sha256"),
			"transvw_unet3d.py", (String) arch.get("sha256"), "test_input.npy", (String) ((Map<?, ?>) in
				.get("test_tensor")).get("sha256"), "test_output.npy", (String) ((Map<?, ?>) ((Map<?, ?>) ((List<?>) rdf
					.get("outputs")).get(0)).get("test_tensor")).get("sha256"), "model.json",
			(String) ((Map<?, ?>) ((List<?>) rdf.get("attachments")).get(0)).get("sha256"));
		for (final Map.Entry<String, String> e : listed.entrySet()) {
			final Path f = tmp.getRoot().toPath().resolve("x-" + e.getKey());
			Files.write(f, entry(zip, e.getKey()));
			assertEquals(e.getKey(), Sha256.of(f), e.getValue());
			assertEquals(e.getKey(), ex.sha256().get(e.getKey()), e.getValue());
		}
		// the tensors: raw input (1, 1, z, y, x) and the output of our network
		final Npy tin = Npy.decode(entry(zip, "test_input.npy"), "in");
		final Npy tout = Npy.decode(entry(zip, "test_output.npy"), "out");
		assertArrayEquals(new long[] { 1, 1, 8, 16, 24 }, tin.shape());
		assertArrayEquals(new long[] { 1, 1, 8, 16, 24 }, tout.shape());
		final TestSample s = sample(IntensityRecipe.ctDefault());
		assertEquals(s.raw()[(3 * 16 + 2) * 8 + 5], tin.values()[(5 * 16 + 2) * 24 + 3], 0);
		try (ZipFile z = new ZipFile(zip.toFile())) {
			assertEquals("rdf.yaml first", "rdf.yaml", z.entries().nextElement().getName());
			for (final String f : List.of("cover.png", "model-card.md"))
				assertTrue(f, z.getEntry(f) != null);
		}
		assertTrue(new String(entry(zip, "model-card.md"), StandardCharsets.UTF_8).contains(
			"## Patent notice"));
	}

	@Test
	public void reimportGivesBitwiseIdenticalOutputs() throws IOException {
		for (final UNet3dConfig c : List.of(config(BatchNormMode.RUNNING, OutputActivation.SIGMOID,
			1), config(BatchNormMode.BATCH, OutputActivation.SOFTMAX, 2)))
		{
			// setup
			final Path b = bundle(c, IntensityRecipe.ctDefault());
			final Path zip = tmp.getRoot().toPath().resolve("m-" + c.batchNormMode() + ".zip");
			final Path back = tmp.getRoot().toPath().resolve("back-" + c.batchNormMode());
			final TestSample s = sample(IntensityRecipe.ctDefault());
			// process
			try (ModelBundle mb = ModelBundle.load(b, Device.cpu())) {
				BioImageIoExporter.export(mb, s, META, zip);
			}
			final BioImageIoImporter.Imported imp = BioImageIoImporter.toBundle(zip, back, Device
				.cpu());
			// test: same description, same outputs on the test tile and on another input
			assertEquals(c, imp.description().network());
			assertEquals(0, imp.report().missing().size());
			try (ModelBundle a = ModelBundle.load(b, Device.cpu()); ModelBundle r = ModelBundle.load(
				back, Device.cpu()))
			{
				assertEquals(IntensityRecipe.ctDefault(), r.description().normalization());
				for (final float[] x : List.of(s.normalized(), reversed(s.normalized()))) {
					final float[] ya = BioImageIoExporter.predict(a.block(), a.model().getNDManager(), x,
						TILE);
					final float[] yr = BioImageIoExporter.predict(r.block(), r.model().getNDManager(), x,
						TILE);
					assertArrayEquals(c + ": bitwise", ya, yr, 0f);
				}
				final Npy tout = Npy.decode(entry(zip, "test_output.npy"), "out");
				assertArrayEquals(TestSample.toXyz(tout.values(), c.outChannels(), TILE), BioImageIoExporter
					.predict(r.block(), r.model().getNDManager(), s.normalized(), TILE), 0f);
			}
		}
	}

	private static float[] reversed(final float[] v) {
		final float[] r = new float[v.length];
		for (int i = 0; i < v.length; i++)
			r[i] = v[v.length - 1 - i];
		return r;
	}

	@Test
	public void alteredPackageAndKerasFlavourAreRefused() throws IOException {
		final Path b = bundle(config(BatchNormMode.RUNNING, OutputActivation.SIGMOID, 1),
			IntensityRecipe.ctDefault());
		final Path zip = tmp.getRoot().toPath().resolve("m.zip");
		try (ModelBundle mb = ModelBundle.load(b, Device.cpu())) {
			BioImageIoExporter.export(mb, sample(IntensityRecipe.ctDefault()), META, zip);
		}
		// a package whose test output was replaced
		final Path bad = tmp.getRoot().toPath().resolve("bad.zip");
		try (ZipFile z = new ZipFile(zip.toFile()); java.util.zip.ZipOutputStream out =
			new java.util.zip.ZipOutputStream(Files.newOutputStream(bad)))
		{
			for (final ZipEntry e : java.util.Collections.list(z.entries())) {
				out.putNextEntry(new ZipEntry(e.getName()));
				final byte[] d = z.getInputStream(e).readAllBytes();
				if (e.getName().equals("test_output.npy")) d[d.length - 1] ^= 1;
				out.write(d);
				out.closeEntry();
			}
		}
		final IOException e = assertThrows(IOException.class, () -> BioImageIoImporter.toBundle(bad,
			tmp.getRoot().toPath().resolve("never"), Device.cpu()));
		assertTrue(e.getMessage(), e.getMessage().contains("test_output.npy has SHA-256"));
		assertTrue(Files.notExists(tmp.getRoot().toPath().resolve("never")));
		final UNet3dConfig keras = new UNet3dConfig(Flavour.KERAS, 8, 1, 1, true, 0,
			OutputActivation.SIGMOID, BatchNormMode.RUNNING);
		final IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
			() -> StateDictExport.kwargs(keras));
		assertTrue(k.getMessage(), k.getMessage().contains("PyTorch flavour"));
	}

	/** The python3 that has torch and numpy, or null. */
	private static String python() {
		for (final String p : List.of("python3", "/usr/bin/python3"))
			try {
				final Process pr = new ProcessBuilder(p, "-c", "import torch, numpy").redirectErrorStream(
					true).start();
				pr.getInputStream().readAllBytes();
				if (pr.waitFor(120, TimeUnit.SECONDS) && pr.exitValue() == 0) return p;
			}
			catch (final IOException ex) {
				// not installed under this name: try the next one
			}
			catch (final InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		return null;
	}

	@Test
	public void plainPyTorchReproducesTheTestOutput() throws Exception {
		final String python = python();
		Assume.assumeTrue("python3 with torch and numpy is not installed", python != null);
		final Path script = tmp.getRoot().toPath().resolve("check_export.py");
		try (InputStream in = getClass().getResourceAsStream("check_export.py")) {
			Files.copy(in, script);
		}
		final IntensityRecipe pct = IntensityRecipe.percentile(0.5, 99.5);
		for (final Object[] run : List.of(new Object[] { config(BatchNormMode.RUNNING,
			OutputActivation.SIGMOID, 1), IntensityRecipe.ctDefault() }, new Object[] { config(
				BatchNormMode.BATCH, OutputActivation.SOFTMAX, 2), pct }))
		{
			final UNet3dConfig c = (UNet3dConfig) run[0];
			final IntensityRecipe n = (IntensityRecipe) run[1];
			final Path zip = tmp.getRoot().toPath().resolve("py-" + c.batchNormMode() + ".zip");
			try (ModelBundle mb = ModelBundle.load(bundle(c, n), Device.cpu())) {
				BioImageIoExporter.export(mb, sample(n), META, zip);
			}
			final Path dir = Files.createDirectories(tmp.getRoot().toPath().resolve("py-" + c
				.batchNormMode()));
			final Map<String, Object> rdf = BioImageIoRdf.parse(new String(entry(zip, "rdf.yaml"),
				StandardCharsets.UTF_8));
			for (final String f : List.of("weights.pt", "transvw_unet3d.py", "test_input.npy",
				"test_output.npy"))
				Files.write(dir.resolve(f), entry(zip, f));
			final Map<?, ?> w = (Map<?, ?>) BioImageIoRdf.get(rdf, "weights", "pytorch_state_dict");
			final Map<?, ?> arch = (Map<?, ?>) w.get("architecture");
			final Map<?, ?> in = (Map<?, ?>) ((List<?>) rdf.get("inputs")).get(0);
			final String cfg = new Gson().toJson(Map.of("architecture", arch.get("source"), "callable",
				arch.get("callable"), "kwargs", arch.get("kwargs"), "weights", w.get("source"), "input",
				"test_input.npy", "output", "test_output.npy", "preprocessing", in.get("preprocessing")));
			final Process p = new ProcessBuilder(python, script.toString(), dir.toString(), cfg)
				.redirectErrorStream(true).start();
			final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertTrue("python timed out", p.waitFor(300, TimeUnit.SECONDS));
			assertEquals(out, 0, p.exitValue());
			final String last = out.strip().substring(out.strip().lastIndexOf('\n') + 1);
			final double err = ((Number) new Gson().fromJson(last, Map.class).get("maxAbsError"))
				.doubleValue();
			System.out.println("[python-check] " + c.batchNormMode() + " " + c.output() + " " + n
				.kind() + ": " + last);
			assertTrue(c + ": max |PyTorch - ours| = " + err, err <= PYTHON_TOLERANCE);
		}
	}
}
