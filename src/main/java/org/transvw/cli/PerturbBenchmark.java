package org.transvw.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.transvw.common.RandomStreams;
import org.transvw.perturbation.ContextSwap;
import org.transvw.perturbation.ElasticDeformation;
import org.transvw.perturbation.Fill;
import org.transvw.perturbation.Flip;
import org.transvw.perturbation.FloatCube;
import org.transvw.perturbation.Identity;
import org.transvw.perturbation.InPainting;
import org.transvw.perturbation.LocalShuffle;
import org.transvw.perturbation.NonlinearIntensity;
import org.transvw.perturbation.OutPainting;
import org.transvw.perturbation.Perturbation;
import org.transvw.perturbation.Rotation90;
import org.transvw.perturbation.policy.PerturbationPipeline;
import org.transvw.perturbation.policy.PerturbationPolicies;
import org.transvw.perturbation.policy.PerturbationPolicy;
import org.transvw.perturbation.policy.SingleTransformPolicy;

import net.imglib2.img.Img;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.real.FloatType;

/**
 * {@code transvw-bench perturb [seconds]}: throughput of every transform and policy on 64x64x32
 * cubes, on one thread and on all cores (through {@link PerturbationPipeline}), one JSON object
 * per line: {@code {"bench": "perturb.<name>.<single|all>", "value": cubes/s, "unit": "cubes/s",
 * "threads": n, "ms_per_cube": ...}}. Each measurement runs about {@code seconds} (default 2)
 * after a warm-up of half that.
 */
public final class PerturbBenchmark {

	private static final int[] CUBE = { 64, 64, 32 };

	private PerturbBenchmark() {}

	public static void main(final String[] args) {
		final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
		final int cores = Runtime.getRuntime().availableProcessors();
		final Img<FloatType> cube = randomCube();
		for (final Map.Entry<String, PerturbationPolicy> e : candidates().entrySet()) {
			final PerturbationPolicy p = e.getValue();
			final double single = Parallelization.runSingleThreaded(() -> singleThread(p, cube,
				seconds));
			print(e.getKey() + ".single", single, 1);
			print(e.getKey() + ".all", allThreads(p, cube, cores, seconds), cores);
		}
	}

	/** Every transform (as "transform.NAME") and every named policy (as "policy.NAME"). */
	private static Map<String, PerturbationPolicy> candidates() {
		final Map<String, PerturbationPolicy> all = new LinkedHashMap<>();
		final List<Perturbation<?>> transforms = List.of(new ElasticDeformation(), new LocalShuffle(
			LocalShuffle.TRANSVW_BLOCKS), new NonlinearIntensity(), new InPainting(1, 1, Fill.NOISE),
			new OutPainting(1, 1, Fill.NOISE), new Flip(), new Rotation90(), new ContextSwap(),
			new Identity());
		for (final Perturbation<?> t : transforms)
			all.put("transform." + t.name(), new SingleTransformPolicy(t.name(), t));
		all.put("transform.shuffle-genesis", new SingleTransformPolicy("shuffle", new LocalShuffle(
			LocalShuffle.GENESIS_BLOCKS)));
		for (final String name : PerturbationPolicies.names())
			all.put("policy." + name, PerturbationPolicies.byName(name));
		return all;
	}

	private static double singleThread(final PerturbationPolicy p, final Img<FloatType> cube,
		final double seconds)
	{
		final RandomStreams rng = RandomStreams.seeded(1);
		run(p, cube, rng, seconds / 2);
		return run(p, cube, rng, seconds);
	}

	private static double run(final PerturbationPolicy p, final Img<FloatType> cube,
		final RandomStreams rng, final double seconds)
	{
		final long t0 = System.nanoTime();
		long n = 0;
		while (System.nanoTime() - t0 < seconds * 1e9)
			p.apply(cube, rng.fork(n++));
		return n / ((System.nanoTime() - t0) / 1e9);
	}

	private static double allThreads(final PerturbationPolicy p, final Img<FloatType> cube,
		final int threads, final double seconds)
	{
		final List<Img<FloatType>> batch = new ArrayList<>();
		for (int i = 0; i < 4 * threads; i++)
			batch.add(cube);
		final RandomStreams rng = RandomStreams.seeded(2);
		try (PerturbationPipeline pipeline = new PerturbationPipeline(p, threads)) {
			long key = 0;
			for (final long end = System.nanoTime() + (long) (seconds / 2 * 1e9); System
				.nanoTime() < end; key += batch.size())
				pipeline.apply(batch, rng, key);
			final long t0 = System.nanoTime();
			long n = 0;
			while (System.nanoTime() - t0 < seconds * 1e9) {
				pipeline.apply(batch, rng, key + n);
				n += batch.size();
			}
			return n / ((System.nanoTime() - t0) / 1e9);
		}
	}

	private static Img<FloatType> randomCube() {
		final FloatCube c = FloatCube.zeros(CUBE);
		final RandomStreams rng = RandomStreams.seeded(0);
		for (int i = 0; i < c.data().length; i++)
			c.data()[i] = rng.nextFloat();
		return c.toImg();
	}

	private static void print(final String bench, final double cubesPerSecond, final int threads) {
		System.out.println(String.format(Locale.ROOT,
			"{\"bench\": \"perturb.%s\", \"value\": %.1f, \"unit\": \"cubes/s\", \"threads\": %d, " +
				"\"ms_per_cube\": %.3f, \"cube\": \"64x64x32\"}", bench, cubesPerSecond, threads,
			1000 / cubesPerSecond));
	}
}
