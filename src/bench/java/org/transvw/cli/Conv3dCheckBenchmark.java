package org.transvw.cli;

import java.util.List;

import org.transvw.engine.ConvolutionCheck;
import org.transvw.engine.EngineSession;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;

/**
 * {@code bin/transvw-bench conv3d [threads] [repeats]}: the standalone reproducer of the claimed
 * libtorch 2.7.1 CPU {@code conv3d} defects ({@link ConvolutionCheck#defaultCases()}, float32
 * against float64, forward and both gradients, repeated runs). Prints one JSON line per case and
 * a summary line {@code conv3d.check.summary} (largest errors, non-finite count, repeat spread).
 * {@code threads} 0 (default) keeps the engine's default; run once per thread count, since the
 * engine reads it once per JVM.
 */
public final class Conv3dCheckBenchmark {

	private Conv3dCheckBenchmark() {}

	public static void main(final String[] args) {
		final int threads = args.length > 0 ? Integer.parseInt(args[0]) : 0;
		final int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		if (threads > 0) EngineSession.threads(threads);
		EngineSession.engine();
		final int used = JniUtils.getNumThreads();
		final List<ConvolutionCheck.Result> rs = ConvolutionCheck.run(Device.cpu(), ConvolutionCheck
			.defaultCases(), 42, repeats);
		double fwd = 0, dx = 0, dw = 0, rel = 0, spread = 0;
		long nonFinite = 0;
		for (final ConvolutionCheck.Result r : rs) {
			System.out.println(r.toJson(used));
			fwd = Math.max(fwd, r.forwardError());
			dx = Math.max(dx, r.inputGradientError());
			dw = Math.max(dw, r.weightGradientError());
			rel = Math.max(rel, r.worstRelativeError());
			spread = Math.max(spread, r.repeatSpread());
			nonFinite += r.nonFinite();
		}
		System.out.printf(java.util.Locale.ROOT, "{\"bench\": \"conv3d.check.summary\", " +
			"\"threads\": %d, \"cases\": %d, \"forwardMaxAbsError\": %.3e, \"inputGradMaxAbsError\": " +
			"%.3e, \"weightGradMaxAbsError\": %.3e, \"worstRelativeError\": %.3e, \"nonFinite\": %d, " +
			"\"repeatSpread\": %.3e}%n", used, rs.size(), fwd, dx, dw, rel, nonFinite, spread);
	}
}
