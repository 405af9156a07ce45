package org.transvw.network;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.transvw.common.AtomicFiles;
import org.transvw.common.Checks;
import org.transvw.common.Sha256;
import org.transvw.data.io.OutputFolder;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * A trained (or imported) network on disk: a folder with {@code model.json}
 * ({@link BundleDescription}, gson) and {@code weights.params} (DJL's parameter stream, as
 * written by {@code Block.saveParameters}; the payload of DJL's {@code .params} files). Issue 8
 * item 4.
 * <p>
 * Saving writes the files into the folder, each atomically (weights first, then the
 * {@link ModelCard} as {@value ModelCard#FILE}; model.json, which holds the weights' SHA-256 and
 * the card's facts as its {@code card} object, last, so an interrupted save is detected on
 * loading), through
 * the {@link OutputFolder} guard: other files in the folder stay, and a file of the same name that
 * TransVW did not write is never replaced. Loading
 * rebuilds the {@link UNet3d} from the description and checks every tensor's shape against it
 * (DJL's own load would silently take the file's shapes) and the weights' SHA-256.
 * <p>
 * {@link #transferInto} moves encoder (and optionally decoder) weights into a network with a
 * different head, reporting what was and was not transferred.
 */
public final class ModelBundle implements AutoCloseable {

	public static final String DESCRIPTION = "model.json";
	public static final String WEIGHTS = "weights.params";
	/** Provenance key of the weights' SHA-256, written by {@link #save}. */
	public static final String WEIGHTS_SHA256 = "weightsSha256";
	/** The files of a bundle folder (what a command declares to {@link OutputFolder#prepare}). */
	public static final List<String> FILES = List.of(DESCRIPTION, WEIGHTS, ModelCard.FILE);

	private final Path folder;
	private final Model model;
	private final UNet3d block;
	private final BundleDescription description;

	private ModelBundle(final Path folder, final Model model, final BundleDescription d) {
		this.folder = folder;
		this.model = model;
		this.block = (UNet3d) model.getBlock();
		this.description = d;
	}

	/**
	 * Writes {@code model}'s {@link UNet3d} and {@code d} into {@code dir} (created if missing);
	 * other files in {@code dir} are left alone.
	 *
	 * @throws IllegalArgumentException if the block is not an initialised UNet3d matching d
	 * @throws IOException also if {@code dir} holds a model.json or weights.params that TransVW
	 *           did not write
	 */
	public static void save(final Path dir, final Model model, final BundleDescription d)
		throws IOException
	{
		Checks.notNull(dir, "dir");
		Checks.notNull(d, "description");
		Checks.require(model != null && model.getBlock() instanceof UNet3d, "model",
			"a model whose block is a UNet3d");
		final UNet3d net = (UNet3d) model.getBlock();
		Checks.require(net.isInitialized(), "model", "an initialised network");
		Checks.require(net.config().equals(d.network()), "description", "the network's config " +
			net.config() + ", got " + d.network());
		final OutputFolder out = OutputFolder.at(dir);
		final Path weights = out.claim(WEIGHTS);
		out.claim(ModelCard.FILE);
		out.claim(DESCRIPTION);
		AtomicFiles.write(weights, os -> {
			final DataOutputStream dos = new DataOutputStream(os);
			net.saveParameters(dos);
			dos.flush();
		});
		final BundleDescription withHash = d.withProvenance(Map.of(WEIGHTS_SHA256, Sha256.of(
			weights)));
		out.writeString(ModelCard.FILE, ModelCard.of(withHash).markdown());
		out.write(DESCRIPTION, os -> os.write(withHash.toJson().getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Opens a bundle folder: the model lives on {@code device} until {@link #close()}.
	 *
	 * @throws IOException naming the file, or the tensor whose shape does not match model.json
	 */
	public static ModelBundle load(final Path dir, final Device device) throws IOException {
		Checks.notNull(dir, "dir");
		final Path json = dir.resolve(DESCRIPTION);
		final Path weights = dir.resolve(WEIGHTS);
		if (!Files.isRegularFile(json) || !Files.isRegularFile(weights)) throw new IOException(
			"bundle " + dir + ": expected a folder with " + DESCRIPTION + " and " + WEIGHTS);
		final BundleDescription d;
		try {
			d = BundleDescription.fromJson(Files.readString(json, StandardCharsets.UTF_8));
		}
		catch (final RuntimeException ex) {
			throw new IOException(json + ": not a valid bundle description: " + ex.getMessage(), ex);
		}
		final Object hash = d.provenance().get(WEIGHTS_SHA256);
		if (hash != null && !hash.equals(Sha256.of(weights))) throw new IOException(weights +
			": SHA-256 differs from " + DESCRIPTION + " (truncated or replaced file)");
		final Model model = Model.newInstance("transvw", device, "PyTorch");
		try {
			final UNet3d net = UNet3d.of(d.network());
			model.setBlock(net);
			try (InputStream is = Files.newInputStream(weights);
				DataInputStream dis = new DataInputStream(new BufferedInputStream(is)))
			{
				net.loadParameters(model.getNDManager(), dis);
			}
			catch (final MalformedModelException | IOException | RuntimeException ex) {
				throw new IOException(weights + ": cannot read the weights for " + d.network() +
					": " + ex.getMessage(), ex);
			}
			checkShapes(net, weights);
			return new ModelBundle(dir, model, d);
		}
		catch (final IOException | RuntimeException ex) {
			model.close();
			throw ex;
		}
	}

	/** A fresh, initialised model for {@code config} on {@code device} (caller closes it). */
	public static Model newModel(final UNet3dConfig config, final Device device) {
		final Model model = Model.newInstance("transvw", device, "PyTorch");
		final UNet3d net = UNet3d.of(config);
		model.setBlock(net);
		final int m = net.requiredMultiple();
		net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, config.inChannels(), m,
			m, m));
		return model;
	}

	/**
	 * Copies the encoder (and with {@code decoder} the up path and final convolution) of
	 * {@code src} into {@code target} by name and shape. Heads are never transferred. Both must
	 * be the same flavour and width; BN statistics travel with their layer.
	 */
	public static TransferReport transferInto(final ModelBundle src, final UNet3d target,
		final boolean decoder)
	{
		Checks.notNull(src, "source");
		Checks.require(target != null && target.isInitialized(), "target",
			"an initialised UNet3d");
		final UNet3dConfig sc = src.block().config();
		Checks.require(sc.flavour() == target.config().flavour(), "target", "the bundle's flavour " +
			sc.flavour() + ", got " + target.config().flavour());
		final Map<String, Parameter> from = src.block().namedParameters();
		final TransferReport r = new TransferReport();
		final Set<String> used = new HashSet<>();
		for (final Map.Entry<String, Parameter> e : target.namedParameters().entrySet()) {
			final String key = e.getKey();
			final String layer = key.substring(0, key.lastIndexOf('.'));
			final Shape ts = e.getValue().getArray().getShape();
			final boolean wanted = target.isEncoderLayer(layer) || decoder && target
				.isDecoderLayer(layer);
			final Parameter s = from.get(key);
			if (!wanted) {
				r.missing(key, ts, target.isDecoderLayer(layer) ? "decoder not requested"
					: "head: not transferred");
				continue;
			}
			if (s == null) {
				r.missing(key, ts, "not in the bundle");
				continue;
			}
			final Shape ss = s.getArray().getShape();
			if (!ss.equals(ts)) {
				r.missing(key, ts, "bundle shape " + ss + " differs");
				continue;
			}
			e.getValue().getArray().set(s.getArray().toByteBuffer());
			used.add(key);
			r.mapped(key, ss, key, ts, "");
		}
		from.forEach((k, p) -> {
			if (!used.contains(k)) r.skipped(k, p.getArray().getShape(), "not transferred");
		});
		return r;
	}

	public Model model() {
		return model;
	}

	public UNet3d block() {
		return block;
	}

	public BundleDescription description() {
		return description;
	}

	/** The folder this bundle was loaded from. */
	public Path folder() {
		return folder;
	}

	@Override
	public void close() {
		model.close();
	}

	private static void checkShapes(final UNet3d net, final Path weights) throws IOException {
		final Map<String, Shape> expected = net.parameterShapes();
		final Map<String, Parameter> actual = net.namedParameters();
		for (final Map.Entry<String, Shape> e : expected.entrySet()) {
			final Parameter p = actual.get(e.getKey());
			if (p == null || !p.isInitialized()) throw new IOException(weights + ": tensor " + e
				.getKey() + " is missing");
			final Shape s = p.getArray().getShape();
			if (!s.equals(e.getValue())) throw new IOException(weights + ": tensor " + e.getKey() +
				" has shape " + s + ", model.json's network needs " + e.getValue());
		}
	}
}
