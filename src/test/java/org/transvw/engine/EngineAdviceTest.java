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
