package org.transvw.network.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.transvw.common.Checks;
import org.transvw.common.Sha256;
import org.transvw.data.io.OutputFolder;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;
import org.transvw.network.ModelCard;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Writes a segmentation bundle as a BioImage.IO model package (model spec 0.5; issue 17): a zip
 * with {@code rdf.yaml} ({@link BioImageIoRdf}), the weights as a {@code torch.save} state dict
 * ({@link TorchZipWriter}, {@link StateDictExport}) with the architecture as Python source, the
 * test tensors as {@code .npy} ({@link Npy}; input raw, output = our network on the normalised
 * input), a cover ({@link CoverImage}), the {@link ModelCard} as documentation and the bundle's
 * {@code model.json} as an attachment (what {@link BioImageIoImporter} reads back). Every file with
 * a {@code sha256} field in the spec carries its hash.
 * <pre>{@code
 * BioImageIoExporter.export(bundle, sample, new Metadata("Lung lesions", "...", List.of("A. Author"),
 * 	"CC-BY-4.0"), Path.of("lesions.bioimage.io.zip"));
 * }</pre>
 * The zip is written atomically through the {@link OutputFolder} guard of its folder (recorded as
 * TransVW's; a file of that name TransVW did not write is refused); nothing else is touched.
 */
public final class BioImageIoExporter {

	public static final String RDF = "rdf.yaml", WEIGHTS = "weights.pt", TEST_INPUT =
		"test_input.npy", TEST_OUTPUT = "test_output.npy", COVER = "cover.png";
	/** The PyTorch version the exported files were checked with (Debian's python3-torch). */
	public static final String PYTORCH_VERSION = "1.13";

	/**
	 * What the package says about itself.
	 *
	 * @param license SPDX identifier of the weights' licence, e.g. CC-BY-4.0
	 */
	public record Metadata(String name, String description, List<String> authors,
		String license)
	{

		public Metadata {
			Checks.require(name != null && !name.isBlank(), "name", "a model name");
			Checks.require(description != null && !description.isBlank(), "description",
				"a one-sentence description");
			Checks.require(authors != null && authors.stream().anyMatch(a -> a != null && !a
				.isBlank()), "authors", "at least one author name");
			authors = authors.stream().filter(a -> a != null && !a.isBlank()).map(String::trim)
				.toList();
			Checks.require(license != null && license.matches("[A-Za-z0-9.+-]+"), "license",
				"an SPDX licence identifier such as CC-BY-4.0 or BSD-2-Clause, got " + license);
		}
	}

	/** What was written: the zip, and every packaged file with its SHA-256. */
	public record Export(Path zip, Map<String, String> sha256) {}

	private BioImageIoExporter() {}

	/**
	 * Exports {@code bundle} tested on {@code sample} to {@code zip}.
	 *
	 * @throws IllegalArgumentException for a Keras-flavour network or a sample the network
	 *           cannot take
	 */
	public static Export export(final ModelBundle bundle, final TestSample sample,
		final Metadata meta, final Path zip) throws IOException
	{
		Checks.notNull(bundle, "bundle");
		Checks.notNull(sample, "test sample");
		Checks.notNull(meta, "metadata");
		final UNet3dConfig net = bundle.block().config().withNumClasses(0);
		final Map<String, Object> kwargs = StateDictExport.kwargs(net);
		final BundleDescription d = bundle.description();
		final int[] s = sample.size();
		final float[] out = predict(bundle.block(), bundle.model().getNDManager(), sample
			.normalized(), s);
		final int channels = out.length / sample.raw().length;
		final Map<String, byte[]> files = new LinkedHashMap<>();
		files.put(WEIGHTS, TorchZipWriter.bytes(StateDictExport.of(bundle.block())));
		files.put(StateDictExport.ARCHITECTURE_FILE, StateDictExport.architectureSource());
		files.put(TEST_INPUT, new Npy(new long[] { 1, 1, s[2], s[1], s[0] }, TestSample.toZyx(sample
			.raw(), 1, s)).encode());
		files.put(TEST_OUTPUT, new Npy(new long[] { 1, channels, s[2], s[1], s[0] }, TestSample
			.toZyx(out, channels, s)).encode());
		files.put(COVER, cover(sample, out, channels));
		files.put(ModelCard.FILE, new ModelCard(meta.name(), d, meta.license()).markdown().getBytes(
			StandardCharsets.UTF_8));
		files.put(ModelBundle.DESCRIPTION, d.toJson().getBytes(StandardCharsets.UTF_8));
		final Map<String, String> sha = new LinkedHashMap<>();
		files.forEach((f, bytes) -> sha.put(f, Sha256.of(bytes)));
		final byte[] rdf = BioImageIoRdf.dump(rdf(d, net, kwargs, sample, channels, meta, sha))
			.getBytes(StandardCharsets.UTF_8);
		final Map<String, String> all = new LinkedHashMap<>();
		all.put(RDF, Sha256.of(rdf));
		all.putAll(sha);
		final Path abs = zip.toAbsolutePath();
		OutputFolder.at(abs.getParent()).write(abs.getFileName().toString(), os -> {
			try (ZipOutputStream z = new ZipOutputStream(os)) {
				entry(z, RDF, rdf);
				for (final Map.Entry<String, byte[]> e : files.entrySet())
					entry(z, e.getKey(), e.getValue());
			}
		});
		return new Export(abs, all);
	}

	private static void entry(final ZipOutputStream z, final String name, final byte[] data)
		throws IOException
	{
		z.putNextEntry(new ZipEntry(name));
		z.write(data);
		z.closeEntry();
	}

	/**
	 * The network's first output for one tile, (C, x, y, z) in tensor order; inference mode (the
	 * bundle's batch-norm mode applies, with a batch of one).
	 */
	public static float[] predict(final UNet3d block, final NDManager manager, final float[] tile,
		final int[] size)
	{
		try (NDManager m = manager.newSubManager()) {
			final NDArray x = m.create(tile, new Shape(1, 1, size[0], size[1], size[2]));
			return block.forward(new ParameterStore(m, false), new NDList(x), false).get(0)
				.toFloatArray();
		}
	}

	private static Map<String, Object> rdf(final BundleDescription d, final UNet3dConfig net,
		final Map<String, Object> kwargs, final TestSample sample, final int channels,
		final Metadata meta, final Map<String, String> sha)
	{
		final Map<String, Object> r = new LinkedHashMap<>();
		r.put("format_version", BioImageIoRdf.FORMAT_VERSION);
		r.put("type", "model");
		r.put("name", meta.name());
		r.put("description", meta.description());
		final List<Map<String, Object>> authors = new ArrayList<>();
		for (final String a : meta.authors())
			authors.add(BioImageIoRdf.kw("name", a));
		r.put("authors", authors);
		r.put("cite", List.of(BioImageIoRdf.kw("text", ModelCard.CITATION, "doi",
			ModelCard.CITATION_DOI, "url", ModelCard.CITATION_URL)));
		r.put("license", meta.license());
		r.put("documentation", ModelCard.FILE);
		r.put("covers", List.of(COVER));
		r.put("tags", List.of("transvw", "3d", "semantic-segmentation", "unet", "pytorch",
			"self-supervised", d.normalization().kind()));
		r.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		final List<String> outNames = new ArrayList<>();
		for (int c = 0; c < channels; c++)
			outNames.add(channels == 1 ? "foreground" : "class" + c);
		final Map<String, Object> in = BioImageIoRdf.kw("id", BioImageIoRdf.INPUT_ID, "description",
			"raw " + d.normalization().kind() + " intensities (the preprocessing normalises them)",
			"axes", BioImageIoRdf.axes(List.of("raw"), BioImageIoRdf.parameterisedSizes(), sample
				.spacing()), "test_tensor", BioImageIoRdf.file(TEST_INPUT, sha.get(TEST_INPUT)), "data",
			BioImageIoRdf.kw("type", "float32"), "preprocessing", BioImageIoRdf.preprocessing(d
				.normalization()));
		r.put("inputs", List.of(in));
		final Map<String, Object> out = BioImageIoRdf.kw("id", BioImageIoRdf.OUTPUT_ID,
			"description", channels == 1 ? "foreground probability (sigmoid)" : "class probabilities (" +
				net.output().name().toLowerCase(Locale.ROOT) + ")", "axes", BioImageIoRdf.axes(outNames,
					BioImageIoRdf.sizesOfInput(), sample.spacing()), "test_tensor", BioImageIoRdf.file(
						TEST_OUTPUT, sha.get(TEST_OUTPUT)), "data", net.output() == OutputActivation.NONE
							? BioImageIoRdf.kw("type", "float32") : BioImageIoRdf.kw("type", "float32", "range",
								List.of(0.0, 1.0)));
		r.put("outputs", List.of(out));
		final Map<String, Object> arch = BioImageIoRdf.kw("source", StateDictExport.ARCHITECTURE_FILE,
			"sha256", sha.get(StateDictExport.ARCHITECTURE_FILE), "callable", StateDictExport.CALLABLE,
			"kwargs", kwargs);
		r.put("weights", BioImageIoRdf.kw("pytorch_state_dict", BioImageIoRdf.kw("source", WEIGHTS,
			"sha256", sha.get(WEIGHTS), "architecture", arch, "pytorch_version", PYTORCH_VERSION)));
		r.put("attachments", List.of(BioImageIoRdf.file(ModelBundle.DESCRIPTION, sha.get(
			ModelBundle.DESCRIPTION))));
		r.put("config", BioImageIoRdf.kw("transvw", BioImageIoRdf.kw("bundle", ModelBundle.DESCRIPTION,
			"trainingPatchXyz", java.util.Arrays.stream(d.patch()).boxed().toList(), "pretext", d
				.pretext(), "note", "tensors are (batch, channel, z, y, x); the network itself works " +
					"on (x, y, z) and the module transposes")));
		return r;
	}

	/** The middle z slice of the normalised input and its foreground probability. */
	private static byte[] cover(final TestSample sample, final float[] out, final int channels) {
		final int[] s = sample.size();
		final int z = s[2] / 2;
		final float[] img = new float[s[0] * s[1]], p = new float[img.length];
		for (int y = 0; y < s[1]; y++)
			for (int x = 0; x < s[0]; x++) {
				final int i = (x * s[1] + y) * s[2] + z;
				img[y * s[0] + x] = sample.normalized()[i];
				p[y * s[0] + x] = channels == 1 ? out[i] : 1 - out[i];
			}
		// channel 0: the foreground (binary) or the background (softmax)
		return CoverImage.png(img, p, s[0], s[1]);
	}
}
