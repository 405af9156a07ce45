package org.transvw.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.transvw.engine.DeviceReport.DeviceInfo;
import org.transvw.engine.DeviceReport.SmokeTest;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.util.cuda.CudaUtils;

/**
 * The fact-finding half of the engine doctor: reads the NVIDIA driver version, the CUDA runtime
 * DJL sees, the engine cache, the devices and their memory, and runs the per-device smoke test.
 * Nothing here contacts the network; the engine itself is started by {@link DeviceReport#collect}
 * through {@link EngineSession}.
 */
final class EngineProbe {

	/** Where Linux's NVIDIA kernel module reports its version. */
	static final Path NVIDIA_PROC = Paths.get("/proc/driver/nvidia/version");

	private static final Pattern DRIVER = Pattern.compile("Kernel Module\\s+([0-9][0-9.]*)");
	/** Cache folder names look like {@code 2.7.1-20250812-cpu-linux-x86_64}. */
	private static final Pattern FLAVOUR = Pattern.compile("-(cpu|cu\\d+)(-precxx11)?-");

	/** Smoke-test input edge (voxels) and kernel: a ones-by-ones 3x3x3 convolution gives 27. */
	private static final int SMOKE_EDGE = 24;
	private static final float SMOKE_EXPECTED = 27f;
	private static final int SMOKE_MAX_RUNS = 10_000;
	/** Forward cases of {@link ConvolutionCheck} run by the smoke test (about 5 ms on a CPU). */
	private static final List<ConvolutionCheck.Case> AWKWARD = List.of(new ConvolutionCheck.Case(2,
		24, 4, 3, new int[] { 8, 8, 4 }), new ConvolutionCheck.Case(2, 40, 8, 3, new int[] { 8, 8,
			4 }));
	/** Relative float32-vs-float64 error the smoke test accepts (measured: ~1e-6). */
	private static final double CONV_TOLERANCE = 1e-4;

	private EngineProbe() {}

	/** The NVIDIA driver version from {@code file}, null when the file is absent or unreadable. */
	static String driverVersion(final Path file) {
		if (!Files.isReadable(file)) return null;
		try {
			final Matcher m = DRIVER.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
			return m.find() ? m.group(1) : null;
		}
		catch (final IOException e) {
			return null; // NB: a driver file we cannot read is reported as "no driver found".
		}
	}

	/** The CUDA runtime version DJL loads through JNA ("12.8"), null when cudart is missing. */
	static String cudaRuntime() {
		if (!CudaUtils.hasCuda()) return null;
		final int v = CudaUtils.getCudaVersion();
		return (v / 1000) + "." + (v % 1000) / 10;
	}

	/** GPUs the CUDA runtime reports; 0 when cudart is missing. */
	static int cudaGpuCount() {
		return CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0;
	}

	/** The flavour in a libtorch folder name ("cpu", "cu128"), null when the name has none. */
	static String flavourOf(final String folderName) {
		if (folderName == null) return null;
		final Matcher m = FLAVOUR.matcher(folderName);
		return m.find() ? m.group(1) : null;
	}

	/** Whether {@code dir}, or the nearest existing folder above it, can be written. */
	static boolean writable(final Path dir) {
		Path p = dir.toAbsolutePath();
		while (p != null && !Files.exists(p))
			p = p.getParent();
		return p != null && Files.isDirectory(p) && Files.isWritable(p);
	}

	/** Names of the libtorch folders in the PyTorch engine cache, sorted. */
	static List<String> installedNatives(final Path pytorchCache) throws IOException {
		if (!Files.isDirectory(pytorchCache)) return List.of();
		try (Stream<Path> s = Files.list(pytorchCache)) {
			return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(
				n -> flavourOf(n) != null).sorted().collect(Collectors.toList());
		}
	}

	/** The CPU and every GPU the engine can use. */
	static List<Device> deviceList(final Engine engine) {
		final List<Device> out = new ArrayList<>();
		out.add(Device.cpu());
		for (int i = 0; i < engine.getGpuCount(); i++)
			out.add(Device.gpu(i));
		return out;
	}

	/** A device as {@link EngineSession#device(String)} accepts it: "cpu", "gpu:0", ... */
	static String name(final Device d) {
		return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
	}

	/** The CPU and every GPU the engine can use, with their memory in bytes. */
	static List<DeviceInfo> devices(final Engine engine) {
		final List<DeviceInfo> out = new ArrayList<>();
		final java.lang.management.OperatingSystemMXBean os = ManagementFactory
			.getOperatingSystemMXBean();
		long total = -1, used = -1;
		if (os instanceof com.sun.management.OperatingSystemMXBean) {
			final com.sun.management.OperatingSystemMXBean sun =
				(com.sun.management.OperatingSystemMXBean) os;
			total = sun.getTotalMemorySize();
			used = total - sun.getFreeMemorySize();
		}
		out.add(new DeviceInfo(name(Device.cpu()), total, used, Runtime.getRuntime()
			.availableProcessors() + " cores, JVM max heap " + DeviceReport.bytes(Runtime
				.getRuntime().maxMemory())));
		for (int i = 0; i < engine.getGpuCount(); i++) {
			final Device gpu = Device.gpu(i);
			final MemoryUsage mem = CudaUtils.getGpuMemory(gpu);
			out.add(new DeviceInfo(name(gpu), mem.getMax(), mem.getUsed(),
				"compute capability " + CudaUtils.getComputeCapability(i)));
		}
		return out;
	}

	/**
	 * Runs a small 3D convolution (ones * ones, 3x3x3, so every output voxel must be 27) on
	 * {@code device} repeatedly until {@code budget} is spent (at least once), each run in its own
	 * NDManager scope, then compares float32 with float64 convolutions for 24 and 40 input
	 * channels ({@link ConvolutionCheck}). An engine failure on the device is the test's verdict,
	 * not an exception.
	 */
	static SmokeTest smoke(final Engine engine, final Device device, final Duration budget) {
		final long start = System.nanoTime();
		final long limit = budget.toNanos();
		int runs = 0;
		try (NDManager base = engine.newBaseManager(device)) {
			do {
				try (NDManager m = base.newSubManager()) {
					final NDArray x = m.ones(new Shape(1, 1, SMOKE_EDGE, SMOKE_EDGE, SMOKE_EDGE));
					final NDArray w = m.ones(new Shape(4, 1, 3, 3, 3));
					final NDArray y = Conv3d.conv3d(x, w).singletonOrThrow();
					final Shape expected = new Shape(1, 4, SMOKE_EDGE - 2, SMOKE_EDGE - 2,
						SMOKE_EDGE - 2);
					if (!y.getShape().equals(expected)) return failed(device, runs, start,
						"conv3d gave shape " + y.getShape() + ", expected " + expected);
					final float lo = y.min().getFloat(), hi = y.max().getFloat();
					if (lo != SMOKE_EXPECTED || hi != SMOKE_EXPECTED) return failed(device, runs,
						start, "conv3d of ones gave values in [" + lo + ", " + hi + "], expected 27");
				}
				runs++;
			}
			while (System.nanoTime() - start < limit && runs < SMOKE_MAX_RUNS);
			final double ms = (System.nanoTime() - start) / 1e6;
			// the channel counts round 1 suspected (more than 16, not a multiple of 16)
			double worst = 0;
			for (final ConvolutionCheck.Case c : AWKWARD)
				worst = Math.max(worst, ConvolutionCheck.forwardRelativeError(base, c, 1));
			if (!(worst < CONV_TOLERANCE)) return failed(device, runs, start, String.format(
				java.util.Locale.ROOT, "float32 conv3d differs from float64 by %.3g (relative) for " +
					"%s: this engine computes wrong convolutions on this device", worst, AWKWARD));
			return new SmokeTest(name(device), true, runs, ms / runs, "conv3d " + SMOKE_EDGE +
				"^3 x 4 filters: " + runs + " runs in " + Math.round(ms) + " ms; float32 = float64 " +
				"within " + String.format(java.util.Locale.ROOT, "%.1g", worst) + " for 24 and 40 " +
				"input channels");
		}
		catch (final RuntimeException | LinkageError e) {
			return failed(device, runs, start, e.toString());
		}
	}

	private static SmokeTest failed(final Device device, final int runs, final long start,
		final String why)
	{
		final double ms = (System.nanoTime() - start) / 1e6;
		return new SmokeTest(name(device), false, runs, runs == 0 ? ms : ms / runs, why);
	}
}
