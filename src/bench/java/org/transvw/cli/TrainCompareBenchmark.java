package org.transvw.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.transvw.engine.EngineSession;

import ai.djl.engine.Engine;

/**
 * {@code bin/transvw-bench train-compare [key=value...]}: the TransVW pre-training step in Java
 * (DJL, the real {@code TrainingRun} as in {@link TrainBenchmark}) and in PyTorch-Python
 * ({@code src/bench/python/train_step.py serve}, Debian's python3-torch) alternating A/B/A/B in
 * one run with the same intra-op threads: after each Java step the Python process, waiting on
 * its stdin, runs one step, so each side has the machine to itself while it computes. The first
 * {@code warmup} steps of each side (allocation, kernel selection) are left out.
 * <p>
 * Keys (defaults): {@code width=32 batch=4 cube=64,64,32 classes=44 steps=3 warmup=1 threads=1
 * workers=2 python-channels-last=false}. Prints per step pair {@code train_compare.step} and then the means
 * and the ratio Java / Python ({@code train_compare.ratio}), with both engines' versions and the
 * Java layout ({@code -Dtransvw.channelsLast}).
 */
public final class TrainCompareBenchmark {

	private static final Pattern SECONDS = Pattern.compile("\"seconds\": ([0-9.eE+-]+)");
	private static final Pattern TORCH = Pattern.compile("\"torch\": \"([^\"]+)\"");

	private TrainCompareBenchmark() {}

	public static void main(final String[] args) throws IOException, InterruptedException {
		final Map<String, String> a = new LinkedHashMap<>(Map.of("width", "32", "batch", "4", "cube",
			"64,64,32", "classes", "44", "steps", "3", "threads", "1", "workers", "2",
			"python-channels-last", "false", "warmup", "1"));
		for (final String arg : args) {
			final int eq = arg.indexOf('=');
			if (eq < 0 || !a.containsKey(arg.substring(0, eq))) throw new IllegalArgumentException(
				"argument: expected key=value with key in " + a.keySet() + ", got '" + arg + "'");
			a.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		final int threads = Integer.parseInt(a.get("threads"));
		final int width = Integer.parseInt(a.get("width")), batch = Integer.parseInt(a.get("batch"));
		final int steps = Integer.parseInt(a.get("steps"));
		final int warmup = Integer.parseInt(a.get("warmup"));
		EngineSession.threads(threads);
		EngineSession.engine();
		final String python = System.getenv().getOrDefault("TRANSVW_PYTHON", "/usr/bin/python3");
		final String script = new File(System.getProperty("transvw.root", "."),
			"src/bench/python/train_step.py").getPath();
		final ProcessBuilder pb = new ProcessBuilder(python, script, "serve", "width=" + width,
			"batch=" + batch, "cube=" + a.get("cube"), "classes=" + a.get("classes"), "threads=" +
				threads, "channels-last=" + a.get("python-channels-last")).redirectError(
					ProcessBuilder.Redirect.INHERIT);
		// NB: the Python side runs with glibc's default allocator whatever TRANSVW_MALLOC chose
		// for this JVM
		pb.environment().keySet().removeIf(k -> k.startsWith("MALLOC_"));
		final Process p = pb.start();
		final PrintWriter toPython = new PrintWriter(p.getOutputStream(), true,
			StandardCharsets.UTF_8);
		final BufferedReader fromPython = new BufferedReader(new InputStreamReader(p
			.getInputStream(), StandardCharsets.UTF_8));
		final String ready = fromPython.readLine();
		if (ready == null) throw new IllegalStateException("python: no answer from " + script);
		final Matcher tm = TORCH.matcher(ready);
		final String torch = tm.find() ? tm.group(1) : "?";
		final List<Double> py = new ArrayList<>();
		final TrainBenchmark.Run r = TrainBenchmark.run(width, batch, steps + warmup, TrainBenchmark.ints(a.get("cube")),
			Integer.parseInt(a.get("classes")), Integer.parseInt(a.get("workers")), List.of(), step -> {
				toPython.println("step");
				try {
					final String line = fromPython.readLine();
					final Matcher m = line == null ? null : SECONDS.matcher(line);
					if (m == null || !m.find()) throw new IllegalStateException("python: " + line);
					py.add(Double.parseDouble(m.group(1)));
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		toPython.println("quit");
		p.waitFor();
		final String cfg = String.format(Locale.ROOT, ", \"width\": %d, \"batch\": %d, \"cube\": " +
			"\"%s\", \"threads\": %d, \"libtorch\": \"%s\", \"torch_python\": \"%s\", " +
			"\"java_channels_last\": %s, \"python_channels_last\": %s, \"warmup\": %d, " +
			"\"java_malloc\": \"%s\", \"java_peak_rss_mib\": %.1f", width, batch, a.get("cube")
				.replace(',', 'x'), threads, Engine.getEngine("PyTorch").getVersion(), torch, System
					.getProperty("transvw.channelsLast", "true"), a.get("python-channels-last"), warmup,
			System.getenv("MALLOC_MMAP_MAX_") != null ? "reuse" : "default", InferBenchmark
				.peakRssMiB());
		double sj = 0, sp = 0;
		final List<Double> pairRatios = new ArrayList<>();
		for (int i = warmup; i < r.stepSeconds.size(); i++) {
			final double j = r.stepSeconds.get(i), q = py.get(i);
			sj += j;
			sp += q;
			pairRatios.add(j / q);
			System.out.println(String.format(Locale.ROOT, "{\"bench\": \"train_compare.step\", " +
				"\"value\": %.4f, \"unit\": \"s\", \"pair\": %d, \"python_seconds\": %.4f%s}", j, i, q,
				cfg));
		}
		final int n = r.stepSeconds.size() - warmup;
		pairRatios.sort(null);
		System.out.println(String.format(Locale.ROOT, "{\"bench\": \"train_compare.java_seconds_per_step\", \"value\": %.4f, \"unit\": \"s\"%s}", sj / n, cfg));
		System.out.println(String.format(Locale.ROOT, "{\"bench\": \"train_compare.python_seconds_per_step\", \"value\": %.4f, \"unit\": \"s\"%s}", sp / n, cfg));
		System.out.println(String.format(Locale.ROOT, "{\"bench\": \"train_compare.ratio\", \"value\": %.4f, \"unit\": \"java/python\", \"median_pair_ratio\": %.4f, \"data_wait_fraction\": %.4f%s}",
			sj / sp, pairRatios.get(n / 2), r.dataWaitFraction, cfg));
	}
}
