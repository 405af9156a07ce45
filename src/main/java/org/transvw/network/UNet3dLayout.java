package org.transvw.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.types.Shape;

/**
 * The layer list of a {@link UNet3d}: reference names and channel plan for both flavours (method.md
 * §4.1 / 4.2 and the state-dict table of method.md §7), computed from the config alone, so that shapes
 * and parameter counts are known without allocating anything.
 * <p>
 * Units 0-7 are the encoder (two per level; 7 is the bottleneck), 8-13 the decoder (two per
 * level after each 2x up-sampling); the head unit sits on the bottleneck.
 */
final class UNet3dLayout {

	/** Kind of a weighted layer. */
	enum Kind {
		/** 3x3x3 convolution with bias. */
		CONV3,
		/** 1x1x1 convolution with bias. */
		CONV1,
		/** {@link Upsample2x} (== ConvTranspose3d k2 s2). */
		UP,
		/** {@link BatchNorm3d}. */
		BN,
		/** Fully connected. */
		DENSE
	}

	/** One weighted layer; {@code out} is the logical output channel count. */
	record Layer(String name, Kind kind, int in, int out) {

		/** Parameter name -> shape, in DJL's parameter order. */
		Map<String, Shape> shapes() {
			final Map<String, Shape> m = new LinkedHashMap<>();
			switch (kind) {
				case CONV3 -> m.put("weight", new Shape(out, in, 3, 3, 3));
				case CONV1 -> m.put("weight", new Shape(out, in, 1, 1, 1));
				case UP -> m.put("weight", new Shape(8L * out, in, 1, 1, 1));
				case DENSE -> m.put("weight", new Shape(out, in));
				case BN -> {
					for (final String p : List.of("weight", "bias", "running_mean", "running_var"))
						m.put(p, new Shape(out));
					return m;
				}
			}
			m.put("bias", new Shape(out));
			return m;
		}
	}

	private static final String[] PT_DOWN = { "down_tr64", "down_tr128", "down_tr256",
		"down_tr512" };
	private static final String[] PT_UP = { "up_tr256", "up_tr128", "up_tr64" };

	final UNet3dConfig config;
	final boolean pytorch;
	final String[] conv = new String[14];
	final String[] bn = new String[14];
	final String[] up = new String[3];
	final String finalConv;
	final String headConv;
	final String headBn;
	final List<String> headDense;
	private final List<Layer> layers = new ArrayList<>();

	UNet3dLayout(final UNet3dConfig c) {
		config = c;
		pytorch = c.flavour() == Flavour.PYTORCH;
		final int b = c.baseWidth();
		for (int i = 0; i < 14; i++) {
			final String unit = pytorch ? (i < 8 ? PT_DOWN[i / 2] : PT_UP[(i - 8) / 2]) + ".ops." +
				(i % 2) : "depth_" + i;
			conv[i] = pytorch ? unit + ".conv1" : unit + "_conv";
			bn[i] = pytorch ? unit + ".bn1" : unit + "_bn";
		}
		finalConv = pytorch ? "out_tr.final_conv" : "final_conv";
		headConv = pytorch ? "clc_out.conv1" : "depth_14_conv";
		headBn = pytorch ? "clc_out.bn1" : "depth_14_bn";
		headDense = pytorch ? List.of("clc_out.fc1") : List.of("cls_fc", "cls_output");
		// encoder: level l has units 2l (in -> mid) and 2l+1 (mid -> 2^(l+1) b)
		int in = c.inChannels();
		for (int l = 0; l < 4; l++) {
			final int mid = l == 0 ? b : in;
			final int out = b << (l + 1);
			unit(2 * l, in, mid);
			unit(2 * l + 1, mid, out);
			in = out;
		}
		// decoder: level l up-samples from 16b >> l, concatenates the skip of 8b >> l
		for (int l = 0; l < 3; l++) {
			final int from = (16 * b) >> l;
			final int out = (8 * b) >> l;
			if (pytorch) {
				up[l] = PT_UP[l] + ".up_conv";
				layers.add(new Layer(up[l], Kind.UP, from, from));
			}
			unit(8 + 2 * l, from + (c.skipConnections() ? out : 0), out);
			unit(9 + 2 * l, out, out);
		}
		layers.add(new Layer(finalConv, Kind.CONV1, 2 * b, c.outChannels()));
		if (c.numClasses() > 0) {
			final int head = pytorch ? 32 * b : 16 * b;
			layers.add(new Layer(headConv, Kind.CONV3, 16 * b, head));
			layers.add(new Layer(headBn, Kind.BN, head, head));
			if (pytorch) layers.add(new Layer(headDense.get(0), Kind.DENSE, head, c.numClasses()));
			else {
				layers.add(new Layer(headDense.get(0), Kind.DENSE, head, 32 * b));
				layers.add(new Layer(headDense.get(1), Kind.DENSE, 32 * b, c.numClasses()));
			}
		}
	}

	private void unit(final int i, final int in, final int out) {
		layers.add(new Layer(conv[i], Kind.CONV3, in, out));
		layers.add(new Layer(bn[i], Kind.BN, out, out));
	}

	/** All weighted layers in registration order. */
	List<Layer> layers() {
		return Collections.unmodifiableList(layers);
	}

	/** "layer.param" -> shape for every parameter and BN statistic. */
	Map<String, Shape> parameterShapes() {
		final Map<String, Shape> m = new LinkedHashMap<>();
		for (final Layer l : layers)
			l.shapes().forEach((p, s) -> m.put(l.name() + "." + p, s));
		return m;
	}

	/** Whether a layer belongs to the encoder (units 0-7). */
	boolean isEncoder(final String layer) {
		for (int i = 0; i < 8; i++)
			if (layer.equals(conv[i]) || layer.equals(bn[i])) return true;
		return false;
	}

	/** Whether a layer belongs to the decoder (up-sampling, units 8-13, final conv). */
	boolean isDecoder(final String layer) {
		for (int i = 8; i < 14; i++)
			if (layer.equals(conv[i]) || layer.equals(bn[i])) return true;
		for (final String u : up)
			if (layer.equals(u)) return true;
		return layer.equals(finalConv);
	}
}
