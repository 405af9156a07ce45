package org.transvw.network.weights;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.junit.rules.TemporaryFolder;
import org.transvw.EngineTests;
import org.transvw.common.Sha256;
import org.transvw.engine.EngineSession;
import org.transvw.network.BatchNormMode;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.TransferReport;

import com.google.gson.Gson;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Importing the fixtures of src/test/python/make_weight_fixtures.py reproduces the outputs that
 * our Python re-implementation of the reference computed (issue 7).
 */
@Category(EngineTests.class)
public class WeightImporterTest {

	/** float32 networks evaluated by two libraries: the tolerance. */
	private static final float TOLERANCE = 1e-4f;

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@BeforeClass
	public static void engine() {
		EngineSession.engine();
	}

	static Path fixture(final String name) {
		try {
			return Paths.get(WeightImporterTest.class.getResource(name).toURI());
		}
		catch (final URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static float[] floats(final String name) throws IOException {
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(fixture(name))).order(
			ByteOrder.LITTLE_ENDIAN);
		final float[] v = new float[b.remaining() / 4];
		b.asFloatBuffer().get(v);
		return v;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> fixtures() throws IOException {
		final Map<String, Object> m = new Gson().fromJson(Files.readString(fixture(
			"fixtures.json")), Map.class);
		return (List<Map<String, Object>>) m.get("fixtures");
	}

	private static float maxAbs(final float[] a, final float[] b) {
		assertEquals(a.length, b.length);
		float m = 0;
		for (int i = 0; i < a.length; i++)
			m = Math.max(m, Math.abs(a[i] - b[i]));
		return m;
	}

	/** Outputs of {@code model} for the fixture input, in eval mode. */
	static float[][] run(final Model model) throws IOException {
		try (NDManager m = model.getNDManager().newSubManager()) {
			final NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(m
				.create(floats("input.f32"), new Shape(2, 1, 16, 16, 8))), false);
			final float[][] r = new float[out.size()][];
			for (int i = 0; i < r.length; i++)
				r[i] = out.get(i).toFloatArray();
			return r;
		}
	}

	@Test
	public void importedFixturesReproduceThePythonOutputs() throws IOException {
		for (final Map<String, Object> f : fixtures()) {
			if (Boolean.TRUE.equals(f.get("encoderOnly"))) continue; // encoderOnlyCheckpoint...
			final String name = (String) f.get("name");
			final WeightImporter.Imported w = WeightImporter.read(fixture((String) f.get("file")),
				WeightImporter.Options.defaults());
			final Flavour flavour = Flavour.valueOf(((String) f.get("flavour")).toUpperCase());
			assertEquals(name, flavour, w.config().flavour());
			assertEquals(name, ((Number) f.get("baseWidth")).intValue(), w.config().baseWidth());
			assertEquals(name, ((Number) f.get("numClasses")).intValue(), w.config().numClasses());
			assertEquals("reference BN", flavour == Flavour.PYTORCH ? BatchNormMode.BATCH
				: BatchNormMode.RUNNING, w.config().batchNormMode());
			assertTrue(w.report().toString(), w.report().missing().isEmpty());
			try (Model model = WeightImporter.toModel(w, Device.cpu())) {
				final float[][] out = run(model);
				final float seg = maxAbs(floats((String) f.get("seg")), out[0]);
				float cls = 0;
				if (f.containsKey("cls")) cls = maxAbs(floats((String) f.get("cls")), out[1]);
				System.out.printf("weight import %s (%s): max abs error seg %.3g, cls %.3g%n", name,
					flavour, seg, cls);
				assertTrue(name + " seg error " + seg, seg < TOLERANCE);
				assertTrue(name + " cls error " + cls, cls < TOLERANCE);
				assertEquals(f.containsKey("cls") ? 2 : 1, out.length);
			}
		}
	}

	private static Map<String, Object> fixtureEntry(final String name) throws IOException {
		return fixtures().stream().filter(f -> name.equals(f.get("name"))).findFirst().orElseThrow();
	}

	@Test
	public void authorsCheckpointLayoutIsReadWithItsNumpyScalarsAndOptimiserSkipped()
		throws IOException
	{
		// the file as TransVW's training script writes it: numpy float64 best_loss / best_acc,
		// an Adam optimizer_state_dict with its moment tensors
		final Map<String, Object> f = fixtureEntry("transvw_ckpt_b1");
		final WeightImporter.Imported w = WeightImporter.read(fixture("transvw_ckpt_b1.pt"),
			WeightImporter.Options.defaults());
		assertEquals(((Number) f.get("bestLoss")).doubleValue(), (Double) w.provenance().get(
			"source_best_loss"), 0);
		assertEquals(0.625, (Double) w.provenance().get("source_best_acc"), 0);
		assertEquals(8L, w.provenance().get("source_epoch"));
		assertEquals(2L, w.provenance().get("source_num_epoch_no_improvement"));
		assertTrue(w.report().toString(), w.report().skipped().stream().anyMatch(e -> e.source()
			.equals("optimizer_state_dict") && e.note().startsWith("training state")));
		assertTrue(w.report().missing().isEmpty());
		assertTrue(w.report().mapped().stream().noneMatch(e -> e.source().startsWith("optimizer")));
		// the optimiser's tensors are never read: shape only
		final Map<?, ?> root = (Map<?, ?>) TorchCheckpoint.read(fixture("transvw_ckpt_b1.pt"),
			WeightImporter::isModelState).objects();
		final Map<?, ?> state = (Map<?, ?>) ((Map<?, ?>) root.get("optimizer_state_dict")).get(
			"state");
		final WeightTensor moment = (WeightTensor) ((Map<?, ?>) state.get(0L)).get("exp_avg");
		assertFalse("optimiser moments are not read", moment.hasValues());
		assertEquals(5, moment.shape().length);
		final Map<?, ?> all = (Map<?, ?>) TorchCheckpoint.read(fixture("transvw_ckpt_b1.pt"))
			.objects();
		assertTrue(((WeightTensor) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) all.get(
			"optimizer_state_dict")).get("state")).get(0L)).get("exp_avg")).hasValues());
	}

	@Test
	public void encoderOnlyCheckpointIsAcceptedAndItsDecoderStartsFresh() throws IOException {
		// TransVW's ClassificationNet3D (encoder + head, no up_tr* / out_tr*), authors' layout
		final WeightImporter.Imported w = WeightImporter.read(fixture("transvw_en_b1.pt"),
			WeightImporter.Options.defaults());
		assertEquals(1, w.config().baseWidth());
		assertEquals(3, w.config().numClasses());
		assertEquals(1, w.config().outChannels());
		assertTrue(w.config().skipConnections());
		assertEquals(Boolean.TRUE, w.provenance().get(WeightImporter.ENCODER_ONLY));
		assertTrue(w.report().toString(), w.report().toString().startsWith("note: the file holds " +
			"an encoder only (no decoder / output convolution tensors): the decoder starts fresh\n"));
		// the three up-sampling stages and the output convolution, nothing else, start fresh
		assertFalse(w.report().missing().isEmpty());
		for (final TransferReport.Entry e : w.report().missing()) {
			assertTrue(e.target(), e.target().startsWith("up_tr") || e.target().startsWith(
				"out_tr."));
			assertEquals("decoder: not in this encoder-only file, starts fresh", e.note());
		}
		assertTrue(w.report().isMapped("down_tr512.ops.1.conv1.weight"));
		assertTrue(w.report().isMapped("clc_out.fc1.weight"));
		try (Model model = WeightImporter.toModel(w, Device.cpu())) {
			final float cls = maxAbs(floats("transvw_en_b1.cls.f32"), run(model)[1]);
			assertTrue("encoder + head reproduce the Python logits: " + cls, cls < TOLERANCE);
		}
	}

	@Test
	public void reportListsSkippedTensorsAndPrefixesAreStripped() throws IOException {
		final WeightImporter.Imported w = WeightImporter.read(fixture("unet_b2_legacy.pt"),
			WeightImporter.Options.defaults());
		final String r = w.report().toString();
		assertTrue(r, r.contains("\n  projection_head.0.weight (4, 32)  (contrastive"));
		assertTrue(r, r.contains("classficationNet.down_tr64.ops.0.bn1.num_batches_tracked"));
		assertTrue(r, r.contains("classficationNet.up_tr256.up_conv.weight (32, 32, 2, 2, 2) -> " +
			"up_tr256.up_conv.weight (256, 32, 1, 1, 1)"));
		// 9 LUConv pairs x 6 + 3 up-convs x 2 + final 2 = 92 tensors, 14 counters + 1 head skipped
		assertEquals(92, w.report().mapped().size());
		assertEquals(15, w.report().skipped().size());
		assertEquals("torch-legacy", w.provenance().get("sourceFormat"));
	}

	@Test
	public void bundleKeepsOutputsAndProvenance() throws IOException {
		final Path file = fixture("ynet_b1.pt");
		final WeightImporter.Imported w = WeightImporter.read(file, WeightImporter.Options
			.defaults());
		final Path dir = tmp.getRoot().toPath().resolve("imported");
		WeightImporter.toBundle(w, dir, Device.cpu());
		try (ModelBundle b = ModelBundle.load(dir, Device.cpu())) {
			final float[][] out = run(b.model());
			assertTrue(maxAbs(floats("ynet_b1.seg.f32"), out[0]) < TOLERANCE);
			assertEquals("ynet_b1.pt", b.description().provenance().get("sourceFile"));
			assertEquals(Sha256.of(file), b.description().provenance().get("sourceSha256"));
			assertEquals(12.0, ((Number) b.description().provenance().get("source_epoch"))
				.doubleValue(), 0);
			assertEquals("imported", b.description().pretext());
			assertArrayEquals(new int[] { 64, 64, 32 }, b.description().patch());
		}
	}

	@Test
	public void kerasWeightsIntoThePytorchFlavourTransferTheConvolutionUnits() throws IOException {
		final WeightImporter.Imported w = WeightImporter.read(fixture("ynet_keras_b2.h5"),
			new WeightImporter.Options(Flavour.PYTORCH, null));
		assertEquals(Flavour.PYTORCH, w.config().flavour());
		assertEquals(0, w.config().numClasses());
		// 14 units x 6 + final 2 mapped; 3 up-convolutions x 2 missing; the head skipped
		assertEquals(86, w.report().mapped().size());
		assertEquals(6, w.report().missing().size());
		assertTrue(w.report().isMapped("up_tr64.ops.1.bn1.running_var"));
		assertTrue(w.report().skipped().stream().anyMatch(e -> e.source().equals("cls_fc/kernel")));
	}

	@Test
	public void wrongShapeNamesTheTensor() {
		try {
			WeightImporter.read(fixture("wrong_shape_b1.pt"), WeightImporter.Options.defaults());
			fail("wrong shape accepted");
		}
		catch (final IOException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains(
				"tensor down_tr128.ops.0.conv1.weight has shape [2, 3, 3, 3, 3]"));
			assertTrue(ex.getMessage(), ex.getMessage().contains("needs (2, 2, 3, 3, 3)"));
		}
	}

	@Test
	public void missingKeyNamesTheTensor() {
		try {
			WeightImporter.read(fixture("missing_key_b1.pt"), WeightImporter.Options.defaults());
			fail("missing tensor accepted");
		}
		catch (final IOException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains(
				"tensor up_tr64.ops.1.bn1.running_var is missing"));
		}
	}

	@Test
	public void shortStorageNamesTheTensor() throws IOException {
		// the archive is intact but storage 0 (down_tr64.ops.0.conv1.weight, 27 floats) lost bytes
		final Path cut = tmp.getRoot().toPath().resolve("short.pt");
		try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(fixture("ynet_b1.pt").toFile());
			java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files
				.newOutputStream(cut)))
		{
			for (final java.util.zip.ZipEntry e : java.util.Collections.list(in.entries())) {
				byte[] b = in.getInputStream(e).readAllBytes();
				if (e.getName().endsWith("/data/0")) b = java.util.Arrays.copyOf(b, 40);
				out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
				out.write(b);
				out.closeEntry();
			}
		}
		try {
			WeightImporter.read(cut, WeightImporter.Options.defaults());
			fail("short storage accepted");
		}
		catch (final IOException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains(
				"tensor state_dict.module.down_tr64.ops.0.conv1.weight: storage 0 holds 40 bytes, needs 108"));
		}
	}

	@Test
	public void truncatedFilesGiveClearErrors() throws IOException {
		for (final String name : List.of("ynet_b1.pt", "unet_b2_legacy.pt", "ynet_keras_b2.h5")) {
			final byte[] all = Files.readAllBytes(fixture(name));
			final Path cut = tmp.getRoot().toPath().resolve("cut-" + name);
			Files.write(cut, java.util.Arrays.copyOf(all, all.length * 2 / 3));
			try {
				WeightImporter.read(cut, WeightImporter.Options.defaults());
				fail(name + ": truncated file accepted");
			}
			catch (final IOException ex) {
				assertTrue(name + ": " + ex.getMessage(), ex.getMessage().startsWith(cut.toString()));
				assertTrue(name + ": " + ex.getMessage(), ex.getMessage().contains("truncated"));
			}
		}
	}
}
