package org.transvw.finetuning;

import java.util.HashMap;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.engine.EngineSession;
import org.transvw.network.ModelBundle;
import org.transvw.network.TransferReport;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;
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
 * (a new 1x1x1 output for the target classes), and the encoder optionally frozen.
 * <p>
 * NB: the reference reuses the pre-trained 1x1x1 output too (method.md §6); that layer was
 * trained to restore intensities, not to segment, so we re-initialise it.
 */
final class Initialisation {

	private Initialisation() {}

	/** A model and, when weights were transferred, the report (else null). */
	record Result(Model model, TransferReport transfer) {}

	static Result create(final UNet3dConfig config, final ModelBundle pretrained,
		final Device device, final long seed, final boolean freezeEncoder)
	{
		EngineSession.engine().setRandomSeed((int) seed);
		final Model model = ModelBundle.newModel(config, device);
		try {
			final UNet3d net = (UNet3d) model.getBlock();
			TransferReport report = null;
			if (pretrained != null) {
				final Map<String, NDArray> fresh = new HashMap<>();
				for (final Map.Entry<String, Parameter> e : net.namedParameters().entrySet())
					if (isOutputLayer(net, e.getKey())) fresh.put(e.getKey(), e.getValue().getArray()
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
					if (net.isEncoderLayer(layer(e.getKey())) && !UNet3d.isStatistic(e.getKey())) e
						.getValue().freeze(true);
			}
			return new Result(model, report);
		}
		catch (final RuntimeException e) {
			model.close();
			throw e;
		}
	}

	static String layer(final String key) {
		return key.substring(0, key.lastIndexOf('.'));
	}

	/** The segmentation output convolution: the one decoder layer that maps to the out channels. */
	static boolean isOutputLayer(final UNet3d net, final String key) {
		final String layer = layer(key);
		return net.isDecoderLayer(layer) && (layer.startsWith("out_tr") || layer.equals(
			"final_conv"));
	}
}
