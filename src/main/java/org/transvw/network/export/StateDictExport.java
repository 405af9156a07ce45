package org.transvw.network.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.network.Flavour;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;
import org.transvw.network.weights.WeightTensor;

import ai.djl.nn.Parameter;

/**
 * Our {@link UNet3d} as a PyTorch state dict of the exported architecture
 * ({@code transvw_unet3d.py}, a module written for this project that reproduces the network):
 * the reference names ({@code down_tr64.ops.0.conv1.weight}, ..., {@code out_tr.final_conv.bias};
 * method.md §7), which are our parameter keys already, with two changes:
 * <ul>
 * <li>{@code up_conv.weight}: our 1x1x1 convolution (8 out, in, 1, 1, 1) with channel
 * {@code o*8 + a*4 + b*2 + c} becomes the ConvTranspose3d weight (in, out, 2, 2, 2), i.e.
 * {@code reshape(out, 2, 2, 2, in).permute(4, 0, 1, 2, 3)}, the inverse of the import's
 * {@code permute(1, 2, 3, 4, 0).reshape(8 out, in, 1, 1, 1)} (network.md; {@code Upsample2x});</li>
 * <li>every batch norm gets PyTorch's {@code num_batches_tracked} (int64, 0), so the dict is what
 * {@code nn.BatchNorm3d} expects.</li>
 * </ul>
 * The self-classification head is a pre-training device and is not exported. Only the PyTorch
 * flavour has a ConvTranspose3d counterpart; a Keras-flavour network is refused.
 */
public final class StateDictExport {

	/** The architecture file inside the package and its class. */
	public static final String ARCHITECTURE_FILE = "transvw_unet3d.py";
	public static final String CALLABLE = "TransVWUNet3d";

	private StateDictExport() {}

	/** The state dict of {@code net} (initialised, PyTorch flavour), head excluded. */
	public static Map<String, WeightTensor> of(final UNet3d net) {
		Checks.require(net != null && net.isInitialized(), "network", "an initialised UNet3d");
		requirePytorch(net.config());
		final Map<String, WeightTensor> sd = new LinkedHashMap<>();
		for (final Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
			final String key = e.getKey();
			final String layer = key.substring(0, key.lastIndexOf('.'));
			if (!net.isEncoderLayer(layer) && !net.isDecoderLayer(layer)) continue;
			final WeightTensor w = WeightTensor.of(e.getValue().getArray().getShape().getShape(), e
				.getValue().getArray().toFloatArray());
			sd.put(key, key.endsWith(".up_conv.weight") ? toConvTranspose(w) : w);
			if (key.endsWith(".running_var")) sd.put(layer + ".num_batches_tracked", new WeightTensor(
				"int64", new long[0], null));
		}
		return sd;
	}

	/** (8 out, in, 1, 1, 1) -> (in, out, 2, 2, 2). */
	static WeightTensor toConvTranspose(final WeightTensor w) {
		final long[] s = w.shape();
		Checks.require(s.length == 5 && s[0] % 8 == 0, "up_conv.weight", "shape (8 out, in, 1, 1, 1)");
		return w.reshape(s[0] / 8, 2, 2, 2, s[1]).permute(4, 0, 1, 2, 3);
	}

	/** The constructor arguments of the exported module for {@code config}. */
	public static Map<String, Object> kwargs(final UNet3dConfig config) {
		requirePytorch(config);
		final Map<String, Object> k = new LinkedHashMap<>();
		k.put("base_width", config.baseWidth());
		k.put("in_channels", config.inChannels());
		k.put("out_channels", config.outChannels());
		k.put("skip_connections", config.skipConnections());
		k.put("output", config.output().name().toLowerCase(Locale.ROOT));
		k.put("batch_norm", config.batchNormMode().name().toLowerCase(Locale.ROOT));
		k.put("axes", "bczyx");
		return k;
	}

	/** The Python source of the exported module (UTF-8). */
	public static byte[] architectureSource() throws IOException {
		try (InputStream in = StateDictExport.class.getResourceAsStream(ARCHITECTURE_FILE)) {
			if (in == null) throw new IOException(ARCHITECTURE_FILE +
				" is missing from the plugin jar (a broken build)");
			return in.readAllBytes();
		}
	}

	private static void requirePytorch(final UNet3dConfig config) {
		Checks.require(config.flavour() == Flavour.PYTORCH, "network", "the PyTorch flavour " +
			"(its learned up-sampling is a ConvTranspose3d); the Keras flavour has no " +
			"pytorch_state_dict counterpart in this export, got " + config.flavour());
	}
}
