package org.transvw.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.transvw.common.RandomStreams;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.LocalShuffle;
import org.transvw.perturbation.Transforms;
import org.transvw.perturbation.policy.PerturbationPolicies;
import org.transvw.perturbation.policy.PerturbationPolicy;
import org.transvw.perturbation.policy.SingleTransformPolicy;

import net.imglib2.img.Img;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;

/**
 * {@code transvw-bench perturb [seconds]}: throughput of every transform and policy on 64x64x32
 * cubes, on one thread and on all cores (one sample per worker), one JSON object
 * per line: {@code {"bench": "perturb.<name>.<single|all>", "value": cubes/s, "unit": "cubes/s",
 * "threads": n, "ms_per_cube": ...}} (single-thread lines add "cpu_ms_per_cube"). Each
 * measurement runs about {@code seconds} (default 2) in 5 rounds after a warm-up; the best round
 * is reported, since on a shared machine the slower rounds measure the neighbours.
 */
public final class PerturbBenchmark {

	private static final int[] CUBE = { 64, 64, 32 };

	private static final int ROUNDS = 5;

	private PerturbBenchmark() {}

	public static void main(final String[] args) {
		final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
		final int cores = Runtime.getRuntime().availableProcessors();
		final Img<FloatType> cube = randomCube();
		// warm the JIT on every code path first, so early entries are not measured interpreted
		for (final PerturbationPolicy p : candidates().values())
			Parallelization.runSingleThreaded(() -> run(p, cube, RandomStreams.seeded(3), seconds /
				4));
		for (final Map.Entry<String, PerturbationPolicy> e : candidates().entrySet()) {
			final PerturbationPolicy p = e.getValue();
			final double[] single = Parallelization.runSingleThreaded(() -> singleThread(p, cube,
				seconds));
			print(e.getKey() + ".single", single[0], 1, String.format(Locale.ROOT,
				", \"cpu_ms_per_cube\": %.3f", single[1]));
			print(e.getKey() + ".all", allThreads(p, cube, cores, seconds), cores, "");
		}
	}

	/** Every transform (as "transform.NAME") and every named policy (as "policy.NAME"). */
	private static Map<String, PerturbationPolicy> candidates() {
		final Map<String, PerturbationPolicy> all = new LinkedHashMap<>();
		for (final String t : Transforms.names())
			all.put("transform." + t, new SingleTransformPolicy(t, Transforms.byName(t)));
		all.put("transform.shuffle-genesis", new SingleTransformPolicy("shuffle", new LocalShuffle(
			LocalShuffle.GENESIS_BLOCKS)));
		for (final String name : PerturbationPolicies.names())
			all.put("policy." + name, PerturbationPolicies.byName(name));
		return all;
	}

	/** {cubes per wall-clock second, CPU milliseconds per cube} on the calling thread. */
	private static double[] singleThread(final PerturbationPolicy p, final Img<FloatType> cube,
		final double seconds)
	{
		final RandomStreams rng = RandomStreams.seeded(1);
		run(p, cube, rng, seconds / 2);
		// best of 5 rounds: on a shared machine the slowest rounds measure the neighbours
		final double[] best = { 0, Double.POSITIVE_INFINITY };
		for (int round = 0; round < ROUNDS; round++) {
			final double[] r = run(p, cube, rng, seconds / ROUNDS);
			best[0] = Math.max(best[0], r[0]);
			best[1] = Math.min(best[1], r[1]);
		}
		return best;
	}

	private static double[] run(final PerturbationPolicy p, final Img<FloatType> cube,
		final RandomStreams rng, final double seconds)
	{
		// CPU time is reported too: on a shared machine it is far steadier than wall time
		final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		final long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
		long n = 0;
		while (System.nanoTime() - t0 < seconds * 1e9)
			p.apply(cube, rng.fork(n++));
		final double wall = (System.nanoTime() - t0) / 1e9;
		return new double[] { n / wall, (mx.getCurrentThreadCpuTime() - c0) / 1e6 / n };
	}

	private static double allThreads(final PerturbationPolicy p, final Img<FloatType> cube,
		final int threads, final double seconds)
	{
		final RandomStreams rng = RandomStreams.seeded(2);
		final int batch = 4 * threads;
		final ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			long key = 0;
			for (final long end = System.nanoTime() + (long) (seconds / 2 * 1e9); System
				.nanoTime() < end; key += batch)
				perturb(pool, p, cube, batch, rng, key);
			double best = 0;
			for (int round = 0; round < ROUNDS; round++) {
				final long t0 = System.nanoTime();
				long n = 0;
				while (System.nanoTime() - t0 < seconds / ROUNDS * 1e9) {
					perturb(pool, p, cube, batch, rng, key);
					key += batch;
					n += batch;
				}
				best = Math.max(best, n / ((System.nanoTime() - t0) / 1e9));
			}
			return best;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** One batch on the pool, each sample single-threaded inside (as the data loader runs it). */
	private static void perturb(final ExecutorService pool, final PerturbationPolicy p,
		final Img<FloatType> cube, final int batch, final RandomStreams rng, final long firstKey)
	{
		final List<Callable<Object>> tasks = new ArrayList<>();
		for (int i = 0; i < batch; i++) {
			final RandomStreams r = rng.fork(firstKey + i);
			tasks.add(() -> Parallelization.runSingleThreaded(() -> p.apply(cube, r)));
		}
		try {
			for (final Future<Object> f : pool.invokeAll(tasks))
				f.get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("benchmark interrupted", e);
		}
		catch (final ExecutionException e) {
			throw new IllegalStateException("perturbation failed", e.getCause());
		}
	}

	/** A 64 x 64 x 32 cube of uniform values, seed 0 (also the comparison's input). */
	static Img<FloatType> randomCube() {
		final FloatCube c = FloatCube.zeros(CUBE);
		final RandomStreams rng = RandomStreams.seeded(0);
		for (int i = 0; i < c.data().length; i++)
			c.data()[i] = rng.nextFloat();
		return c.toImg();
	}

	private static void print(final String bench, final double cubesPerSecond, final int threads,
		final String extra)
	{
		System.out.println(String.format(Locale.ROOT,
			"{\"bench\": \"perturb.%s\", \"value\": %.1f, \"unit\": \"cubes/s\", \"threads\": %d, " +
				"\"ms_per_cube\": %.3f%s, \"cube\": \"64x64x32\"}", bench, cubesPerSecond, threads,
			1000 / cubesPerSecond, extra));
	}
}
