package org.transvw.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.transvw.engine.EngineSession;

/**
 * Dispatcher behind {@code bin/transvw-bench NAME [args]}: runs {@code <Name>Benchmark.main}.
 * Every benchmark prints one JSON object per line, {@code {"bench": ..., "value": ...,
 * "unit": ...}}, so results can be collected by any tool; timings are never asserted in tests.
 */
public final class Bench {

	private static final Map<String, String> BENCHMARKS = Map.of( //
		"perturb", "PerturbBenchmark", //
		"perturb-compare", "PerturbCompareBenchmark", //
		"train", "TrainBenchmark", //
		"train-compare", "TrainCompareBenchmark", //
		"infer", "InferBenchmark", //
		"phantom", "PhantomBenchmark", //
		"conv3d", "Conv3dCheckBenchmark", //
		"discovery-rss", "DiscoveryRssBenchmark", //
		"precision", "PrecisionBenchmark");

	private Bench() {}

	public static void main(final String[] args) throws ReflectiveOperationException {
		if (args.length < 1 || !BENCHMARKS.containsKey(args[0].toLowerCase(Locale.ROOT))) {
			System.err.println("usage: transvw-bench " + String.join("|", BENCHMARKS.keySet()) +
				" [args...]");
			System.exit(2);
		}
		EngineSession.configure(false);
		final Class<?> c = Class.forName(Bench.class.getPackageName() + "." + BENCHMARKS.get(
			args[0].toLowerCase(Locale.ROOT)));
		final Method main = c.getMethod("main", String[].class);
		try {
			main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
		}
		catch (final InvocationTargetException e) {
			System.err.println("ERROR: " + e.getCause());
			System.exit(1);
		}
	}
}
