package org.transvw.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.engine.EngineSession;
import org.transvw.inference.BlendWeights;
import org.transvw.inference.ModelPredictor;
import org.transvw.inference.SlidingWindowConfig;
import org.transvw.inference.SlidingWindowSegmenter;
import org.transvw.inference.TileGrid;
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
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * {@code bin/transvw-bench infer [base X Y Z tileX tileY tileZ budgets device [nopure]]}: the
 * sliding-window segmentation of an X x Y x Z volume (default 256 x 256 x 128, base width 32, tile
 * 64 x 64 x 32, 2 tiles per batch, 50 % overlap; {@code budgets} may list several tile batch
 * sizes, e.g. 1,2,4, each measured in turn) against the pure forward passes of the same number of
 * tile batches on ready-made tensors ({@code nopure} skips those, keeping the comparison with the
 * forward passes inside the window). Reports voxels per second; the overhead ratio (sliding
 * window - forward) / forward measures tiling, copies and blending (goal <= 0.10). Also reports
 * peak RSS (VmHWM).
 */
public final class InferBenchmark {

	private InferBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final int base = arg(args, 0, 32);
		final long[] size = { arg(args, 1, 256), arg(args, 2, 256), arg(args, 3, 128) };
		final int[] tile = { arg(args, 4, 64), arg(args, 5, 64), arg(args, 6, 32) };
		final int[] budgets = args.length > 7 ? java.util.Arrays.stream(args[7].split(",")).mapToInt(
			Integer::parseInt).toArray() : new int[] { 2 };
		final String device = args.length > 8 ? args[8] : "cpu";
		final boolean pureRun = args.length <= 9 || !args[9].equals("nopure");
		EngineSession.engine();
		final Device dev = EngineSession.device(device);
		final UNet3dConfig config = new UNet3dConfig(Flavour.PYTORCH, base, 1, 1, true, 0,
			OutputActivation.SIGMOID, BatchNormMode.RUNNING);
		final Img<FloatType> volume = ArrayImgs.floats(size);
		final RandomStreams rng = RandomStreams.seeded(1);
		for (final FloatType t : volume)
			t.set(rng.nextFloat());
		final int tiles = TileGrid.origins(TileGrid.paddedSize(size, tile), tile, 0.5).size();
		final double voxels = (double) size[0] * size[1] * size[2];
		try (Model model = ModelBundle.newModel(config, dev)) {
			final NDManager mm = model.getNDManager();
			for (final int budget : budgets) {
				// warm-up: one batch
				forward(model, mm, tile, budget, budget);
				final double pure = pureRun ? forward(model, mm, tile, budget, tiles) : Double.NaN;
				final ModelPredictor predictor = new ModelPredictor(model.getBlock(), mm);
				final SlidingWindowSegmenter sw = new SlidingWindowSegmenter(predictor,
					new SlidingWindowConfig(tile, 0.5, BlendWeights.DEFAULT_SIGMA_SCALE, budget, false));
				final long t0 = System.nanoTime();
				sw.predict(volume, Progress.NONE, Cancellation.NEVER);
				final double total = (System.nanoTime() - t0) * 1e-9;
				final String cfg = String.format(Locale.ROOT,
					"\"base\": %d, \"volume\": [%d, %d, %d], \"tile\": [%d, %d, %d], \"tiles\": %d, \"budget\": %d, \"device\": \"%s\", \"precision\": \"fp32\", \"threads\": %d, \"channels_last\": %s",
					base, size[0], size[1], size[2], tile[0], tile[1], tile[2], tiles, budget, dev,
					ai.djl.pytorch.jni.JniUtils.getNumThreads(), System.getProperty(
						"transvw.channelsLast", "true"));
				emit("infer.sliding_window", total, "s", cfg);
				emit("infer.voxels_per_second", voxels / total, "voxels/s", cfg);
				if (pureRun) {
					emit("infer.pure_forward", pure, "s", cfg);
					emit("infer.overhead_ratio", (total - pure) / pure, "ratio", cfg);
				}
				// the same ratio against the forward passes inside this very run (same inputs, same
				// cache and allocator state): what tiling, padding, copies and blending add
				final double inWindow = predictor.forwardNanos() * 1e-9;
				emit("infer.forward_in_window", inWindow, "s", cfg);
				emit("infer.window_overhead_ratio", (total - inWindow) / inWindow, "ratio", cfg);
				emit("infer.peak_rss", peakRssMiB(), "MiB", cfg);
			}
		}
	}

	/**
	 * Seconds of the forward passes of {@code tiles} tiles in batches of {@code budget} (the last
	 * one smaller, as in the sliding window), on tensors made beforehand.
	 */
	private static double forward(final Model model, final NDManager mm, final int[] tile,
		final int budget, final int tiles)
	{
		long nanos = 0;
		for (int done = 0; done < tiles; done += budget) {
			try (NDManager m = mm.newSubManager()) {
				final int n = Math.min(budget, tiles - done);
				final NDArray x = m.randomUniform(0, 1, new Shape(n, 1, tile[0], tile[1], tile[2]));
				final long t0 = System.nanoTime();
				final NDArray y = model.getBlock().forward(new ParameterStore(m, false), new NDList(x),
					false).head();
				y.toFloatArray(); // NB: forces the computation, as the predictor's copy does
				nanos += System.nanoTime() - t0;
			}
		}
		return nanos * 1e-9;
	}

	private static void emit(final String bench, final double value, final String unit,
		final String extra)
	{
		System.out.println(String.format(Locale.ROOT, "{\"bench\": \"%s\", \"value\": %.6g, \"unit\": \"%s\", %s}",
			bench, value, unit, extra));
	}

	/** VmHWM of /proc/self/status in MiB, NaN where unavailable. */
	static double peakRssMiB() throws IOException {
		final Path status = Path.of("/proc/self/status");
		if (!Files.isReadable(status)) return Double.NaN;
		final List<String> lines = Files.readAllLines(status);
		for (final String l : lines)
			if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
		return Double.NaN;
	}

	private static int arg(final String[] args, final int i, final int fallback) {
		return args.length > i ? Integer.parseInt(args[i]) : fallback;
	}
}
