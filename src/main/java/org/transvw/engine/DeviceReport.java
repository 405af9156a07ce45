package org.transvw.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import ai.djl.util.Utils;

/**
 * The engine doctor's facts: DJL and PyTorch versions, native flavour, engine cache, offline mode,
 * CUDA runtime and driver, threads, devices with their memory, a smoke test per device, and the
 * derived downloads and advice ({@link EngineAdvice}). UI-free; the {@code Engine info} command
 * and launchers print {@link #toText()} or {@link #toJson()}.
 * <p>
 * Usage: <pre>{@code DeviceReport r = DeviceReport.collect(false, Duration.ofSeconds(1));}</pre>
 * Trap: DJL reads offline mode and the thread counts once, when the engine starts; a report taken
 * after the engine started in this JVM shows the engine as it was started.
 *
 * @param natives versions, flavour and where libtorch lives
 * @param cache engine cache folder, offline mode and installed natives
 * @param cuda CUDA runtime and driver as seen by DJL and the kernel
 * @param intraOpThreads PyTorch intra-op threads (-1 when the engine did not start)
 * @param interOpThreads PyTorch inter-op threads (-1 when the engine did not start)
 * @param devices the CPU and the GPUs DJL can use
 * @param smokeTests one per device
 * @param advice planned downloads and advice
 * @param engineError why the engine did not start (the exception chain), null when it started
 * @param engineFailure the class of that failure ({@link EngineFailure.Kind} name), null when the
 *          engine started
 */
public record DeviceReport(Natives natives, Cache cache, Cuda cuda, int intraOpThreads,
	int interOpThreads, List<DeviceInfo> devices, List<SmokeTest> smokeTests,
	EngineAdvice.Advice advice, String engineError, String engineFailure)
{

	/** Versions and native library location; {@code flavour} is "cpu", "cu128", ... */
	public record Natives(String djlVersion, String pytorchVersion, String flavour,
		String classifier, String libtorchDir, boolean onClassPath)
	{}

	/** The engine cache ({@code ai.djl.util.Utils.getEngineCacheDir()}) and offline mode. */
	public record Cache(String dir, boolean writable, boolean offline, List<String> installed) {}

	/** CUDA runtime version ("12.8") and NVIDIA driver version; null when absent. */
	public record Cuda(String runtime, String driver, int gpuCount) {}

	/** A device and its memory in bytes (-1 when unknown). */
	public record DeviceInfo(String name, long memoryTotal, long memoryUsed, String detail) {}

	/** The smoke test's verdict on one device. */
	public record SmokeTest(String device, boolean passed, int runs, double millisPerRun,
		String message)
	{}

	public DeviceReport {
		devices = List.copyOf(devices);
		smokeTests = List.copyOf(smokeTests);
	}

	/**
	 * Collects the report: configures offline mode ({@link EngineSession#configure}), starts the
	 * engine, probes devices and runs the smoke test on each for about {@code smokeBudget}.
	 * After a permitted download the JVM is put back into offline mode.
	 *
	 * @param allowDownload true only when the user asked for the one-time native download
	 * @param smokeBudget time to spend on each device's smoke test (at least one run)
	 */
	public static DeviceReport collect(final boolean allowDownload, final Duration smokeBudget) {
		EngineSession.configure(allowDownload);
		try {
			return EngineSession.withDjlClassLoader(() -> probe(smokeBudget));
		}
		finally {
			if (allowDownload) EngineSession.configure(false);
		}
	}

	private static DeviceReport probe(final Duration smokeBudget) {
		Platform platform = null;
		String engineError = null;
		try {
			platform = Platform.detectPlatform("pytorch");
		}
		catch (final RuntimeException e) {
			engineError = "cannot detect the PyTorch platform: " + e;
		}
		final Path root = Utils.getEngineCacheDir();
		final Path pytorchCache = Utils.getEngineCacheDir("pytorch");
		List<String> installed;
		try {
			installed = EngineProbe.installedNatives(pytorchCache);
		}
		catch (final IOException e) {
			// NB: the doctor reports an unreadable cache instead of failing on it
			installed = List.of();
			engineError = "engine cache: cannot list " + pytorchCache + ": " + e;
		}
		final Cache cache = new Cache(root.toString(), EngineProbe.writable(root), Utils
			.isOfflineMode(), installed);
		final Cuda cuda = new Cuda(EngineProbe.cudaRuntime(), EngineProbe.driverVersion(
			EngineProbe.NVIDIA_PROC), EngineProbe.cudaGpuCount());
		final boolean onClassPath = platform != null && !platform.isPlaceholder();
		String flavour = platform == null ? null : platform.getFlavor();
		String pytorchVersion = platform == null ? null : platform.getVersion();
		String libtorchDir = null;
		int intra = -1, inter = -1;
		final List<DeviceInfo> devices = new ArrayList<>();
		final List<SmokeTest> smoke = new ArrayList<>();
		EngineFailure failure = null;
		try {
			final Engine engine = EngineSession.engine();
			pytorchVersion = engine.getVersion();
			libtorchDir = LibUtils.getLibtorchPath();
			final String used = EngineProbe.flavourOf(Paths.get(libtorchDir).getFileName()
				.toString());
			if (used != null) flavour = used;
			intra = JniUtils.getNumThreads();
			inter = JniUtils.getNumInteropThreads();
			devices.addAll(EngineProbe.devices(engine));
			for (final Device d : EngineProbe.deviceList(engine))
				smoke.add(EngineProbe.smoke(engine, d, smokeBudget));
		}
		catch (final EngineUnavailableException e) {
			failure = e.failure();
		}
		catch (final RuntimeException | LinkageError e) {
			// NB: the doctor's job is to report a broken engine, so the failure becomes a fact.
			failure = EngineFailure.of(e);
		}
		if (failure != null) engineError = (engineError == null ? "" : engineError + "; ") +
			failure.detail();
		final String suffix = "-" + flavour + "-";
		final boolean cached = installed.stream().anyMatch(n -> n.contains(suffix));
		final String version = pytorchVersion == null ? null : pytorchVersion.replaceFirst("-.*",
			"");
		final EngineAdvice.Advice advice = EngineAdvice.advise(new EngineAdvice.Facts(cuda.driver(),
			cuda.runtime(), cuda.gpuCount(), flavour, onClassPath, cached, cache.offline(), cache
				.writable(), failure, version, platform == null ? null : platform.getClassifier(),
			cache.dir()));
		final Natives natives = new Natives(Engine.getDjlVersion(), pytorchVersion, flavour,
			platform == null ? null : platform.getClassifier(), libtorchDir, onClassPath);
		return new DeviceReport(natives, cache, cuda, intra, inter, devices, smoke, advice,
			engineError, failure == null ? null : failure.kind().name());
	}

	/** The CPU's smoke test, null when the engine did not start. */
	public SmokeTest cpuSmokeTest() {
		return smokeTests.stream().filter(s -> s.device().startsWith("cpu")).findFirst().orElse(
			null);
	}

	/** Human-readable report, one fact per line. */
	public String toText() {
		final StringBuilder b = new StringBuilder("TransVW engine info\n");
		line(b, "DJL version", natives.djlVersion());
		line(b, "PyTorch version", natives.pytorchVersion());
		line(b, "Native flavour", natives.flavour() + " (" + natives.classifier() + (natives
			.onClassPath() ? ", natives jar on class path" : "") + ")");
		line(b, "Libtorch folder", natives.libtorchDir());
		line(b, "Engine cache", cache.dir() + (cache.writable() ? " (writable)"
			: " (NOT writable)"));
		line(b, "Installed natives", cache.installed().isEmpty() ? "none" : String.join(", ",
			cache.installed()));
		line(b, "Offline mode", cache.offline() ? "on (no downloads)" : "off");
		line(b, "CUDA runtime", cuda.runtime() == null ? "not found" : cuda.runtime());
		line(b, "NVIDIA driver", cuda.driver() == null ? "not found" : cuda.driver());
		line(b, "GPUs usable", Integer.toString(cuda.gpuCount()));
		line(b, "Threads", intraOpThreads < 0 ? "unknown" : intraOpThreads + " intra-op, " +
			interOpThreads + " inter-op");
		for (final DeviceInfo d : devices)
			line(b, "Device " + d.name(), bytes(d.memoryTotal()) + " total, " + bytes(d
				.memoryUsed()) + " used; " + d.detail());
		for (final SmokeTest s : smokeTests)
			line(b, "Smoke test " + s.device(), (s.passed() ? "PASSED " : "FAILED ") + String.format(
				Locale.ROOT, "(%.1f ms/run) ", s.millisPerRun()) + s.message());
		if (engineError != null) line(b, "Engine error", engineError);
		for (final String d : advice.downloads())
			line(b, "Would download", d);
		for (final String a : advice.advice())
			line(b, "Advice", a);
		return b.toString();
	}

	/** The same facts as JSON (all keys always present; null where absent). */
	public String toJson() {
		final JsonObject o = new JsonObject();
		o.addProperty("djlVersion", natives.djlVersion());
		o.addProperty("pytorchVersion", natives.pytorchVersion());
		o.addProperty("flavour", natives.flavour());
		o.addProperty("classifier", natives.classifier());
		o.addProperty("libtorchDir", natives.libtorchDir());
		o.addProperty("nativesOnClassPath", natives.onClassPath());
		o.addProperty("engineCacheDir", cache.dir());
		o.addProperty("engineCacheWritable", cache.writable());
		o.addProperty("offline", cache.offline());
		o.add("installedNatives", strings(cache.installed()));
		o.addProperty("cudaRuntime", cuda.runtime());
		o.addProperty("driverVersion", cuda.driver());
		o.addProperty("gpuCount", cuda.gpuCount());
		o.addProperty("intraOpThreads", intraOpThreads);
		o.addProperty("interOpThreads", interOpThreads);
		final JsonArray ds = new JsonArray();
		for (final DeviceInfo d : devices) {
			final JsonObject j = new JsonObject();
			j.addProperty("name", d.name());
			j.addProperty("memoryTotal", d.memoryTotal());
			j.addProperty("memoryUsed", d.memoryUsed());
			j.addProperty("detail", d.detail());
			ds.add(j);
		}
		o.add("devices", ds);
		final JsonArray ss = new JsonArray();
		for (final SmokeTest s : smokeTests) {
			final JsonObject j = new JsonObject();
			j.addProperty("device", s.device());
			j.addProperty("passed", s.passed());
			j.addProperty("runs", s.runs());
			j.addProperty("millisPerRun", s.millisPerRun());
			j.addProperty("message", s.message());
			ss.add(j);
		}
		o.add("smokeTests", ss);
		o.add("downloads", strings(advice.downloads()));
		o.add("advice", strings(advice.advice()));
		o.addProperty("engineError", engineError);
		o.addProperty("engineFailure", engineFailure);
		return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o);
	}

	/** Bytes as "1.5 GiB"; "unknown" when negative. */
	static String bytes(final long n) {
		if (n < 0) return "unknown";
		final String[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
		double v = n;
		int u = 0;
		while (v >= 1024 && u < units.length - 1) {
			v /= 1024;
			u++;
		}
		return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
	}

	private static JsonArray strings(final List<String> list) {
		final JsonArray a = new JsonArray();
		list.forEach(a::add);
		return a;
	}

	private static void line(final StringBuilder b, final String key, final String value) {
		b.append(String.format(Locale.ROOT, "%-22s %s%n", key + ":", value));
	}
}
