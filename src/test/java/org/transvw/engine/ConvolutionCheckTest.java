package org.transvw.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;
import org.transvw.cli.Conv3dCheckBenchmark;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The reproducer of round 1's claimed libtorch 2.7.1 CPU conv3d defects, as a test: unpadded
 * float32 convolutions (forward, input and weight gradients) equal the float64 ones for every
 * channel count a U-Net of base 1-8 uses, contain no NaN, and repeated runs are bit-identical,
 * with the engine's default threads in this JVM and with the other of 1 / 2 threads in a fresh
 * one. On a CPU where libtorch were wrong this test names the case; no workaround is kept, since
 * no machine here reproduces a defect (docs/network.md).
 */
@Category(EngineTests.class)
public class ConvolutionCheckTest {

	/**
	 * Largest error relative to the float64 magnitude: measured worst 7.4e-6 (weight gradients
	 * summing 32768 float32 products); the claimed defect gave 0.1-0.9 on values of order 1.
	 */
	private static final double RELATIVE_TOLERANCE = 1e-4;

	@Test
	public void float32ConvolutionMatchesFloat64AndRepeatsExactly() throws Exception {
		EngineSession.engine();
		final int threads = JniUtils.getNumThreads();
		final List<ConvolutionCheck.Result> rs = ConvolutionCheck.run(Device.cpu(), ConvolutionCheck
			.defaultCases(), 42, 2);
		for (final ConvolutionCheck.Result r : rs) {
			final String what = r.toJson(threads);
			assertEquals(what, 0, r.nonFinite());
			assertTrue(what, r.worstRelativeError() < RELATIVE_TOLERANCE);
			assertEquals(what, 0, r.repeatSpread(), 0);
		}
		// the other thread count, in a fresh JVM (the engine reads it once)
		final int other = threads == 1 ? 2 : 1;
		final ForkedJvm.Outcome o = ForkedJvm.run(Conv3dCheckBenchmark.class, e -> true, List.of(
			"-Dai.djl.offline=true"), Map.of("DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true"), 600,
			Integer.toString(other), "2");
		assertEquals(o.output(), 0, o.exitCode());
		final String line = o.output().lines().filter(l -> l.contains("conv3d.check.summary"))
			.findFirst().orElseThrow(() -> new AssertionError(o.output()));
		final JsonObject s = JsonParser.parseString(line).getAsJsonObject();
		assertEquals(line, other, s.get("threads").getAsInt());
		assertEquals(line, rs.size(), s.get("cases").getAsInt());
		assertEquals(line, 0, s.get("nonFinite").getAsLong());
		assertTrue(line, s.get("worstRelativeError").getAsDouble() < RELATIVE_TOLERANCE);
		assertEquals(line, 0, s.get("repeatSpread").getAsDouble(), 0);
	}

	@Test
	public void aWrongConvolutionWouldBeCaught() {
		// the oracle itself: a result off by the claimed 0.1 is far outside the tolerance
		final ConvolutionCheck.Result wrong = new ConvolutionCheck.Result(new ConvolutionCheck.Case(
			2, 24, 4, 3, new int[] { 4, 4, 2 }), 0.1, 0, 0, 0, 0, new double[] { 1, 1, 1 });
		assertTrue(wrong.worstRelativeError() >= RELATIVE_TOLERANCE);
		final ConvolutionCheck.Result nan = new ConvolutionCheck.Result(new ConvolutionCheck.Case(2,
			24, 4, 3, new int[] { 4, 4, 2 }), Double.POSITIVE_INFINITY, 0, 0, 3, 0, new double[] { 1,
				1, 1 });
		assertTrue(nan.worstRelativeError() >= RELATIVE_TOLERANCE);
	}
}
