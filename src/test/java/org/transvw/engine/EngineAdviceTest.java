package org.transvw.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;
import org.transvw.engine.EngineAdvice.Advice;
import org.transvw.engine.EngineAdvice.Facts;

/** The doctor's reasoning on synthetic machines (no engine, no GPU needed). */
public class EngineAdviceTest {

	private static boolean any(final Iterable<String> lines, final String part) {
		for (final String l : lines)
			if (l.contains(part)) return true;
		return false;
	}

	@Test
	public void oldDriverIsTooOldForCu128() {
		final Advice a = EngineAdvice.advise(new Facts("535.104.05", "12.2", 1, "cpu", false, true,
			true, true));
		assertTrue(a.advice().toString(), any(a.advice(),
			"driver too old for cu128 (needs >= 570)"));
		assertTrue("no GPU download with an old driver: " + a.downloads(), a.downloads().isEmpty());
	}

	@Test
	public void gpuWithCpuNativesPlansCu128DownloadAndOfflineBlocksIt() {
		final Advice offline = EngineAdvice.advise(new Facts("570.86.10", "12.8", 1, "cpu", false,
			true, true, true));
		assertEquals(1, offline.downloads().size());
		assertTrue(offline.downloads().get(0).contains("cu128"));
		assertTrue(offline.advice().toString(), any(offline.advice(), "Offline mode prevents"));
		final Advice online = EngineAdvice.advise(new Facts("570.86.10", "12.8", 1, "cpu", false,
			true, false, true));
		assertEquals(1, online.downloads().size());
		assertTrue(online.advice().toString(), !any(online.advice(), "Offline"));
	}

	@Test
	public void missingCudaRuntimeIsNamed() {
		final Advice a = EngineAdvice.advise(new Facts("575.51.03", null, 0, "cpu", false, true,
			true, true));
		assertTrue(a.advice().toString(), any(a.advice(), "missing CUDA runtime"));
		assertTrue(a.downloads().isEmpty());
	}

	@Test
	public void cpuNativesJarPinsCpu() {
		final Advice a = EngineAdvice.advise(new Facts("580.65.06", "12.8", 2, "cpu", true, true,
			true, true));
		assertTrue(a.advice().toString(), any(a.advice(), "natives are CPU-only"));
		assertTrue(a.downloads().isEmpty());
	}

	@Test
	public void readyGpuAndReadyCpu() {
		final Advice gpu = EngineAdvice.advise(new Facts("570.86.10", "12.8", 1, "cu128", false,
			true, true, true));
		assertEquals(1, gpu.advice().size());
		assertTrue(gpu.advice().get(0), gpu.advice().get(0).startsWith("GPU ready"));
		final Advice cpu = EngineAdvice.advise(new Facts(null, null, 0, "cpu", true, true, true,
			true));
		assertTrue(cpu.downloads().isEmpty());
		assertTrue(cpu.advice().get(0), cpu.advice().get(0).startsWith("CPU engine ready"));
	}

	@Test
	public void cpuMachineWithoutNativesPlansCpuDownloadAndChecksCache() {
		final Advice a = EngineAdvice.advise(new Facts(null, null, 0, "cpu", false, false, true,
			false));
		assertEquals(1, a.downloads().size());
		assertTrue(a.downloads().get(0).contains("cpu libtorch"));
		assertTrue(any(a.advice(), "Offline mode prevents the CPU natives download"));
		assertTrue(any(a.advice(), "ENGINE_CACHE_DIR"));
	}

	private static Facts cpuWithout(final EngineFailure failure, final boolean offline) {
		return new Facts(null, null, 0, "cpu", false, false, offline, true, failure, "2.7.1",
			"linux-x86_64", "/home/u/.djl.ai");
	}

	@Test
	public void failedStartsAreClassifiedFromTheExceptionChain() {
		final RuntimeException offline = new RuntimeException("Failed to save pytorch index file",
			new IOException("Offline mode is enabled."));
		assertEquals(EngineFailure.Kind.OFFLINE_NO_NATIVES, EngineFailure.of(offline).kind());
		assertEquals("RuntimeException: Failed to save pytorch index file; caused by " +
			"IOException: Offline mode is enabled.", EngineFailure.of(offline).detail());
		assertEquals(EngineFailure.Kind.NO_NETWORK, EngineFailure.of(new RuntimeException("x",
			new java.net.UnknownHostException("publish.djl.ai"))).kind());
		assertEquals(EngineFailure.Kind.CACHE_NOT_WRITABLE, EngineFailure.of(new RuntimeException(
			"Failed to extract", new java.nio.file.AccessDeniedException("/opt/cache"))).kind());
		assertEquals(EngineFailure.Kind.NATIVES_UNLOADABLE, EngineFailure.of(new UnsatisfiedLinkError(
			"libtorch_cpu.so: cannot open")).kind());
		assertEquals(EngineFailure.Kind.OTHER, EngineFailure.of(new IllegalStateException("bug"))
			.kind());
		assertTrue(EngineFailure.of(offline).nativesMissing());
	}

	@Test
	public void aFailedDownloadIsNeverReadyAndNamesTheJar() {
		final EngineFailure noNet = EngineFailure.of(new RuntimeException(
			"Failed to save pytorch index file", new java.net.UnknownHostException("publish.djl.ai")));
		final Advice a = EngineAdvice.advise(cpuWithout(noNet, false));
		assertEquals("Could not download: no network (cannot resolve publish.djl.ai); put " +
			"pytorch-native-cpu-2.7.1-linux-x86_64.jar (from Maven Central, " +
			"ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64) into Fiji.app/jars/ and restart " +
			"Fiji.", a.advice().get(0));
		assertTrue(a.advice().toString(), !any(a.advice(), "ready"));
		final Advice offline = EngineAdvice.advise(cpuWithout(EngineFailure.of(new RuntimeException(
			"Failed to save pytorch index file", new IOException("Offline mode is enabled."))), true));
		assertTrue(offline.advice().get(0), offline.advice().get(0).startsWith(
			"PyTorch natives are not installed and offline mode refused the one-time download: put " +
				"pytorch-native-cpu-2.7.1-linux-x86_64.jar"));
		assertEquals("one line, not the generic offline line too", 1, offline.advice().size());
		assertTrue(!any(offline.advice(), "ready"));
	}

	@Test
	public void anyOtherFailureIsReportedAndNotReady() {
		final Advice a = EngineAdvice.advise(new Facts(null, null, 0, "cpu", true, true, true, true,
			EngineFailure.of(new IllegalStateException("boom")), "2.7.1", "linux-x86_64", "/c"));
		assertEquals("The PyTorch engine did not start (IllegalStateException: boom).", a.advice()
			.get(0));
		assertEquals(1, a.advice().size());
		final Advice gpu = EngineAdvice.advise(new Facts("570.86.10", "12.8", 1, "cpu", false, false,
			false, true, EngineFailure.of(new java.net.ConnectException("refused")), "2.7.1",
			"linux-x86_64", "/c"));
		assertTrue(gpu.advice().toString(), gpu.advice().get(0).startsWith("Could not download"));
		assertTrue(gpu.advice().toString(), any(gpu.advice(), "TransVW runs on the CPU"));
		assertTrue(!any(gpu.advice(), "ready"));
	}

	@Test
	public void driverVersionParsing() throws IOException {
		assertEquals(535, EngineAdvice.driverMajor("535.104.05"));
		assertEquals(-1, EngineAdvice.driverMajor("unknown"));
		final Path f = Files.createTempFile("nvidia", "version");
		try {
			Files.writeString(f, "NVRM version: NVIDIA UNIX x86_64 Kernel Module  570.86.10  " +
				"Fri Jan 10 2025\nGCC version:  gcc version 12.2.0\n");
			assertEquals("570.86.10", EngineProbe.driverVersion(f));
		}
		finally {
			Files.delete(f);
		}
		assertEquals(null, EngineProbe.driverVersion(f));
		assertEquals("cpu", EngineProbe.flavourOf("2.7.1-20250812-cpu-linux-x86_64"));
		assertEquals("cu128", EngineProbe.flavourOf("2.7.1-cu128-linux-x86_64"));
		assertEquals(null, EngineProbe.flavourOf("tmp123"));
	}
}
