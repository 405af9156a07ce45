package org.transvw.network.export;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.common.RandomStreams;
import org.transvw.common.Sha256;
import org.transvw.data.IntensityMap;
import org.transvw.data.IntensityRecipe;
import org.transvw.network.weights.TorchCheckpoint;
import org.transvw.network.weights.WeightTensor;

import net.imglib2.img.array.ArrayImgs;

/**
 * The file formats of the BioImage.IO export, engine-free: the torch.save zip (read back by our
 * restricted reader, stored entries aligned to 64 bytes, deterministic), NPY v1, the PNG cover,
 * the ConvTranspose3d layout and the preprocessing in the spec's terms.
 */
public class ExportFormatsTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static float[] random(final int n, final long seed) {
		final RandomStreams r = RandomStreams.seeded(seed);
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) r.nextGaussian();
		return v;
	}

	@Test
	public void torchZipIsReadBackWithValuesShapesAndDtypes() throws IOException {
		// setup
		final Map<String, WeightTensor> sd = new LinkedHashMap<>();
		sd.put("a.weight", WeightTensor.of(new long[] { 3, 2, 1, 1, 1 }, random(6, 1)));
		sd.put("a.bias", WeightTensor.of(new long[] { 3 }, random(3, 2)));
		sd.put("bn.num_batches_tracked", new WeightTensor("int64", new long[0], null));
		sd.put("big", WeightTensor.of(new long[] { 300, 301 }, random(300 * 301, 3)));
		final Path f = tmp.getRoot().toPath().resolve("w.pt");
		// process
		TorchZipWriter.write(sd, f);
		final TorchCheckpoint back = TorchCheckpoint.read(f);
		// test
		assertEquals("torch-zip", back.format());
		final Map<?, ?> m = (Map<?, ?>) back.objects();
		assertEquals(List.copyOf(sd.keySet()), List.copyOf(m.keySet()));
		for (final String k : List.of("a.weight", "a.bias", "big")) {
			final WeightTensor t = (WeightTensor) m.get(k);
			assertArrayEquals(k, sd.get(k).shape(), t.shape());
			assertArrayEquals(k, sd.get(k).values(), t.values(), 0);
		}
		final WeightTensor counter = (WeightTensor) m.get("bn.num_batches_tracked");
		assertEquals("int64", counter.dtype());
		assertEquals(0, counter.shape().length);
		// same input, same bytes
		final Path g = tmp.getRoot().toPath().resolve("w2.pt");
		TorchZipWriter.write(sd, g);
		assertEquals(Sha256.of(f), Sha256.of(g));
	}

	@Test
	public void torchZipStoresEntriesUncompressedAndAligned() throws IOException {
		final Map<String, WeightTensor> sd = new LinkedHashMap<>();
		sd.put("x", WeightTensor.of(new long[] { 5 }, random(5, 4)));
		sd.put("y", WeightTensor.of(new long[] { 7, 3 }, random(21, 5)));
		final Path f = tmp.getRoot().toPath().resolve("w.pt");
		TorchZipWriter.write(sd, f);
		final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
		final List<String> names = new java.util.ArrayList<>();
		int pos = 0;
		while (b.getInt(pos) == 0x04034b50) {
			final int method = b.getShort(pos + 8), size = b.getInt(pos + 18);
			final int nameLength = b.getShort(pos + 26), extraLength = b.getShort(pos + 28);
			final String name = new String(b.array(), pos + 30, nameLength, StandardCharsets.UTF_8);
			final int data = pos + 30 + nameLength + extraLength;
			names.add(name);
			assertEquals(name + " stored", 0, method);
			assertEquals(name + " data offset " + data, 0, data % 64);
			pos = data + size;
		}
		assertEquals(List.of("archive/data.pkl", "archive/byteorder", "archive/data/0",
			"archive/data/1", "archive/version"), names);
		// storage 1 holds y little-endian
		assertEquals(sd.get("y").values()[0], b.getFloat(offsetOf(b, "archive/data/1")), 0);
	}

	private static int offsetOf(final ByteBuffer b, final String entry) {
		int pos = 0;
		while (true) {
			final int nameLength = b.getShort(pos + 26), extraLength = b.getShort(pos + 28);
			final String name = new String(b.array(), pos + 30, nameLength, StandardCharsets.UTF_8);
			final int data = pos + 30 + nameLength + extraLength;
			if (name.equals(entry)) return data;
			pos = data + b.getInt(pos + 18);
		}
	}

	@Test
	public void npyHasNumpysV1HeaderAndRoundTrips() throws IOException {
		final float[] v = random(24, 6);
		final byte[] bytes = new Npy(new long[] { 1, 2, 3, 4 }, v).encode();
		final int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN)
			.getShort();
		assertEquals("data aligned to 64", 0, (10 + headerLength) % 64);
		final String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
		assertTrue(header, header.startsWith(
			"{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3, 4), }") && header.endsWith(
				"\n"));
		assertEquals(1, bytes[6]);
		assertEquals(v[0], ByteBuffer.wrap(bytes, 10 + headerLength, 4).order(
			ByteOrder.LITTLE_ENDIAN).getFloat(), 0);
		final Npy back = Npy.decode(bytes, "t.npy");
		assertArrayEquals(new long[] { 1, 2, 3, 4 }, back.shape());
		assertArrayEquals(v, back.values(), 0);
		assertThrows(IOException.class, () -> Npy.decode(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9,
			10, 11 }, "bad.npy"));
	}

	@Test
	public void upConvBecomesTheConvTransposeWeightTheImportMapsBack() {
		// setup: W (in 3, out 2, 2, 2, 2) and our layout as the import builds it
		final WeightTensor w = WeightTensor.of(new long[] { 3, 2, 2, 2, 2 }, random(48, 7));
		final WeightTensor ours = w.permute(1, 2, 3, 4, 0).reshape(16, 3, 1, 1, 1);
		// process
		final WeightTensor back = StateDictExport.toConvTranspose(ours);
		// test
		assertArrayEquals(w.shape(), back.shape());
		assertArrayEquals(w.values(), back.values(), 0);
	}

	@Test
	public void preprocessingReproducesTheNormalisation() {
		final IntensityMap ct = IntensityRecipe.ctWindow(-1000, 400).resolve(ArrayImgs.floats(1));
		final List<Map<String, Object>> steps = BioImageIoRdf.preprocessing(ct.recipe());
		assertEquals(List.of("ensure_dtype", "clip", "scale_linear"), steps.stream().map(s -> s.get(
			"id")).toList());
		final Map<?, ?> clip = (Map<?, ?>) steps.get(1).get("kwargs");
		final Map<?, ?> lin = (Map<?, ?>) steps.get(2).get("kwargs");
		for (final double hu : new double[] { -3000, -1000, -200, 0, 400, 2000 }) {
			final double c = Math.min((Double) clip.get("max"), Math.max((Double) clip.get("min"), hu));
			assertEquals(ct.apply(hu), (Double) lin.get("gain") * c + (Double) lin.get("offset"), 1e-6);
		}
		final List<Map<String, Object>> pct = BioImageIoRdf.preprocessing(IntensityRecipe
			.percentile(0.5, 99.5));
		assertEquals(List.of("ensure_dtype", "scale_range", "clip"), pct.stream().map(s -> s.get(
			"id")).toList());
		assertEquals(99.5, ((Map<?, ?>) pct.get(1).get("kwargs")).get("max_percentile"));
		assertEquals(1, BioImageIoRdf.preprocessing(IntensityRecipe.none()).size());
	}

	@Test
	public void yamlRoundTripsAndRefusesTags() {
		final Map<String, Object> m = BioImageIoRdf.kw("format_version", "0.5.3", "version", "1.13",
			"n", 8, "x", 5.0E-4, "l", List.of("a", "b"));
		final Map<String, Object> back = BioImageIoRdf.parse(BioImageIoRdf.dump(m));
		assertEquals(m, back);
		assertThrows(RuntimeException.class, () -> BioImageIoRdf.parse(
			"x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]"));
		assertNull(BioImageIoRdf.get(back, "n", "deeper"));
	}

	@Test
	public void coverIsAnRgbPngOfAspectTwoToOne() throws IOException {
		final int w = 16, h = 16;
		final float[] img = random(w * h, 8), p = new float[w * h];
		p[5 * w + 7] = 1;
		final byte[] png = CoverImage.png(img, p, w, h);
		final BufferedImage bi = ImageIO.read(new ByteArrayInputStream(png));
		assertEquals(2 * bi.getHeight(), bi.getWidth());
		assertTrue(bi.getHeight() >= CoverImage.MIN_HEIGHT);
		final int s = bi.getHeight() / h;
		// left panel grey, right panel red where p = 1
		final int left = bi.getRGB(7 * s, 5 * s), right = bi.getRGB((w + 7) * s, 5 * s);
		assertEquals((left >> 16) & 0xff, left & 0xff);
		assertTrue(Integer.toHexString(right), ((right >> 16) & 0xff) > (right & 0xff));
	}
}
