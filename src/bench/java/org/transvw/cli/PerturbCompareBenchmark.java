package org.transvw.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.transvw.common.RandomStreams;
import org.transvw.perturbation.ElasticDeformation;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.Transforms;
import org.transvw.perturbation.policy.PerturbationPolicies;
import org.transvw.perturbation.policy.PerturbationPolicy;
import org.transvw.perturbation.policy.SingleTransformPolicy;

import net.imglib2.img.Img;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;

/**
 * {@code transvw-bench perturb-compare [rounds] [seconds]}: the {@code transvw} policy and each of
 * its transforms on one thread in Java and in numpy/scipy ({@code src/bench/python/perturb_numpy.py},
 * the reference's algorithms re-implemented), measured side by side: Java and Python rounds
 * alternate (A/B/A/B) in one invocation, on the same 64x64x32 cubes with the same semantics
 * (a copy of the cube as the target, then the transform or the policy). Default 5 rounds of
 * about 1 s per entry and side.
 * <p>
 * Per entry: Java's and numpy's best round (CPU time of the PROCESS, as Python's
 * {@code time.process_time}, and wall time), and the ratio numpy / Java:
 * <pre>
 * {"bench": "perturb.java.policy.transvw", "value": ms, "unit": "ms/cube", ...}
 * {"bench": "perturb.numpy.policy.transvw", "value": ms, "unit": "ms/cube", ...}
 * {"bench": "perturb.ratio_vs_numpy.policy.transvw", "value": numpy_cpu / java_cpu, "unit": "x",
 *  "wall_ratio": ..., "median_round_ratio": ..., ...}
 * </pre>
 * Every round replays the same cubes on each side (fixed count, fixed keys / reseeded global
 * streams), so rounds differ only by the machine's noise; the policy lines report their branch
 * mix. Each Python round is a fresh process ({@code $TRANSVW_PYTHON}, default /usr/bin/python3,
 * with one BLAS/OpenMP thread) that warms up before it measures. Timings are never asserted.
 */
public final class PerturbCompareBenchmark {

	private static final int[] CUBE = { 64, 64, 32 };

	/** The entries, in the order of perturb_numpy.py. */
	private static final List<String> ENTRIES = List.of("policy.transvw", "transform.elastic",
		"transform.shuffle", "transform.nonlinear", "transform.inpainting", "transform.outpainting",
		"part.elastic-fields", "part.elastic-warp");

	/** At least this many policy cubes per round, so the branch mix is near 1/4 each. */
	private static final int POLICY_CUBES_JAVA = 400, POLICY_CUBES_NUMPY = 40;

	private PerturbCompareBenchmark() {}

	public static void main(final String[] args) throws IOException, InterruptedException {
		final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
		final double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1;
		final String python = System.getenv().getOrDefault("TRANSVW_PYTHON", "/usr/bin/python3");
		final String script = new File(System.getProperty("transvw.root", "."),
			"src/bench/python/perturb_numpy.py").getPath();
		final String loadBefore = loadAverage();
		final Img<FloatType> cube = PerturbBenchmark.randomCube();
		final Map<String, LongConsumer> java = entries(cube);
		// warm the JIT on every entry first
		Parallelization.runSingleThreaded(() -> {
			for (final LongConsumer e : java.values())
				timed(e, 0.5, 3, 1);
		});
		final Map<String, List<double[]>> jr = new LinkedHashMap<>(), nr = new LinkedHashMap<>();
		final Map<String, String> extras = new LinkedHashMap<>();
		for (final String e : ENTRIES) {
			jr.put(e, new ArrayList<>());
			nr.put(e, new ArrayList<>());
		}
		for (int round = 0; round < rounds; round++) {
			// A: Java, one thread
			for (final String e : ENTRIES) {
				final boolean policy = e.startsWith("policy.");
				final double[] r = Parallelization.runSingleThreaded(() -> timed(java.get(e), seconds,
					policy ? POLICY_CUBES_JAVA : 3, 1));
				jr.get(e).add(r);
			}
			// B: numpy, one thread, a fresh process
			for (final String line : runPython(python, script, seconds)) {
				final String bench = field(line, "bench");
				if (bench == null || !bench.startsWith("perturb-numpy.")) continue;
				final String e = bench.substring("perturb-numpy.".length());
				if (!nr.containsKey(e)) continue;
				nr.get(e).add(new double[] { number(line, "cpu_ms_per_cube"), number(line,
					"wall_ms_per_cube"), number(line, "cubes_per_round") });
				extras.put(e, line);
			}
			System.err.println("[perturb-compare] round " + (round + 1) + "/" + rounds + " done");
		}
		final String loadAfter = loadAverage();
		final String versions = extras.isEmpty() ? "" : String.format(Locale.ROOT,
			", \"numpy\": \"%s\", \"scipy\": \"%s\", \"python\": \"%s\"", field(extras.values()
				.iterator().next(), "numpy"), field(extras.values().iterator().next(), "scipy"), field(
					extras.values().iterator().next(), "python"));
		for (final String e : ENTRIES) {
			final List<double[]> j = jr.get(e), n = nr.get(e);
			if (n.isEmpty()) {
				System.err.println("[perturb-compare] no numpy figure for " + e);
				continue;
			}
			final double jc = best(j, 0), jw = best(j, 1), nc = best(n, 0), nw = best(n, 1);
			final double[] paired = new double[Math.min(j.size(), n.size())];
			for (int i = 0; i < paired.length; i++)
				paired[i] = n.get(i)[0] / j.get(i)[0];
			Arrays.sort(paired);
			final String mixJ = e.startsWith("policy.") ? ", \"mix\": " + javaMix(cube, (int) j.get(
				0)[2]) : "";
			final String mixN = e.startsWith("policy.") ? ", \"mix\": " + object(extras.get(e),
				"mix") : "";
			System.out.println(String.format(Locale.ROOT,
				"{\"bench\": \"perturb.java.%s\", \"value\": %.3f, \"unit\": \"ms/cube\", " +
					"\"cpu_ms_per_cube\": %.3f, \"wall_ms_per_cube\": %.3f, \"thread_cpu_ms_per_cube\": " +
					"%.3f, \"threads\": 1, \"rounds\": %d, \"cubes_per_round\": %d%s, \"cube\": " +
					"\"64x64x32\"}", e, jc, jc, jw, best(j, 3), j.size(), (int) j.get(0)[2], mixJ));
			System.out.println(String.format(Locale.ROOT,
				"{\"bench\": \"perturb.numpy.%s\", \"value\": %.3f, \"unit\": \"ms/cube\", " +
					"\"cpu_ms_per_cube\": %.3f, \"wall_ms_per_cube\": %.3f, \"threads\": 1, \"rounds\": " +
					"%d, \"cubes_per_round\": %d%s, \"cube\": \"64x64x32\"%s}", e, nc, nc, nw, n.size(),
				(int) n.get(0)[2], mixN, versions));
			System.out.println(String.format(Locale.ROOT,
				"{\"bench\": \"perturb.ratio_vs_numpy.%s\", \"value\": %.2f, \"unit\": \"x\", " +
					"\"basis\": \"best-round process CPU ms, numpy / java\", \"java_ms\": %.3f, " +
					"\"numpy_ms\": %.3f, \"wall_ratio\": %.2f, \"median_round_ratio\": %.2f, " +
					"\"rounds\": %d, \"load_before\": \"%s\", \"load_after\": \"%s\"}", e, nc / jc, jc, nc,
				nw / jw, paired[paired.length / 2], paired.length, loadBefore, loadAfter));
		}
	}

	/** What each entry does for cube key k: the same work as perturb_numpy.py's entry. */
	private static Map<String, LongConsumer> entries(final Img<FloatType> cube) {
		final Map<String, LongConsumer> m = new LinkedHashMap<>();
		final PerturbationPolicy transvw = PerturbationPolicies.byName("transvw");
		final RandomStreams rng = RandomStreams.seeded(1);
		m.put("policy.transvw", k -> transvw.apply(cube, rng.fork(k)));
		for (final String t : List.of("elastic", "shuffle", "nonlinear", "inpainting",
			"outpainting"))
		{
			final PerturbationPolicy p = new SingleTransformPolicy(t, Transforms.byName(t));
			m.put("transform." + t, k -> p.apply(cube, rng.fork(k)));
		}
		final FloatCube c = FloatCube.copyOf(cube);
		m.put("part.elastic-fields", k -> ElasticDeformation.displacement(
			new ElasticDeformation.Params(ElasticDeformation.ALPHA, ElasticDeformation.SIGMA, k), CUBE));
		final float[][] u = ElasticDeformation.displacement(new ElasticDeformation.Params(
			ElasticDeformation.ALPHA, ElasticDeformation.SIGMA, 7), CUBE);
		m.put("part.elastic-warp", k -> ElasticDeformation.warp(c, u[0], u[1]));
		return m;
	}

	/**
	 * Best of {@code rounds} rounds of the same cubes (keys 0..n-1, n fixed from a warm-up so
	 * that a round takes about {@code seconds}): {process CPU ms, wall ms, n, thread CPU ms}
	 * per cube.
	 */
	private static double[] timed(final LongConsumer entry, final double seconds,
		final int minCubes, final int rounds)
	{
		final long w0 = System.nanoTime();
		long warm = 0;
		while (warm < 3 || System.nanoTime() - w0 < 0.2e9)
			entry.accept(warm++);
		final double per = (System.nanoTime() - w0) / 1e9 / warm;
		final int n = (int) Math.max(minCubes, Math.ceil(seconds / per));
		final double[] best = { Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, n,
			Double.POSITIVE_INFINITY };
		final com.sun.management.OperatingSystemMXBean os =
			(com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		final java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		for (int r = 0; r < rounds; r++) {
			final long t0 = System.nanoTime(), c0 = os.getProcessCpuTime(), th0 = mx
				.getCurrentThreadCpuTime();
			for (long k = 0; k < n; k++)
				entry.accept(k);
			final double wall = (System.nanoTime() - t0) / 1e6 / n;
			final double cpu = (os.getProcessCpuTime() - c0) / 1e6 / n;
			final double thread = (mx.getCurrentThreadCpuTime() - th0) / 1e6 / n;
			best[0] = Math.min(best[0], cpu);
			best[1] = Math.min(best[1], wall);
			best[3] = Math.min(best[3], thread);
		}
		return best;
	}

	private static List<String> runPython(final String python, final String script,
		final double seconds) throws IOException, InterruptedException
	{
		final ProcessBuilder pb = new ProcessBuilder(python, script, "seconds=" + seconds,
			"rounds=1", "policy-cubes=" + POLICY_CUBES_NUMPY, "only=" + String.join(",", ENTRIES));
		pb.redirectError(ProcessBuilder.Redirect.INHERIT);
		final Process p = pb.start();
		final List<String> lines = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
			StandardCharsets.UTF_8)))
		{
			for (String line; (line = r.readLine()) != null;)
				lines.add(line);
		}
		final int rc = p.waitFor();
		if (rc != 0) throw new IOException(python + " " + script + " failed with exit code " + rc);
		return lines;
	}

	/** The branch counts of the Java policy over keys 0..n-1. */
	private static String javaMix(final Img<FloatType> cube, final int n) {
		final PerturbationPolicy transvw = PerturbationPolicies.byName("transvw");
		final RandomStreams rng = RandomStreams.seeded(1);
		final Map<String, Integer> mix = new LinkedHashMap<>();
		for (final String b : List.of("shuffle", "nonlinear", "inpainting", "outpainting"))
			mix.put(b, 0);
		for (long k = 0; k < n; k++) {
			final List<String> names = transvw.draw(rng.fork(k), cube).perturbationNames();
			mix.merge(names.get(names.size() - 1), 1, Integer::sum);
		}
		final List<String> parts = new ArrayList<>();
		mix.forEach((b, c) -> parts.add("\"" + b + "\": " + c));
		return "{" + String.join(", ", parts) + "}";
	}

	private static double best(final List<double[]> rounds, final int i) {
		double b = Double.POSITIVE_INFINITY;
		for (final double[] r : rounds)
			b = Math.min(b, r[i]);
		return b;
	}

	private static String field(final String json, final String key) {
		final Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": \"([^\"]*)\"").matcher(
			json);
		return m.find() ? m.group(1) : null;
	}

	private static double number(final String json, final String key) {
		final Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": ([-0-9.eE+]+)").matcher(
			json);
		if (!m.find()) throw new IllegalStateException("no " + key + " in " + json);
		return Double.parseDouble(m.group(1));
	}

	/** A flat JSON object value ({...} without nesting) of {@code key}, or "null". */
	private static String object(final String json, final String key) {
		final Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": (\\{[^}]*\\})").matcher(
			json);
		return m.find() ? m.group(1) : "null";
	}

	private static String loadAverage() {
		try {
			final String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
			return f[0] + " " + f[1] + " " + f[2];
		}
		catch (final IOException | RuntimeException e) {
			return "n/a";
		}
	}
}
