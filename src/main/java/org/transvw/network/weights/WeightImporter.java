package org.transvw.network.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.transvw.common.Checks;
import org.transvw.common.Sha256;
import org.transvw.data.IntensityRecipe;
import org.transvw.network.BatchNormMode;
import org.transvw.network.BundleDescription;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.TransferReport;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Imports the released TransVW / Models Genesis weights (method.md §7; issue 7) into a
 * {@link UNet3d} without Python and without executing the file: {@code torch.save} zip or legacy
 * files through {@link TorchCheckpoint} (restricted unpickler), Keras HDF5 through
 * {@link KerasH5Reader}. The network's width, channels, skips and head are read from the
 * tensors; every tensor is mapped, skipped or reported missing ({@link TransferReport}), and a
 * missing or wrongly shaped tensor of the file's own flavour is an error naming it, except the
 * decoder of an encoder-only file (e.g. a TransVW {@code ClassificationNet3D} checkpoint): it
 * starts fresh, the report says so and the provenance holds {@value #ENCODER_ONLY} = true.
 * Training checkpoints are read as the TransVW script writes them (numpy scalars included); their
 * optimiser state is skipped without reading its tensors.
 *
 * <pre>{@code
 * Imported w = WeightImporter.read(Path.of("TransVW_chest_ct.pt"), WeightImporter.Options.defaults());
 * WeightImporter.toBundle(w, Path.of("transvw-bundle"), Device.cpu());
 * }</pre>
 */
public final class WeightImporter {

	/** Provenance key set to true when the file held an encoder only (the decoder is fresh). */
	public static final String ENCODER_ONLY = "encoderOnly";

	/** Top-level checkpoint entries of training state, whose tensors are skipped unread. */
	static final Set<String> TRAINING_STATE = Set.of("optimizer_state_dict", "optimizer",
		"scheduler", "lr_scheduler", "scaler");

	/** Patch size the released models were trained on (method.md §5). */
	public static final int[] REFERENCE_PATCH = { 64, 64, 32 };

	/**
	 * @param flavour target flavour; null = the file's own (a different flavour transfers the
	 *          convolution units only; learned up-sampling and heads stay initial)
	 * @param batchNormMode null = the reference's: BATCH for PyTorch, RUNNING for Keras
	 */
	public record Options(Flavour flavour, BatchNormMode batchNormMode) {

		/** The file's flavour and the reference batch-norm behaviour. */
		public static Options defaults() {
			return new Options(null, null);
		}
	}

	/**
	 * The result of reading: the network it fits, the values by our parameter key, the report,
	 * and provenance (source file name, SHA-256, format, epoch where stored).
	 */
	public record Imported(UNet3dConfig config, Map<String, WeightTensor> values,
		TransferReport report, Map<String, Object> provenance) {}

	private WeightImporter() {}

	/** Reads and maps {@code file}; nothing is executed and no engine is needed. */
	public static Imported read(final Path file, final Options options) throws IOException {
		Checks.notNull(file, "file");
		Checks.notNull(options, "options");
		if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
		final String format = detect(file);
		final TransferReport report = new TransferReport();
		final Map<String, KeyTable.Origin> origins = new LinkedHashMap<>();
		final Map<String, Object> provenance = new LinkedHashMap<>();
		final Map<String, WeightTensor> src;
		final Flavour sf;
		if (format.equals("keras-h5")) {
			src = KeyTable.fromKeras(KerasH5Reader.read(file), report, origins);
			sf = Flavour.KERAS;
		}
		else {
			final TorchCheckpoint ckpt = TorchCheckpoint.read(file, WeightImporter::isModelState);
			src = KeyTable.fromStateDict(stateDict(ckpt.objects(), provenance, report, file), report,
				origins);
			sf = Flavour.PYTORCH;
		}
		final UNet3dConfig found = KeyTable.inferConfig(src, sf, file);
		final boolean encoderOnly = !KeyTable.hasDecoder(src, sf);
		if (encoderOnly) report.note("the file holds an encoder only (no decoder / output " +
			"convolution tensors): the decoder starts fresh");
		final Flavour tf = options.flavour() == null ? sf : options.flavour();
		final BatchNormMode mode = options.batchNormMode() != null ? options.batchNormMode()
			: tf == Flavour.PYTORCH ? BatchNormMode.BATCH : BatchNormMode.RUNNING;
		final UNet3dConfig config = new UNet3dConfig(tf, found.baseWidth(), found.inChannels(),
			found.outChannels(), found.skipConnections(), tf == sf ? found.numClasses() : 0, found
				.output(), mode);
		final Map<String, WeightTensor> values = new LinkedHashMap<>();
		final Set<String> used = new HashSet<>();
		final UNet3d target = UNet3d.of(config);
		for (final Map.Entry<String, Shape> e : target.parameterShapes().entrySet()) {
			final String key = e.getKey();
			final Shape shape = e.getValue();
			final String from = KeyTable.translate(key, tf, sf);
			if (from == null) {
				report.missing(key, shape, "a " + sf.name().toLowerCase(Locale.ROOT) +
					" file has no such tensor: keeps its initial values");
				continue;
			}
			final KeyTable.Origin o = origins.get(from);
			final String name = o == null ? from : o.key();
			final WeightTensor w = src.get(from);
			if (w == null && encoderOnly && target.isDecoderLayer(key.substring(0, key.lastIndexOf(
				'.'))))
			{
				report.missing(key, shape, "decoder: not in this encoder-only file, starts fresh");
				continue;
			}
			if (w == null) throw new IOException(file + ": tensor " + name + " is missing (a base-" +
				config.baseWidth() + " network needs it with shape " + shape + ")");
			if (!w.hasValues()) throw new IOException(file + ": tensor " + name + " has dtype " + w
				.dtype() + ", expected float32");
			if (!Arrays.equals(w.shape(), shape.getShape())) throw new IOException(file +
				": tensor " + name + " has shape " + Arrays.toString(o == null ? w.shape() : o
					.shape()) + (o != null && !o.change().isEmpty() ? " (" + w.shapeString() +
						" after " + o.change() + ")" : "") + ", but a base-" + config.baseWidth() +
				" network needs " + shape);
			values.put(key, w);
			used.add(from);
			report.mapped(name, new Shape(o == null ? w.shape() : o.shape()), key, shape, o == null
				? "" : o.change());
		}
		for (final Map.Entry<String, WeightTensor> e : src.entrySet())
			if (!used.contains(e.getKey())) {
				final KeyTable.Origin o = origins.get(e.getKey());
				report.skipped(o == null ? e.getKey() : o.key(), KeyTable.shapeOf(e.getValue()), tf == sf
					? "not part of the network" : "no counterpart in the " + tf.name().toLowerCase(
						Locale.ROOT) + " flavour");
			}
		provenance.put("sourceFile", file.getFileName().toString());
		provenance.put("sourceSha256", Sha256.of(file));
		provenance.put("sourceFormat", format);
		provenance.put("sourceFlavour", sf.name().toLowerCase(Locale.ROOT));
		provenance.put("tensorsMapped", report.mapped().size());
		provenance.put("tensorsSkipped", report.skipped().size());
		provenance.put("tensorsMissing", report.missing().size());
		if (encoderOnly) provenance.put(ENCODER_ONLY, true);
		return new Imported(config, values, report, provenance);
	}

	/** A model on {@code device} holding the imported values (caller closes it). */
	public static Model toModel(final Imported w, final Device device) {
		final Model model = ModelBundle.newModel(w.config(), device);
		final Map<String, Parameter> params = ((UNet3d) model.getBlock()).namedParameters();
		w.values().forEach((k, v) -> params.get(k).getArray().set(FloatBuffer.wrap(v.values())));
		return model;
	}

	/** Writes the imported network as a bundle (pretext "imported", CT window, 64x64x32). */
	public static void toBundle(final Imported w, final Path dir, final Device device)
		throws IOException
	{
		try (Model model = toModel(w, device)) {
			ModelBundle.save(dir, model, new BundleDescription(w.config(), REFERENCE_PATCH,
				IntensityRecipe.ctDefault(), "imported", w.config().numClasses(), w.provenance()));
		}
	}

	private static String detect(final Path file) throws IOException {
		final byte[] h = new byte[8];
		final int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(h, 0, 8);
		}
		if (n >= 4 && h[0] == 'P' && h[1] == 'K') return "torch-zip";
		if (n >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'H' && h[2] == 'D' && h[3] == 'F')
			return "keras-h5";
		if (n >= 2 && (h[0] & 0xff) == 0x80) return "torch-legacy";
		throw new IOException(file + ": not a torch.save (.pt/.pth) or Keras HDF5 (.h5) file");
	}

	/**
	 * Whether a tensor at this dotted path of a checkpoint can belong to the model: not under a
	 * training-state entry ({@link #TRAINING_STATE}), whose tensors are never read.
	 */
	static boolean isModelState(final String path) {
		final int dot = path.indexOf('.');
		return !TRAINING_STATE.contains(dot < 0 ? path : path.substring(0, dot));
	}

	/**
	 * The state dict inside a training checkpoint ({@code {epoch, state_dict,
	 * optimizer_state_dict, num_epoch_no_improvement, best_loss, best_acc}}, the TransVW training
	 * script's layout) or the file itself; the other entries go to the provenance (numbers) or the
	 * report (skipped).
	 */
	private static Map<?, ?> stateDict(final Object root, final Map<String, Object> provenance,
		final TransferReport report, final Path file) throws IOException
	{
		if (!(root instanceof Map<?, ?> m)) throw new IOException(file +
			": expected a state dict or a checkpoint dict, found " + (root == null ? "None" : root
				.getClass().getSimpleName()));
		for (final String k : new String[] { "state_dict", "model_state_dict", "model" })
			if (m.get(k) instanceof Map<?, ?> sd) {
				for (final Map.Entry<?, ?> e : m.entrySet()) {
					final String key = String.valueOf(e.getKey());
					if (key.equals(k)) continue;
					if (e.getValue() instanceof Number v) provenance.put("source_" + key, v);
					else if (TRAINING_STATE.contains(key)) report.skipped(key, null,
						"training state (optimiser / scheduler), not needed: its tensors were not read");
					else report.skipped(key, null, "checkpoint entry, not a weight");
				}
				return sd;
			}
		return m;
	}
}
