package org.transvw.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityRecipe;
import org.transvw.discovery.dataset.Split;
import org.transvw.engine.EngineSession;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;
import org.transvw.perturbation.policy.PerturbationPolicies;
import org.transvw.pretraining.CubeSource;
import org.transvw.pretraining.JointLoss;
import org.transvw.pretraining.PretextData;
import org.transvw.pretraining.PretextMode;
import org.transvw.training.EpochMetrics;
import org.transvw.training.TrainingObserver;
import org.transvw.training.TrainingResult;
import org.transvw.training.TrainingRun;
import org.transvw.training.TrainingSettings;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.pytorch.jni.JniUtils;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * {@code bin/transvw-bench train [key=value...]}: the TransVW pre-training step (PyTorch-flavour
 * U-Net + C=44 head, joint loss, Adam, transvw perturbation on data workers) through the real
 * {@link TrainingRun}. Prints one JSON object per line: seconds per step, cubes per second and
 * the fraction of step time spent waiting for data for every width x batch, then peak RSS
 * (VmHWM) and RSS after the given step counts (one longer run). The same step in PyTorch-Python:
 * {@code src/bench/python/train_step.py}.
 * <p>
 * Keys (defaults): {@code widths=32,8 batches=2,4 steps=5 cube=64,64,32 classes=44 workers=2
 * threads=0 (engine default) rss-steps=50,500 rss-width=8 rss-batch=2}. {@code rss-steps=} (empty)
 * skips the RSS run.
 */
public final class TrainBenchmark {

	private TrainBenchmark() {}

	/** {@code profile=FILE}: the engine's op trace of the second step (chrome trace JSON). */
	private static String profile = "";

	public static void main(final String[] args) throws IOException {
		final Map<String, String> a = parse(args);
		final int threads = Integer.parseInt(a.get("threads"));
		if (threads > 0) EngineSession.threads(threads);
		EngineSession.engine();
		final int[] cube = ints(a.get("cube"));
		final int classes = Integer.parseInt(a.get("classes"));
		final int workers = Integer.parseInt(a.get("workers"));
		final int steps = Integer.parseInt(a.get("steps"));
		profile = a.get("profile");
		final String cubeText = cube[0] + "x" + cube[1] + "x" + cube[2];
		for (final int width : ints(a.get("widths")))
			for (final int batch : ints(a.get("batches"))) {
				final Run r = run(width, batch, steps + 1, cube, classes, workers, List.of());
				// NB: the first step (allocation, autotuning) is left out of the step time.
				final double perStep = r.stepSeconds.subList(1, r.stepSeconds.size()).stream()
					.mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
				final String extra = String.format(Locale.ROOT,
					", \"width\": %d, \"batch\": %d, \"cube\": \"%s\", \"steps\": %d", width, batch,
					cubeText, steps);
				emit("train.seconds_per_step", perStep, "s", extra);
				emit("train.cubes_per_second", batch / perStep, "cubes/s", extra);
				emit("train.data_wait_fraction", r.dataWaitFraction, "fraction", extra);
			}
		final int[] rssSteps = a.get("rss-steps").isBlank() ? new int[0] : ints(a.get("rss-steps"));
		if (rssSteps.length > 0) {
			final int width = Integer.parseInt(a.get("rss-width"));
			final int batch = Integer.parseInt(a.get("rss-batch"));
			final List<Integer> at = new ArrayList<>();
			for (final int s : rssSteps)
				at.add(s);
			final Run r = run(width, batch, at.get(at.size() - 1), cube, classes, workers, at);
			for (int i = 0; i < at.size(); i++) {
				final String extra = String.format(Locale.ROOT, ", \"steps\": %d, \"width\": %d, " +
					"\"batch\": %d, \"cube\": \"%s\"", at.get(i), width, batch, cubeText);
				emit("train.rss_after_steps", r.rssMiB.get(i), "MiB", extra);
				// RSS minus the committed Java heap: the engine's native memory, plus metaspace,
				// code cache and thread stacks (a constant few tens of MiB)
				emit("train.heap_committed_after_steps", r.heapCommittedMiB.get(i), "MiB", extra);
				emit("train.heap_used_after_steps", r.heapUsedMiB.get(i), "MiB", extra);
				emit("train.non_heap_rss_after_steps", r.rssMiB.get(i) - r.heapCommittedMiB.get(i),
					"MiB", extra);
			}
			// after warm-up: the samples from the second one on (the first includes start-up)
			if (at.size() >= 3) {
				final List<double[]> rss = new ArrayList<>(), nonHeap = new ArrayList<>();
				for (int i = 1; i < at.size(); i++) {
					rss.add(new double[] { at.get(i), r.rssMiB.get(i) });
					nonHeap.add(new double[] { at.get(i), r.rssMiB.get(i) - r.heapCommittedMiB.get(i) });
				}
				final String extra = String.format(Locale.ROOT, ", \"from_step\": %d, \"to_step\": %d, " +
					"\"width\": %d, \"batch\": %d", at.get(1), at.get(at.size() - 1), width, batch);
				emit("train.rss_slope", 100 * slope(rss), "MiB per 100 steps", extra);
				emit("train.non_heap_rss_slope", 100 * slope(nonHeap), "MiB per 100 steps", extra);
			}
		}
		emit("train.peak_rss", status("VmHWM") / 1024.0, "MiB", "");
	}

	/** Least-squares slope of (x, y) pairs (NaN for fewer than two); also the RSS benchmarks'. */
	static double slope(final List<double[]> xy) {
		double sx = 0, sy = 0, sxx = 0, sxy = 0;
		for (final double[] p : xy) {
			sx += p[0];
			sy += p[1];
			sxx += p[0] * p[0];
			sxy += p[0] * p[1];
		}
		final int m = xy.size();
		return m < 2 ? Double.NaN : (m * sxy - sx * sy) / (m * sxx - sx * sx);
	}

	static final class Run {

		final List<Double> stepSeconds = new ArrayList<>();
		final List<Double> rssMiB = new ArrayList<>();
		final List<Double> heapCommittedMiB = new ArrayList<>(), heapUsedMiB = new ArrayList<>();
		double dataWaitFraction;
	}

	private static Run run(final int width, final int batch, final int steps, final int[] cube,
		final int classes, final int workers, final List<Integer> rssAt) throws IOException
	{
		return run(width, batch, steps, cube, classes, workers, rssAt, step -> {});
	}

	/**
	 * The timed steps; {@code afterStep} runs after each step outside its time (the A/B benchmark
	 * runs the other side's step there).
	 */
	static Run run(final int width, final int batch, final int steps, final int[] cube,
		final int classes, final int workers, final List<Integer> rssAt,
		final java.util.function.IntConsumer afterStep) throws IOException
	{
		final Run out = new Run();
		final long[] last = { System.nanoTime() };
		final CubeSource data = new RandomCubes(cube, steps * batch, classes);
		final JointLoss loss = JointLoss.of(PretextMode.TRANSVW, 1, 0.01, 1, classes, 0);
		final UNet3dConfig net = UNet3d.builder().optBaseWidth(width).optNumClasses(classes)
			.optOutput(OutputActivation.SIGMOID).build().config();
		try (TrainingRun run = TrainingRun.builder("benchmark", TrainingSettings.defaults()
			.withMaxEpochs(1).withBatch(batch)).addObserver(new TrainingObserver() {

				@Override
				public void onStep(final int epoch, final int step, final Map<String, Double> m) {
					final long now = System.nanoTime();
					out.stepSeconds.add((now - last[0]) * 1e-9);
					if (!profile.isBlank() && step == 1) JniUtils.startProfile(false, true, false);
					if (!profile.isBlank() && step == 2) {
						JniUtils.stopProfile(profile);
						profile = "";
					}
					afterStep.accept(step);
					last[0] = System.nanoTime();
					if (rssAt.contains(step)) {
						final Runtime rt = Runtime.getRuntime();
						out.rssMiB.add(status("VmRSS") / 1024.0);
						out.heapCommittedMiB.add(rt.totalMemory() / 1048576.0);
						out.heapUsedMiB.add((rt.totalMemory() - rt.freeMemory()) / 1048576.0);
					}
				}
			}).start(); Model model = ModelBundle.newModel(net, Device.cpu()))
		{
			final TrainingResult r = run.fit(model, PretextData.batches(data, Split.TRAIN,
				PerturbationPolicies.byName("transvw"), batch, workers), null, (block, ps, b,
					training) -> loss.terms(block.forward(ps, b.inputs(), training), b.labels()));
			final EpochMetrics m = r.last();
			out.dataWaitFraction = m.dataWaitFraction();
		}
		return out;
	}

	/** Smooth random cubes in [0, 1] with random labels, generated on demand (no disk). */
	private static final class RandomCubes implements CubeSource {

		private final int[] dims;
		private final int size;
		private final int classes;

		RandomCubes(final int[] dims, final int size, final int classes) {
			this.dims = dims.clone();
			this.size = size;
			this.classes = classes;
		}

		@Override
		public int size(final Split split) {
			return split == Split.TRAIN ? size : 0;
		}

		@Override
		public RandomAccessibleInterval<FloatType> cube(final Split split, final int index) {
			final RandomStreams r = RandomStreams.seeded(index);
			final Img<FloatType> img = ArrayImgs.floats(dims[0], dims[1], dims[2]);
			final double fx = r.nextDouble() * 0.3, fy = r.nextDouble() * 0.3, fz = r.nextDouble() *
				0.3;
			final long[] p = new long[3];
			final net.imglib2.Cursor<FloatType> c = img.localizingCursor();
			while (c.hasNext()) {
				c.fwd();
				c.localize(p);
				c.get().set((float) (0.5 + 0.25 * Math.sin(fx * p[0]) * Math.cos(fy * p[1]) + 0.2 * Math
					.sin(fz * p[2])));
			}
			return img;
		}

		@Override
		public int label(final Split split, final int index) {
			return index % classes;
		}

		@Override
		public int[] cubeSize() {
			return dims.clone();
		}

		@Override
		public int numClasses() {
			return classes;
		}

		@Override
		public IntensityRecipe normalization() {
			return IntensityRecipe.none();
		}

		@Override
		public String fingerprint() {
			return "random";
		}

		@Override
		public void close() {}
	}

	/** A field of /proc/self/status in kB (Linux), or NaN elsewhere. */
	static double status(final String field) {
		final Path p = Paths.get("/proc/self/status");
		try {
			for (final String line : Files.readAllLines(p))
				if (line.startsWith(field + ":")) return Double.parseDouble(line.substring(field
					.length() + 1).replace("kB", "").trim());
		}
		catch (final IOException | NumberFormatException e) {
			return Double.NaN;
		}
		return Double.NaN;
	}

	private static void emit(final String bench, final double value, final String unit,
		final String extra)
	{
		System.out.println(String.format(Locale.ROOT,
			"{\"bench\": \"%s\", \"value\": %s, \"unit\": \"%s\"%s}", bench, Double.isFinite(value)
				? String.format(Locale.ROOT, "%.6g", value) : "null", unit, extra));
	}

	private static Map<String, String> parse(final String[] args) {
		final Map<String, String> a = new LinkedHashMap<>(Map.of("widths", "32,8", "batches",
			"2,4", "steps", "5", "cube", "64,64,32", "classes", "44", "workers", "2", "threads", "0",
			"rss-steps", "50,500", "rss-width", "8", "rss-batch", "2"));
		a.put("profile", "");
		for (final String arg : args) {
			final int eq = arg.indexOf('=');
			if (eq < 0 || !a.containsKey(arg.substring(0, eq))) throw new IllegalArgumentException(
				"argument: expected key=value with key in " + a.keySet() + ", got '" + arg + "'");
			a.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		return a;
	}

	static int[] ints(final String csv) {
		return java.util.Arrays.stream(csv.split(",")).map(String::trim).mapToInt(
			Integer::parseInt).toArray();
	}
}
