package org.transvw.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

import org.scijava.util.FileUtils;

/**
 * Which runtime dependency jars the TransVW update site ships into Fiji's {@code jars/}, and why
 * the others stay out.
 * <ul>
 * <li>Shipped: the DJL jars Fiji lacks, recognised by name AND by a class or resource only they
 * hold ({@code ai.djl:api}, {@code ai.djl.pytorch:pytorch-engine},
 * {@code ai.djl.pytorch:pytorch-jni}; the last holds the small JNI glue for cpu and cu128).</li>
 * <li>Not shipped, natives: {@code pytorch-native-*} (hundreds of MB per OS and flavour); DJL
 * extracts or downloads the build that fits the machine (Plugins &gt; TransVW &gt; Engine
 * info).</li>
 * <li>Not shipped, Fiji has them: ImageJ 1.x, ImgLib2, SciJava Common, Parsington, Gson, JNA,
 * SLF4J, Apache Commons. A second copy on Fiji's class path would clash with Fiji's own.</li>
 * <li>Anything else: not shipped, reported as unknown, so a new transitive dependency is a
 * decision, not an accident.</li>
 * </ul>
 */
public final class ShipPolicy {

	/**
	 * Unversioned jar name -> an entry only the genuine jar holds: DJL, and the pure-Java HDF5
	 * reader of the Keras weight import (io.jhdf, with its LZF codec), none of which Fiji ships.
	 */
	private static final Map<String, String> SHIPPED = Map.of(
		"api.jar", "ai/djl/engine/Engine.class",
		"pytorch-engine.jar", "ai/djl/pytorch/engine/PtEngine.class",
		"pytorch-jni.jar", "jnilib/pytorch.properties",
		"jhdf.jar", "io/jhdf/HdfFile.class",
		"compress-lzf.jar", "com/ning/compress/lzf/LZFDecoder.class");

	/** Unversioned names of jars every Fiji installation already has in {@code jars/}. */
	private static final Set<String> IN_FIJI = Set.of("ij.jar", "imglib2.jar",
		"scijava-common.jar", "parsington.jar", "gson.jar", "jna.jar", "jna-platform.jar",
		"slf4j-api.jar", "slf4j-simple.jar", "log4j-api.jar", "javassist.jar", "jsr305.jar",
		"error_prone_annotations.jar", "checker-qual.jar", "guava.jar");

	/** A decision on one jar. */
	public record Decision(String fileName, boolean ship, String reason) {}

	private ShipPolicy() {}

	/** Decides whether the dependency jar {@code file} goes onto the site. */
	public static Decision decide(final Path file) throws IOException {
		final String name = file.getFileName().toString();
		final String base = FileUtils.stripFilenameVersion(name);
		if (base.startsWith("pytorch-native")) return new Decision(name, false,
			"PyTorch natives: DJL extracts or downloads the build that fits the machine (see " +
				"Engine info)");
		final String marker = SHIPPED.get(base);
		if (marker != null) {
			try (JarFile jar = new JarFile(file.toFile())) {
				if (jar.getEntry(marker) != null) return new Decision(name, true,
					"not part of Fiji");
			}
			return new Decision(name, false, "named like a shipped jar but lacks " + marker);
		}
		if (IN_FIJI.contains(base) || base.startsWith("commons-")) return new Decision(name, false,
			"Fiji ships it (jars/" + base + ")");
		return new Decision(name, false, "unknown dependency: not known to be in Fiji and not a " +
			"DJL jar; add it to ShipPolicy if Fiji lacks it");
	}
}
