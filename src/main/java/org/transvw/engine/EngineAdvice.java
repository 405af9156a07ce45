package org.transvw.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine doctor's reasoning, kept free of DJL calls so it can be tested with synthetic
 * machines: from the facts in {@link Facts} it derives what DJL would download and why, and what
 * the user should do when the GPU cannot be used.
 * <p>
 * The rules encode what DJL 0.36's PyTorch engine does (STACK.md, "DJL"): pytorch-jni 2.7.1-0.36.0
 * holds only {@code cpu} and {@code cu128} builds; cu128 needs an NVIDIA driver &gt;= 570; DJL
 * finds GPUs by loading the CUDA runtime ({@code libcudart}) through JNA, so a GPU with a driver but
 * without the toolkit runtime stays invisible; a {@code pytorch-native-cpu} jar on the class path
 * pins the CPU natives even on a GPU machine; offline mode refuses every download. When the engine
 * did not start ({@link Facts#failure()}), the first advice line says why and how to get the
 * natives ({@link EngineFailure#advice}), and no line says "ready".
 */
public final class EngineAdvice {

	/** Oldest NVIDIA driver branch that runs CUDA 12.8 (cu128) binaries. */
	public static final int MIN_DRIVER_CU128 = 570;
	/** The GPU flavour DJL 0.36 downloads for PyTorch 2.7.1. */
	public static final String GPU_FLAVOUR = "cu128";

	private static final Pattern MAJOR = Pattern.compile("^(\\d+)");

	private EngineAdvice() {}

	/**
	 * What the doctor knows about the machine.
	 *
	 * @param driverVersion NVIDIA kernel driver version (e.g. "570.86.10"), null when no NVIDIA
	 *          driver is loaded
	 * @param cudaRuntime CUDA runtime version DJL found through cudart (e.g. "12.8"), null when
	 *          cudart could not be loaded
	 * @param gpuCount GPUs DJL can use (0 when the runtime is missing)
	 * @param flavour native flavour in use or that would be used ("cpu", "cu128", ...), null when
	 *          unknown
	 * @param nativesOnClassPath true when a pytorch-native-* jar is on the class path (DJL then
	 *          extracts it instead of downloading, whatever the machine has)
	 * @param nativesCached true when the engine cache already holds libtorch for {@code flavour}
	 * @param offline DJL offline mode (downloads refused)
	 * @param cacheWritable whether the engine cache folder can be written
	 * @param failure why the engine did not start, null when it started
	 * @param pytorchVersion the PyTorch version DJL asks for ("2.7.1"), for the natives jar's name
	 * @param classifier the platform ("linux-x86_64"), for the natives jar's name
	 * @param cacheDir the engine cache folder
	 */
	public record Facts(String driverVersion, String cudaRuntime, int gpuCount, String flavour,
		boolean nativesOnClassPath, boolean nativesCached, boolean offline, boolean cacheWritable,
		EngineFailure failure, String pytorchVersion, String classifier, String cacheDir)
	{

		/** The facts of a machine whose engine started. */
		public Facts(final String driverVersion, final String cudaRuntime, final int gpuCount,
			final String flavour, final boolean nativesOnClassPath, final boolean nativesCached,
			final boolean offline, final boolean cacheWritable)
		{
			this(driverVersion, cudaRuntime, gpuCount, flavour, nativesOnClassPath, nativesCached,
				offline, cacheWritable, null, null, null, null);
		}
	}

	/** The doctor's conclusions: planned downloads (with reasons) and advice lines. */
	public record Advice(List<String> downloads, List<String> advice) {

		public Advice {
			downloads = List.copyOf(downloads);
			advice = List.copyOf(advice);
		}
	}

	/** Derives downloads and advice from the facts; pure. */
	public static Advice advise(final Facts f) {
		final List<String> downloads = new ArrayList<>();
		final List<String> advice = new ArrayList<>();
		final boolean nvidia = f.driverVersion() != null;
		final int driverMajor = nvidia ? driverMajor(f.driverVersion()) : -1;
		final boolean driverOk = driverMajor >= MIN_DRIVER_CU128;
		final boolean runtimeOk = f.cudaRuntime() != null && f.gpuCount() > 0;
		final boolean cpuNatives = f.flavour() == null || f.flavour().startsWith("cpu");

		if (nvidia && !driverOk) advice.add("GPU not usable: NVIDIA driver " + f.driverVersion() +
			" found: driver too old for " + GPU_FLAVOUR + " (needs >= " + MIN_DRIVER_CU128 +
			"). Update the NVIDIA driver; until then TransVW runs on the CPU.");
		if (nvidia && f.cudaRuntime() == null) advice.add("GPU not usable: missing CUDA runtime " +
			"(libcudart not found). DJL detects GPUs by loading the CUDA 12.x runtime: install the " +
			"CUDA toolkit runtime or add its lib folder to LD_LIBRARY_PATH, then restart Fiji.");
		if (nvidia && driverOk && runtimeOk && cpuNatives) {
			if (f.nativesOnClassPath()) advice.add("GPU not usable: natives are CPU-only: a " +
				"pytorch-native-cpu jar is on the class path and pins the CPU build. Remove it " +
				"(in Fiji: jars/pytorch-native-cpu*.jar) so DJL can fetch " + GPU_FLAVOUR + ".");
			else {
				downloads.add("PyTorch " + GPU_FLAVOUR + " libtorch (about 2-3 GB, from " +
					"publish.djl.ai) into the engine cache: a CUDA GPU with driver " + f
						.driverVersion() + " (>= " + MIN_DRIVER_CU128 + ") is present, but only CPU " +
					"natives are installed");
				if (f.offline()) advice.add("Offline mode prevents the " + GPU_FLAVOUR +
					" download: run Engine info once with 'Download natives if missing' checked " +
					"(or copy a " + GPU_FLAVOUR + " libtorch into the engine cache).");
			}
		}
		final EngineFailure failure = f.failure();
		if (!nvidia && !f.nativesOnClassPath() && !f.nativesCached()) {
			downloads.add("PyTorch cpu libtorch (about 200 MB, from publish.djl.ai) into the " +
				"engine cache: no PyTorch natives are installed yet");
			if (f.offline() && (failure == null || !failure.nativesMissing())) advice.add(
				"Offline mode prevents the CPU natives download: run Engine info once with " +
					"'Download natives if missing' checked.");
		}
		if (!downloads.isEmpty() && !f.cacheWritable() && (failure == null || failure
			.kind() != EngineFailure.Kind.CACHE_NOT_WRITABLE)) advice.add("The engine cache " +
				"folder is not writable: set ENGINE_CACHE_DIR to a writable folder before starting " +
				"Fiji.");
		if (failure != null) {
			// NB: first, since nothing runs until it is fixed; and never "ready" after a failure
			advice.add(0, failure.advice(f.pytorchVersion(), f.classifier(), f.cacheDir()));
			if (nvidia && failure.nativesMissing()) advice.add("With the CPU natives jar " +
				"TransVW runs on the CPU; the GPU natives (" + GPU_FLAVOUR + ") need the download.");
		}
		else if (advice.isEmpty()) advice.add(nvidia && runtimeOk && !cpuNatives
			? "GPU ready: TransVW uses " + f.flavour() + " on " + f.gpuCount() + " GPU(s)."
			: "CPU engine ready" + (nvidia ? "" : " (no NVIDIA GPU found)") + ".");
		return new Advice(downloads, advice);
	}

	/** The major version of an NVIDIA driver string ("535.104.05" gives 535), -1 if unreadable. */
	public static int driverMajor(final String driverVersion) {
		if (driverVersion == null) return -1;
		final Matcher m = MAJOR.matcher(driverVersion.trim());
		return m.find() ? Integer.parseInt(m.group(1)) : -1;
	}
}
