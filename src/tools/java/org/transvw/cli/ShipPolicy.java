package org.transvw.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import org.scijava.util.FileUtils;

/**
 * Which runtime dependency jars the TransVW update site ships into Fiji's {@code jars/}, and why
 * the others stay out.
 * <ul>
 * <li>Shipped: the jars Fiji lacks, recognised by name AND by a class or resource only they
 * hold: DJL ({@code ai.djl:api}, {@code ai.djl.pytorch:pytorch-engine},
 * {@code ai.djl.pytorch:pytorch-jni}; the last holds the small JNI glue for cpu and cu128), and
 * jHDF with its LZF codec ({@code io.jhdf:jhdf}, {@code com.ning:compress-lzf}) for the Keras
 * weight import.</li>
 * <li>Not shipped, natives: {@code pytorch-native-*} (hundreds of MB per OS and flavour); DJL
 * extracts or downloads the build that fits the machine (Plugins &gt; TransVW &gt; Engine
 * info).</li>
 * <li>Not shipped, Fiji has them: ImageJ 1.x, ImgLib2, SciJava Common, Parsington, Gson, JNA,
 * SLF4J, Apache Commons, SnakeYAML. A second copy on Fiji's class path would clash with Fiji's
 * own. NB: SnakeYAML (the BioImage.IO {@code rdf.yaml}) is compiled against the 2.x that
 * pom-scijava 45 manages (2.5) and uses only API present since 1.33
 * ({@code SafeConstructor(LoaderOptions)}, {@code DumperOptions}); the 2.x Fiji ships in
 * {@code jars/} serves it.</li>
 * <li>Anything else: not shipped, reported as unknown, so a new transitive dependency is a
 * decision, not an accident.</li>
 * </ul>
 */
public final class ShipPolicy {

	/** A jar the site ships: an entry only the genuine jar holds, and what Fiji's updater shows. */
	private record Shipped(String marker, String description) {}

	/**
	 * Unversioned jar name -> how to recognise it and how to describe it: DJL, and the pure-Java
	 * HDF5 reader of the Keras weight import (io.jhdf, with its LZF codec), none of which Fiji
	 * ships.
	 */
	private static final Map<String, Shipped> SHIPPED = Map.of( //
		"api.jar", new Shipped("ai/djl/engine/Engine.class",
			"Deep Java Library (DJL) API: the deep-learning framework TransVW runs on."), //
		"pytorch-engine.jar", new Shipped("ai/djl/pytorch/engine/PtEngine.class",
			"Deep Java Library (DJL) PyTorch engine: runs TransVW's networks on libtorch " +
				"(CPU or CUDA)."), //
		"pytorch-jni.jar", new Shipped("jnilib/pytorch.properties",
			"Deep Java Library (DJL) JNI glue for PyTorch (cpu and cu128 builds); the libtorch " +
				"natives themselves come through Plugins > TransVW > Engine info."), //
		"jhdf.jar", new Shipped("io/jhdf/HdfFile.class",
			"jHDF: a pure-Java HDF5 reader; TransVW uses it to import released Keras (.h5) " +
				"weights."), //
		"compress-lzf.jar", new Shipped("com/ning/compress/lzf/LZFDecoder.class",
			"Compress-LZF: the LZF codec jHDF uses to read LZF-compressed HDF5 data."));

	/** Unversioned names of jars every Fiji installation already has in {@code jars/}. */
	private static final Set<String> IN_FIJI = Set.of("ij.jar", "imglib2.jar",
		"scijava-common.jar", "parsington.jar", "gson.jar", "jna.jar", "jna-platform.jar",
		"slf4j-api.jar", "slf4j-simple.jar", "log4j-api.jar", "javassist.jar", "jsr305.jar",
		"error_prone_annotations.jar", "checker-qual.jar", "guava.jar", "snakeyaml.jar");

	/** A decision on one jar. */
	public record Decision(String fileName, boolean ship, String reason) {}

	private ShipPolicy() {}

	/**
	 * What the updater shows for a shipped jar, e.g. {@code jhdf-0.9.4.jar}.
	 *
	 * @throws IllegalArgumentException if the site does not ship jars of that name
	 */
	public static String description(final String fileName) {
		final Shipped shipped = SHIPPED.get(FileUtils.stripFilenameVersion(fileName));
		if (shipped == null) throw new IllegalArgumentException("fileName: expected a jar the " +
			"site ships (" + String.join(", ", new TreeSet<>(SHIPPED.keySet())) +
			"), got " + fileName);
		return shipped.description();
	}

	/** Decides whether the dependency jar {@code file} goes onto the site. */
	public static Decision decide(final Path file) throws IOException {
		final String name = file.getFileName().toString();
		final String base = FileUtils.stripFilenameVersion(name);
		if (base.startsWith("pytorch-native")) return new Decision(name, false,
			"PyTorch natives: DJL extracts or downloads the build that fits the machine (see " +
				"Engine info)");
		final Shipped shipped = SHIPPED.get(base);
		if (shipped != null) {
			try (JarFile jar = new JarFile(file.toFile())) {
				if (jar.getEntry(shipped.marker()) != null) return new Decision(name, true,
					"not part of Fiji");
			}
			return new Decision(name, false, "named like a shipped jar but lacks " + shipped
				.marker());
		}
		if (IN_FIJI.contains(base) || base.startsWith("commons-")) return new Decision(name, false,
			"Fiji ships it (jars/" + base + ")");
		return new Decision(name, false, "unknown dependency: not known to be in Fiji and not a " +
			"jar the site ships; add it to ShipPolicy if Fiji lacks it");
	}
}
