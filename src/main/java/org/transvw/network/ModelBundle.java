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
 * rebuilds the network ({@link UNet3d}, or a 2D {@link UNet2d} / {@link ResNet18UNet2d}) from the
 * description and checks every tensor's shape against it
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
	private final ImageNetwork network;
	private final BundleDescription description;

	private ModelBundle(final Path folder, final Model model, final BundleDescription d) {
		this.folder = folder;
		this.model = model;
		this.network = (ImageNetwork) model.getBlock();
		this.description = d;
	}

	/**
	 * Writes {@code model}'s network ({@link ImageNetwork}) and {@code d} into {@code dir} (created
	 * if missing); other files in {@code dir} are left alone.
	 *
	 * @throws IllegalArgumentException if the block is not an initialised network matching d
	 * @throws IOException also if {@code dir} holds a model.json or weights.params that TransVW
	 *           did not write
	 */
	public static void save(final Path dir, final Model model, final BundleDescription d)
		throws IOException
	{
		Checks.notNull(dir, "dir");
		Checks.notNull(d, "description");
		Checks.require(model != null && model.getBlock() instanceof ImageNetwork, "model",
			"a model whose block is a TransVW network (UNet3d, UNet2d, ResNet18UNet2d)");
		final ImageNetwork network = (ImageNetwork) model.getBlock();
		final ai.djl.nn.Block net = network.asBlock();
		Checks.require(net.isInitialized(), "model", "an initialised network");
		Checks.require(network.config().equals(d.network()), "description", "the network's config " +
			network.config() + ", got " + d.network());
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
			final ImageNetwork network = d.network().build();
			final ai.djl.nn.Block net = network.asBlock();
			model.setBlock(net);
			// a 2D network's shapes come from its initialised blocks: initialise before loading
			final Map<String, Shape> expected = network instanceof UNet3d u ? u.parameterShapes()
				: initialisedShapes(model, network);
			try (InputStream is = Files.newInputStream(weights);
				DataInputStream dis = new DataInputStream(new BufferedInputStream(is)))
			{
				net.loadParameters(model.getNDManager(), dis);
			}
			catch (final MalformedModelException | IOException | RuntimeException ex) {
				throw new IOException(weights + ": cannot read the weights for " + d.network() +
					": " + ex.getMessage(), ex);
			}
			checkShapes(expected, network, weights);
			return new ModelBundle(dir, model, d);
		}
		catch (final IOException | RuntimeException ex) {
			model.close();
			throw ex;
		}
	}

	/** A fresh, initialised model for {@code config} on {@code device} (caller closes it). */
	public static Model newModel(final NetworkConfig config, final Device device) {
		final Model model = Model.newInstance("transvw", device, "PyTorch");
		final ImageNetwork net = config.build();
		model.setBlock(net.asBlock());
		initialise(model, net);
		return model;
	}

	private static void initialise(final Model model, final ImageNetwork net) {
		final long m = net.requiredMultiple();
		final long c = net.config().inChannels();
		net.asBlock().initialize(model.getNDManager(), DataType.FLOAT32, net
			.spatialDimensions() == 3 ? new Shape(1, c, m, m, m) : new Shape(1, c, m, m));
	}

	private static Map<String, Shape> initialisedShapes(final Model model,
		final ImageNetwork net)
	{
		initialise(model, net);
		final Map<String, Shape> m = new java.util.LinkedHashMap<>();
		net.namedParameters().forEach((k, p) -> m.put(k, p.getArray().getShape()));
		return m;
	}

	/**
	 * Copies the encoder (and with {@code decoder} the up path and final convolution) of
	 * {@code src} into {@code target} by name and shape. Heads are never transferred. Both must
	 * be the same flavour and width; BN statistics travel with their layer.
	 */
	public static TransferReport transferInto(final ModelBundle src, final ImageNetwork target,
		final boolean decoder)
	{
		Checks.notNull(src, "source");
		Checks.require(target != null && target.asBlock().isInitialized(), "target",
			"an initialised network");
		final NetworkConfig sc = src.network().config();
		Checks.require(sc.choice() == target.config().choice(), "target", "the bundle's network " +
			sc.choice().key() + ", got " + target.config().choice().key());
		if (sc instanceof UNet3dConfig s3 && target.config() instanceof UNet3dConfig t3) Checks
			.require(s3.flavour() == t3.flavour(), "target", "the bundle's flavour " + s3.flavour() +
				", got " + t3.flavour());
		final Map<String, Parameter> from = src.network().namedParameters();
		final TransferReport r = new TransferReport();
		final Set<String> used = new HashSet<>();
		for (final Map.Entry<String, Parameter> e : target.namedParameters().entrySet()) {
			final String key = e.getKey();
			final Shape ts = e.getValue().getArray().getShape();
			final boolean wanted = target.inEncoder(key) || decoder && target.inDecoder(key);
			final Parameter s = from.get(key);
			if (!wanted) {
				r.missing(key, ts, target.inDecoder(key) ? "decoder not requested"
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

	/**
	 * The 3D U-Net of a volume bundle.
	 *
	 * @throws IllegalArgumentException naming {@code bundle} for a 2D network's bundle
	 */
	public UNet3d block() {
		if (network instanceof UNet3d u) return u;
		NetworkChoice.requireDimensions("bundle", "unet3d", 3, network.spatialDimensions());
		throw new IllegalStateException("unreachable");
	}

	/** The network, whatever its dimensionality. */
	public ImageNetwork network() {
		return network;
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

	private static void checkShapes(final Map<String, Shape> expected, final ImageNetwork net,
		final Path weights) throws IOException
	{
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
