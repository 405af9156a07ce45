package org.transvw.network.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.transvw.network.BatchNormMode;
import org.transvw.network.Flavour;
import org.transvw.network.OutputActivation;
import org.transvw.network.TransferReport;
import org.transvw.network.UNet3dConfig;

/**
 * Reference tensor names -> {@link org.transvw.network.UNet3d} parameter keys, with the layout
 * changes each needs (method.md §7):
 * <ul>
 * <li>PyTorch state dicts: names are ours after stripping {@code module.} (DataParallel) and
 * {@code classficationNet.} (sic, the reference spelling); {@code num_batches_tracked},
 * {@code projection_head*} and {@code prototypes*} are skipped; {@code up_conv.weight}
 * (in, out, 2, 2, 2) becomes {@code permute(1, 2, 3, 4, 0).reshape(8 out, in, 1, 1, 1)}.</li>
 * <li>Keras: {@code <layer>/kernel} (kd, kh, kw, in, out) -> {@code <layer>.weight} by
 * {@code permute(4, 3, 0, 1, 2)}; dense kernels (in, out) are transposed; BN {@code gamma, beta,
 * moving_mean, moving_variance} -> {@code weight, bias, running_mean, running_var}; an unnamed
 * 1x1x1 output convolution (Models Genesis' {@code conv3d_N}) is {@code final_conv}.</li>
 * <li>Between flavours the convolution units correspond one to one ({@code down_tr128.ops.1}
 * == {@code depth_3}, {@code up_tr256.ops.0} == {@code depth_8}, {@code out_tr.final_conv} ==
 * {@code final_conv}); learned up-sampling and the heads have no counterpart.</li>
 * </ul>
 */
final class KeyTable {

	/** Where one of our keys came from in the file: its name, shape there, and the change. */
	record Origin(String key, long[] shape, String change) {}

	private static final String[] PT_DOWN = { "down_tr64", "down_tr128", "down_tr256",
		"down_tr512" };
	private static final String[] PT_UP = { "up_tr256", "up_tr128", "up_tr64" };
	private static final Pattern PT_UNIT = Pattern.compile(
		"(down_tr64|down_tr128|down_tr256|down_tr512|up_tr256|up_tr128|up_tr64)\\.ops\\.([01])\\." +
			"(conv1|bn1)\\.(.+)");
	private static final Pattern KERAS_UNIT = Pattern.compile("depth_(\\d+)_(conv|bn)\\.(.+)");
	private static final Map<String, String> KERAS_PARAMS = Map.of("kernel", "weight", "bias",
		"bias", "gamma", "weight", "beta", "bias", "moving_mean", "running_mean", "moving_variance",
		"running_var");

	private KeyTable() {}

	/** Why a state-dict key is ignored, or null. */
	static String skipReason(final String key) {
		if (key.endsWith("num_batches_tracked")) return "BN step counter, not needed";
		if (key.startsWith("projection_head") || key.startsWith("prototypes"))
			return "contrastive add-on, not part of the U-Net";
		return null;
	}

	/** Strips DataParallel / ClassificationNet prefixes. */
	static String normalise(final String key) {
		String k = key;
		for (boolean again = true; again;) {
			again = false;
			for (final String p : new String[] { "module.", "classficationNet." })
				if (k.startsWith(p)) {
					k = k.substring(p.length());
					again = true;
				}
		}
		return k;
	}

	/** PyTorch state dict -> our keys (PyTorch flavour); fills origins and skipped entries. */
	static Map<String, WeightTensor> fromStateDict(final Map<?, ?> sd, final TransferReport report,
		final Map<String, Origin> origins)
	{
		final Map<String, WeightTensor> out = new LinkedHashMap<>();
		for (final Map.Entry<?, ?> e : sd.entrySet()) {
			final String raw = String.valueOf(e.getKey());
			final WeightTensor w = e.getValue() instanceof WeightTensor t ? t : null;
			final String key = normalise(raw);
			final String skip = w == null ? "not a tensor" : skipReason(key);
			if (skip != null) {
				report.skipped(raw, w == null ? null : shapeOf(w), skip);
				continue;
			}
			String change = "";
			WeightTensor v = w;
			if (key.endsWith(".up_conv.weight") && w.shape().length == 5 && w.hasValues()) {
				final long[] s = w.shape();
				v = w.permute(1, 2, 3, 4, 0).reshape(8 * s[1], s[0], 1, 1, 1);
				change = "ConvTranspose3d -> 1x1x1 conv + depth-to-space";
			}
			out.put(key, v);
			origins.put(key, new Origin(raw, w.shape(), change));
		}
		return out;
	}

	/** Keras "layer/param" tensors -> our keys (Keras flavour). */
	static Map<String, WeightTensor> fromKeras(final Map<String, WeightTensor> h5,
		final TransferReport report, final Map<String, Origin> origins)
	{
		final Map<String, WeightTensor> out = new LinkedHashMap<>();
		final boolean namedFinal = h5.keySet().stream().anyMatch(k -> k.startsWith("final_conv/"));
		for (final Map.Entry<String, WeightTensor> e : h5.entrySet()) {
			final String raw = e.getKey();
			final WeightTensor w = e.getValue();
			final int slash = raw.lastIndexOf('/');
			String layer = raw.substring(0, slash);
			final String param = KERAS_PARAMS.get(raw.substring(slash + 1));
			String change = "";
			if (!namedFinal && layer.startsWith("conv3d") && h5.containsKey(layer + "/kernel") && h5
				.get(layer + "/kernel").shape()[0] == 1)
			{
				change = "unnamed output convolution " + layer + " = final_conv; ";
				layer = "final_conv";
			}
			if (param == null) {
				report.skipped(raw, shapeOf(w), "not a Keras weight of the U-Net");
				continue;
			}
			WeightTensor v = w;
			if (param.equals("weight") && w.shape().length == 5) {
				v = w.permute(4, 3, 0, 1, 2);
				change += "kernel permute(4, 3, 0, 1, 2)";
			}
			else if (param.equals("weight") && w.shape().length == 2) {
				v = w.permute(1, 0);
				change += "dense kernel transposed";
			}
			final String key = layer + "." + param;
			out.put(key, v);
			origins.put(key, new Origin(raw, w.shape(), change));
		}
		return out;
	}

	/**
	 * Our key in flavour {@code to} for a key of flavour {@code from}, or null where the other
	 * flavour has no such tensor (learned up-sampling, heads).
	 */
	static String translate(final String key, final Flavour from, final Flavour to) {
		if (from == to) return key;
		if (from == Flavour.PYTORCH) {
			if (key.startsWith("out_tr.final_conv.")) return key.substring("out_tr.".length());
			final Matcher m = PT_UNIT.matcher(key);
			if (!m.matches()) return null;
			final String stage = m.group(1);
			int unit = 0;
			for (int l = 0; l < 4; l++)
				if (PT_DOWN[l].equals(stage)) unit = 2 * l;
			for (int l = 0; l < 3; l++)
				if (PT_UP[l].equals(stage)) unit = 8 + 2 * l;
			unit += Integer.parseInt(m.group(2));
			return "depth_" + unit + (m.group(3).equals("conv1") ? "_conv." : "_bn.") + m.group(4);
		}
		if (key.startsWith("final_conv.")) return "out_tr." + key;
		final Matcher m = KERAS_UNIT.matcher(key);
		if (!m.matches()) return null;
		final int unit = Integer.parseInt(m.group(1));
		if (unit > 13) return null;
		final String stage = unit < 8 ? PT_DOWN[unit / 2] : PT_UP[(unit - 8) / 2];
		return stage + ".ops." + unit % 2 + (m.group(2).equals("conv") ? ".conv1." : ".bn1.") + m
			.group(3);
	}

	/** Keras decoder layers: the convolution units 8..13 and the output convolution. */
	private static final Pattern KERAS_DECODER = Pattern.compile(
		"(depth_(8|9|10|11|12|13)_(conv|bn)|final_conv)\\..+");

	/**
	 * Whether any tensor belongs to the decoder (up-sampling path or output convolution); an
	 * encoder-only checkpoint (e.g. TransVW's ClassificationNet3D: encoder + head) has none.
	 */
	static boolean hasDecoder(final Map<String, WeightTensor> t, final Flavour f) {
		return t.keySet().stream().anyMatch(k -> f == Flavour.PYTORCH ? k.startsWith("up_tr") || k
			.startsWith("out_tr.") : KERAS_DECODER.matcher(k).matches());
	}

	/**
	 * The architecture the tensors describe (width, channels, skips, head), in their flavour. An
	 * encoder-only file gets the reference decoder (skip connections, one output channel), which
	 * then starts from its initial values.
	 */
	static UNet3dConfig inferConfig(final Map<String, WeightTensor> t, final Flavour f,
		final Path file) throws IOException
	{
		final boolean pt = f == Flavour.PYTORCH;
		final long[] first = need(t, pt ? "down_tr64.ops.0.conv1.weight" : "depth_0_conv.weight", f,
			file);
		final WeightTensor cls = t.get(pt ? "clc_out.fc1.weight" : "cls_output.weight");
		final int base = Math.toIntExact(first[0]);
		final int classes = cls == null ? 0 : Math.toIntExact(cls.shape()[0]);
		if (!hasDecoder(t, f)) return new UNet3dConfig(f, base, Math.toIntExact(first[1]), 1, true,
			classes, OutputActivation.SIGMOID, BatchNormMode.RUNNING);
		final long[] fin = need(t, pt ? "out_tr.final_conv.weight" : "final_conv.weight", f, file);
		final long[] dec = need(t, pt ? "up_tr256.ops.0.conv1.weight" : "depth_8_conv.weight", f,
			file);
		return new UNet3dConfig(f, base, Math.toIntExact(first[1]), Math.toIntExact(fin[0]),
			dec[1] != 16L * base, classes, OutputActivation.SIGMOID, BatchNormMode.RUNNING);
	}

	private static long[] need(final Map<String, WeightTensor> t, final String key,
		final Flavour f, final Path file) throws IOException
	{
		final WeightTensor w = t.get(key);
		if (w == null) throw new IOException(file + ": tensor " + key + " is missing: not a " +
			"TransVW / Models Genesis 3D U-Net of the " + f.name().toLowerCase() + " flavour");
		return w.shape();
	}

	static ai.djl.ndarray.types.Shape shapeOf(final WeightTensor w) {
		return new ai.djl.ndarray.types.Shape(w.shape());
	}
}
