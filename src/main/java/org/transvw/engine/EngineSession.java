package org.transvw.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.transvw.common.Checks;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Platform;
import ai.djl.util.Utils;

/**
 * Starts DJL's PyTorch engine the way this project must: offline and without telemetry unless
 * the user explicitly allowed the one-time native download, with the thread context class loader
 * set to the one that loaded DJL (Fiji's plugin class loader differs from the thread's), and with
 * the requested number of threads.
 * <p>
 * Every entry point (commands, launchers, benchmarks, tests) goes through {@link #engine()} before
 * touching DJL. When the engine cannot start for a reason the user can fix (natives not installed,
 * no network for the download, unwritable cache), {@link #engine()} throws an
 * {@link EngineUnavailableException} whose message says how to get the natives.
 */
public final class EngineSession {

	/** System property read by DJL's {@code Utils.isOfflineMode()}. */
	public static final String OFFLINE_PROPERTY = "ai.djl.offline";
	/** Environment variable or system property that disables DJL's call-home. */
	public static final String TRACKING_PROPERTY = "OPT_OUT_TRACKING";

	private EngineSession() {}

	/**
	 * Sets offline mode and opts out of tracking for this JVM. Idempotent; call before any DJL
	 * class is used. Environment variables still win over properties in DJL.
	 *
	 * @param allowDownload true only when the user asked for the one-time native download
	 */
	public static void configure(final boolean allowDownload) {
		System.setProperty(TRACKING_PROPERTY, "true");
		System.setProperty(OFFLINE_PROPERTY, Boolean.toString(!allowDownload));
	}

	/**
	 * Offline, no tracking, and the PyTorch engine started.
	 *
	 * @throws EngineUnavailableException when the natives are missing or cannot be installed or
	 *           loaded; its message says what to do
	 */
	public static Engine engine() {
		if (System.getProperty(OFFLINE_PROPERTY) == null) configure(false);
		else System.setProperty(TRACKING_PROPERTY, "true");
		try {
			return withDjlClassLoader(() -> Engine.getEngine("PyTorch"));
		}
		catch (final RuntimeException | UnsatisfiedLinkError e) {
			final EngineFailure f = EngineFailure.of(e);
			if (f.kind() == EngineFailure.Kind.OTHER) throw e;
			final String message;
			try {
				message = f.userMessage(pytorchVersion(), classifier(), Utils.getEngineCacheDir()
					.toString());
			}
			catch (final RuntimeException p) {
				e.addSuppressed(p);
				throw e;
			}
			throw new EngineUnavailableException(message, f, e);
		}
	}

	/** The PyTorch version DJL's engine jar asks for ("2.7.1"). */
	static String pytorchVersion() {
		final String v = platform().getVersion();
		final int dash = v.indexOf('-');
		return dash < 0 ? v : v.substring(0, dash);
	}

	/** The natives' platform classifier for this machine ("linux-x86_64"). */
	static String classifier() {
		return platform().getClassifier();
	}

	private static Platform platform() {
		return withDjlClassLoader(() -> Platform.detectPlatform("pytorch"));
	}

	/** Sets the engine's intra- and inter-op threads; only effective before the engine starts. */
	public static void threads(final int intraOp) {
		Checks.positive(intraOp, "threads");
		System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
		System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
	}

	/**
	 * Parses a device choice: {@code auto} (first GPU if DJL finds one, else CPU), {@code cpu},
	 * or {@code gpu} / {@code gpu:N}.
	 */
	public static Device device(final String choice) {
		final String c = choice == null ? "auto" : choice.trim().toLowerCase(Locale.ROOT);
		final Engine e = engine();
		if (c.equals("auto")) return e.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
		if (c.equals("cpu")) return Device.cpu();
		if (c.equals("gpu") || c.startsWith("gpu:")) {
			final int id;
			try {
				id = c.equals("gpu") ? 0 : Integer.parseInt(c.substring(4));
			}
			catch (final NumberFormatException ex) {
				throw new IllegalArgumentException("device: expected auto, cpu, gpu or gpu:N, got '" +
					choice + "'");
			}
			Checks.require(id >= 0 && id < e.getGpuCount(), "device", "a GPU index below " + e
				.getGpuCount() + " (GPUs DJL can use), got " + id);
			return Device.gpu(id);
		}
		throw new IllegalArgumentException("device: expected auto, cpu, gpu or gpu:N, got '" +
			choice + "'");
	}

	/**
	 * Parses the devices of data-parallel training: blank = {@code device} alone; {@code all} =
	 * every GPU DJL finds (the CPU where there is none); or a comma-separated list of
	 * {@code gpu:N} (or {@code cpu} alone). A {@code device} other than {@code auto} must be one
	 * of the list (the network is built there).
	 *
	 * @return the devices, the one {@code device} names first
	 * @throws IllegalArgumentException naming devices or device
	 */
	public static List<Device> devices(final String list, final String device) {
		final String l = list == null ? "" : list.trim().toLowerCase(Locale.ROOT);
		if (l.isEmpty()) return List.of(device(device));
		final List<Device> out = new ArrayList<>();
		if (l.equals("all")) {
			final int n = engine().getGpuCount();
			if (n == 0) out.add(Device.cpu());
			for (int i = 0; i < n; i++)
				out.add(Device.gpu(i));
		}
		else for (final String part : l.split(",", -1)) {
			final String p = part.trim();
			Checks.require(p.matches("cpu|gpu(:\\d+)?"), "devices", "all, or a comma-separated " +
				"list like gpu:0,gpu:1 (or cpu alone), got '" + list + "'");
			final Device d;
			try {
				d = device(p);
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException("devices: " + e.getMessage().replaceFirst(
					"^device: ", ""), e);
			}
			Checks.require(!out.contains(d), "devices", "each device once, got '" + list + "'");
			out.add(d);
		}
		Checks.require(out.size() == 1 || out.stream().allMatch(Device::isGpu), "devices",
			"GPUs only when there are several (the CPU already uses all its cores), got '" + list +
				"'");
		final String dc = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
		if (dc.equals("auto")) return List.copyOf(out);
		final Device first = device(device);
		Checks.require(out.contains(first), "device", "auto or one of devices=" + list + ", got " +
			device);
		out.remove(first);
		out.add(0, first);
		return List.copyOf(out);
	}

	/** Runs {@code action} with the thread context class loader set to DJL's. */
	public static <T> T withDjlClassLoader(final Supplier<T> action) {
		final Thread t = Thread.currentThread();
		final ClassLoader before = t.getContextClassLoader();
		t.setContextClassLoader(Engine.class.getClassLoader());
		try {
			return action.get();
		}
		finally {
			t.setContextClassLoader(before);
		}
	}
}
