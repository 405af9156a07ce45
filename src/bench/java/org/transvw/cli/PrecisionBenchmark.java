package org.transvw.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.transvw.engine.EngineSession;
import org.transvw.network.BatchNormMode;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3dConfig;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * {@code bin/transvw-bench precision [base size timeoutSeconds]}: whether reduced precision is
 * reachable through DJL's PyTorch engine on this machine, the reproducer behind the mixed
 * precision item. Each reduced type runs in a child JVM (a native abort must not take the
 * benchmark down): a cast of a random tensor, a 3D convolution in that type, then the forward
 * pass of a 3D U-Net (default base 4 on 2 x 1 x 32 x 32 x 16, weights cast on the fly by a
 * {@link ParameterStore} that hands out reduced copies, fp32 master weights untouched) against
 * the same pass in fp32. Prints {@code precision.<type>.works} (1 or 0 with the child's exit code,
 * the last step it reached and its last line), {@code .forward_ratio} (reduced / fp32 time) and
 * {@code .max_abs_error} (sigmoid outputs).
 */
public final class PrecisionBenchmark {

	private PrecisionBenchmark() {}

	public static void main(final String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("child")) {
			child(DataType.valueOf(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			return;
		}
		final int base = args.length > 0 ? Integer.parseInt(args[0]) : 4;
		final int size = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		final int timeout = args.length > 2 ? Integer.parseInt(args[2]) : 600;
		for (final DataType t : new DataType[] { DataType.BFLOAT16, DataType.FLOAT16 }) {
			final List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") +
				"/bin/java", "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-cp", System
					.getProperty("java.class.path"), PrecisionBenchmark.class.getName(), "child", t.name(),
				"" + base, "" + size));
			final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
			final boolean done = p.waitFor(timeout, TimeUnit.SECONDS);
			if (!done) p.destroyForcibly().waitFor();
			final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String last = "", reached = "";
			for (final String line : out.split("\n")) {
				if (line.startsWith("{\"bench\"")) System.out.println(line);
				else if (line.startsWith(key(t) + ": ")) reached = line.substring(key(t).length() + 2);
				else if (!line.isBlank() && !line.startsWith("SLF4J") && !line.contains("Warning:"))
					last = line.trim();
			}
			final boolean ok = done && p.exitValue() == 0;
			System.out.println(String.format(Locale.ROOT,
				"{\"bench\": \"precision.%s.works\", \"value\": %d, \"unit\": \"bool\", \"exit\": %s, \"last_step\": \"%s\", \"last_line\": \"%s\"}",
				key(t), ok ? 1 : 0, done ? "" + p.exitValue() : "\"timeout\"", reached, last.replace("\\", "\\\\")
					.replace("\"", "'")));
		}
	}

	private static String key(final DataType t) {
		return t == DataType.BFLOAT16 ? "bf16" : t == DataType.FLOAT16 ? "fp16" : t.name();
	}

	/** A parameter store that hands out cached copies of every parameter in {@code type}. */
	private static final class CastingStore extends ParameterStore {

		private final NDManager manager;
		private final DataType type;
		private final java.util.Map<String, NDArray> cache = new java.util.HashMap<>();

		CastingStore(final NDManager manager, final DataType type) {
			super(manager, false);
			this.manager = manager;
			this.type = type;
		}

		@Override
		public NDArray getValue(final Parameter p, final Device d, final boolean training) {
			return cache.computeIfAbsent(p.getId(), k -> {
				final NDArray a = super.getValue(p, d, training).toType(type, true);
				a.attach(manager);
				return a;
			});
		}
	}

	private static void child(final DataType type, final int base, final int size)
		throws IOException
	{
		EngineSession.engine();
		final String k = key(type);
		try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
			step(k, "cast");
			final NDArray x = m.randomUniform(0, 1, new Shape(2, 1, 8, 8, 8)).toType(type, true);
			step(k, "conv3d");
			final NDArray w = m.randomUniform(0, 1, new Shape(2, 1, 3, 3, 3)).toType(type, true);
			ai.djl.nn.convolutional.Conv3d.conv3d(x, w, null, new Shape(1, 1, 1), new Shape(1, 1,
				1), new Shape(1, 1, 1), 1).head().toType(DataType.FLOAT32, true).toFloatArray();
		}
		step(k, "unet3d forward");
		final UNet3dConfig config = new UNet3dConfig(Flavour.PYTORCH, base, 1, 1, true, 0,
			OutputActivation.SIGMOID, BatchNormMode.RUNNING);
		try (Model model = ModelBundle.newModel(config, Device.cpu())) {
			final NDManager mm = model.getNDManager();
			final NDArray x = mm.randomUniform(0, 1, new Shape(2, 1, size, size, size / 2));
			float[] full = null, reduced = null;
			double tFull = Double.MAX_VALUE, tReduced = Double.MAX_VALUE;
			for (int round = 0; round < 3; round++) // alternating, best of 3
				for (final boolean r : new boolean[] { false, true })
					try (NDManager s = mm.newSubManager()) {
						final ParameterStore ps = r ? new CastingStore(s, type) : new ParameterStore(s,
							false);
						final long t0 = System.nanoTime();
						final NDArray in = r ? x.toType(type, true) : x;
						final float[] y = model.getBlock().forward(ps, new NDList(in), false).head().toType(
							DataType.FLOAT32, true).toFloatArray();
						final double sec = (System.nanoTime() - t0) * 1e-9;
						if (r) {
							tReduced = Math.min(tReduced, sec);
							reduced = y;
						}
						else {
							tFull = Math.min(tFull, sec);
							full = y;
						}
					}
			double err = 0;
			for (int i = 0; i < full.length; i++)
				err = Math.max(err, Math.abs(full[i] - reduced[i]));
			final String cfg = String.format(Locale.ROOT,
				"\"base\": %d, \"input\": [2, 1, %d, %d, %d], \"fp32_s\": %.4g, \"%s_s\": %.4g", base,
				size, size, size / 2, tFull, k, tReduced);
			System.out.println(String.format(Locale.ROOT,
				"{\"bench\": \"precision.%s.forward_ratio\", \"value\": %.4g, \"unit\": \"ratio\", %s}", k,
				tReduced / tFull, cfg));
			System.out.println(String.format(Locale.ROOT,
				"{\"bench\": \"precision.%s.max_abs_error\", \"value\": %.4g, \"unit\": \"sigmoid\", %s}",
				k, err, cfg));
		}
	}

	private static void step(final String type, final String what) {
		System.out.println(type + ": " + what);
		System.out.flush();
	}
}
