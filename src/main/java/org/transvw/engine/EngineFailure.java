package org.transvw.engine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.transvw.common.Checks;

/**
 * Why DJL's PyTorch engine did not start, read from the exception DJL threw, and what the user
 * can do about it. Pure (no DJL calls), so both the engine start ({@link EngineSession}) and the
 * doctor ({@link EngineAdvice}) use the same words.
 * <p>
 * What DJL 0.36 throws (reproduced by {@code EngineSessionNativesTest} in a JVM without the
 * natives jar and with an empty engine cache): without a {@code pytorch-native-*} jar and without
 * cached natives it downloads libtorch from publish.djl.ai; in offline mode that fails with
 * {@code EngineException: Failed to save pytorch index file} caused by
 * {@code IOException: Offline mode is enabled.}; without network the cause is an
 * {@link UnknownHostException} or {@link ConnectException}; an unwritable cache gives a
 * {@link FileSystemException}; natives that cannot be loaded give an {@link UnsatisfiedLinkError}.
 *
 * @param kind the class of failure
 * @param detail the messages of the exception chain, outermost first
 */
public record EngineFailure(Kind kind, String detail) {

	/** The failures a user can fix, and the rest. */
	public enum Kind {
		/** No natives installed and offline mode refused the one-time download. */
		OFFLINE_NO_NATIVES,
		/** No natives installed, the download was allowed, but the network is unreachable. */
		NO_NETWORK,
		/** The engine cache cannot be written (permissions, disk full). */
		CACHE_NOT_WRITABLE,
		/** Natives present but the operating system cannot load them. */
		NATIVES_UNLOADABLE,
		/** Anything else (reported as it is). */
		OTHER
	}

	/** DJL's message when offline mode refuses a URL. */
	static final String OFFLINE_MESSAGE = "Offline mode is enabled.";

	public EngineFailure {
		Checks.notNull(kind, "kind");
		detail = detail == null ? "" : detail;
	}

	/** Classifies an exception thrown while starting the engine. */
	public static EngineFailure of(final Throwable error) {
		Checks.notNull(error, "error");
		final List<String> chain = new ArrayList<>();
		Kind kind = Kind.OTHER;
		int depth = 0;
		for (Throwable t = error; t != null && depth < 16; t = t.getCause(), depth++) {
			chain.add(t.getClass().getSimpleName() + ": " + t.getMessage());
			final Kind k = kindOf(t);
			if (k != Kind.OTHER && kind == Kind.OTHER) kind = k;
			if (t.getCause() == t) break;
		}
		return new EngineFailure(kind, String.join("; caused by ", chain));
	}

	private static Kind kindOf(final Throwable t) {
		if (t instanceof IOException && OFFLINE_MESSAGE.equals(t.getMessage()))
			return Kind.OFFLINE_NO_NATIVES;
		if (t instanceof UnknownHostException || t instanceof ConnectException ||
			t instanceof NoRouteToHostException || t instanceof SocketTimeoutException)
			return Kind.NO_NETWORK;
		if (t instanceof FileSystemException) return Kind.CACHE_NOT_WRITABLE;
		if (t instanceof UnsatisfiedLinkError) return Kind.NATIVES_UNLOADABLE;
		return Kind.OTHER;
	}

	/** Whether the natives are simply not installed (the cure is to install them). */
	public boolean nativesMissing() {
		return kind == Kind.OFFLINE_NO_NATIVES || kind == Kind.NO_NETWORK;
	}

	/** {@code pytorch-native-cpu-2.7.1-linux-x86_64.jar}. */
	public static String nativesJar(final String pytorchVersion, final String classifier) {
		return "pytorch-native-cpu-" + pytorchVersion + "-" + classifier + ".jar";
	}

	/** {@code ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64}. */
	public static String nativesCoordinates(final String pytorchVersion, final String classifier) {
		return "ai.djl.pytorch:pytorch-native-cpu:" + pytorchVersion + ":" + classifier;
	}

	/** "put pytorch-native-cpu-....jar (from Maven Central, ...) into Fiji.app/jars/ ...". */
	public static String putJarAdvice(final String pytorchVersion, final String classifier) {
		return "put " + nativesJar(pytorchVersion, classifier) + " (from Maven Central, " +
			nativesCoordinates(pytorchVersion, classifier) + ") into Fiji.app/jars/ and restart Fiji";
	}

	/**
	 * What went wrong and how to fix it, in one or two sentences.
	 *
	 * @param pytorchVersion e.g. "2.7.1"
	 * @param classifier the platform, e.g. "linux-x86_64"
	 * @param cacheDir the engine cache folder
	 */
	public String advice(final String pytorchVersion, final String classifier,
		final String cacheDir)
	{
		final String jar = putJarAdvice(pytorchVersion, classifier);
		return switch (kind) {
			case OFFLINE_NO_NATIVES -> "PyTorch natives are not installed and offline mode " +
				"refused the one-time download: " + jar + ", or run Plugins > TransVW > Engine info " +
				"once with 'Download natives if missing' ticked (needs internet, about 200 MB into " +
				cacheDir + ").";
			case NO_NETWORK -> "Could not download: no network (" + firstNetworkCause() +
				"); " + jar + ".";
			case CACHE_NOT_WRITABLE -> "The engine cache " + cacheDir + " cannot be written (" +
				detail + "): set ENGINE_CACHE_DIR to a writable folder with about 500 MB free " +
				"before starting Fiji.";
			case NATIVES_UNLOADABLE -> "The PyTorch natives cannot be loaded on this system (" +
				detail + "): check that they are the " + classifier + " build; delete the libtorch " +
				"folder in " + cacheDir + " so they are extracted again.";
			case OTHER -> "The PyTorch engine did not start (" + detail + ").";
		};
	}

	/** The user's message when an engine command cannot start the engine. */
	public String userMessage(final String pytorchVersion, final String classifier,
		final String cacheDir)
	{
		return "Cannot start the PyTorch engine. " + advice(pytorchVersion, classifier, cacheDir) +
			" Plugins > TransVW > Engine info shows the details.";
	}

	private String firstNetworkCause() {
		for (final String part : detail.split("; caused by "))
			if (part.startsWith("UnknownHostException") || part.startsWith("ConnectException") ||
				part.startsWith("NoRouteToHostException") || part.startsWith("SocketTimeoutException"))
				return part.toLowerCase(Locale.ROOT).startsWith("unknownhost") ? "cannot resolve " +
					part.substring(part.indexOf(':') + 2) : part;
		return detail;
	}
}
