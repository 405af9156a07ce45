package org.transvw.finetuning;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.network.ModelBundle;
import org.transvw.network.ModelCard;
import org.transvw.network.TransferReport;
import org.transvw.network.ImageNetwork;
import org.transvw.network.NetworkConfig;
import org.transvw.network.weights.WeightImporter;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/**
 * The one way both fine-tuners obtain their network, so that "pre-trained" and "from scratch"
 * differ only in the copied weights: a fresh {@link UNet3d} for the target task (seeded
 * initialisation), then, with a bundle, its encoder and decoder copied by name and shape
 * ({@link ModelBundle#transferInto}) while the output layer keeps its fresh initialisation
 * (a new 1x1x1 output for the target classes), and the encoder optionally frozen. The engine's
 * seed is set before by the {@link org.transvw.training.TrainingRun}.
 * <p>
 * A frozen encoder's convolutions and BN scale/shift receive no gradient, and its BN layers run
 * in inference mode during training too ({@code UNet3d}: a unit whose parameters are all frozen
 * is evaluated with {@code training = false}), so its features stay fixed: running statistics
 * are used, never updated.
 * <p>
 * NB: the reference reuses the pre-trained 1x1x1 output too (method.md §6); that layer was
 * trained to restore intensities, not to segment, so we re-initialise it.
 */
final class Initialisation {

	private Initialisation() {}

	/** A model and, when weights were transferred, the report (else null); closes the model. */
	record Result(Model model, TransferReport transfer) implements AutoCloseable {

		@Override
		public void close() {
			model.close();
		}
	}

	/**
	 * A fine-tuning run's configuration for the resume check and provenance: the stage's map, the
	 * network and the initial weights ("random", or the bundle's pretext and weights' SHA-256).
	 */
	static Map<String, Object> runConfiguration(final Map<String, Object> stage,
		final NetworkConfig network, final ModelBundle pretrained)
	{
		final Map<String, Object> m = new LinkedHashMap<>(stage);
		m.put("network", network.toMap());
		if (pretrained == null) m.put("initialWeights", "random");
		else {
			final Object sha = pretrained.description().provenance().get(ModelBundle.WEIGHTS_SHA256);
			m.put("initialWeights", "pretrained:" + pretrained.description().pretext() + ":" + (sha !=
				null ? sha : pretrained.folder()));
		}
		return m;
	}

	/**
	 * The initialisation's provenance entries: {@code initialisation} ("random" or
	 * "pretrained:&lt;pretext&gt;") and, with a bundle, its whole provenance map as
	 * {@value ModelCard#PRETRAINED_PROVENANCE}, so the model card can tell the chain
	 * self-discovery -> pre-training -> fine-tuning.
	 */
	static Map<String, Object> provenance(final ModelBundle pretrained) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("initialisation", pretrained == null ? "random" : "pretrained:" + pretrained
			.description().pretext());
		if (pretrained != null) m.put(ModelCard.PRETRAINED_PROVENANCE, pretrained.description()
			.provenance());
		return m;
	}

	static Result create(final NetworkConfig config, final ModelBundle pretrained,
		final Device device, final boolean freezeEncoder)
	{
		final Model model = ModelBundle.newModel(config, device);
		try {
			final ImageNetwork net = (ImageNetwork) model.getBlock();
			TransferReport report = null;
			if (pretrained != null) {
				final Map<String, NDArray> fresh = new HashMap<>();
				for (final Map.Entry<String, Parameter> e : net.namedParameters().entrySet())
					if (net.isOutputKey(e.getKey())) fresh.put(e.getKey(), e.getValue().getArray()
						.duplicate());
				// an imported encoder-only file: its bundle's decoder is untrained, keep ours
				final boolean encoderOnly = Boolean.TRUE.equals(pretrained.description().provenance()
					.get(WeightImporter.ENCODER_ONLY));
				report = ModelBundle.transferInto(pretrained, net, !encoderOnly);
				if (encoderOnly) report.note("the pre-trained bundle holds an encoder only: the " +
					"decoder starts fresh");
				for (final Map.Entry<String, NDArray> e : fresh.entrySet()) {
					e.getValue().copyTo(net.namedParameters().get(e.getKey()).getArray());
					e.getValue().close();
				}
			}
			if (freezeEncoder) {
				Checks.require(pretrained != null, "freeze",
					"a pre-trained bundle (a frozen random encoder learns nothing)");
				for (final Map.Entry<String, Parameter> e : net.namedParameters().entrySet())
					if (net.inEncoder(e.getKey()) && !net.isStatisticKey(e.getKey())) e.getValue()
						.freeze(true);
			}
			return new Result(model, report);
		}
		catch (final RuntimeException e) {
			model.close();
			throw e;
		}
	}

	/** The layer of a "layer.param" key. */
	static String layer(final String key) {
		return key.substring(0, key.lastIndexOf('.'));
	}
}
