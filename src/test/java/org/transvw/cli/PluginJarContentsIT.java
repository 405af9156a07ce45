package org.transvw.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The packaged plugin jar holds what a Fiji user runs and nothing of the developer side: no
 * class compiled from the benchmark ({@code src/bench/java}) or build-tool ({@code src/tools/java})
 * source roots, no benchmark by name, and no DJL or other dependency classes (those are separate
 * jars in Fiji's {@code jars/}).
 */
public class PluginJarContentsIT {

	private static final List<String> DEVELOPER_ROOTS = List.of("src/bench/java",
		"src/tools/java");

	@Test
	public void pluginJarHoldsNoBenchmarkOrBuildTool() throws IOException {
		// setup
		final Path jar = pluginJar();
		final Set<String> developerClasses = new TreeSet<>();
		for (final String root : DEVELOPER_ROOTS)
			developerClasses.addAll(classNames(Paths.get(root)));
		assertTrue("expected the benchmark and tool sources to be found, got " + developerClasses,
			developerClasses.contains("org/transvw/cli/Bench") && developerClasses.contains(
				"org/transvw/cli/UpdateSiteGenerator"));
		// process
		final List<String> entries;
		try (JarFile f = new JarFile(jar.toFile())) {
			entries = Collections.list(f.entries()).stream().map(JarEntry::getName).collect(
				Collectors.toList());
		}
		// test: the user's side is there
		assertTrue(entries.contains("plugins.config"));
		assertTrue(entries.contains("org/transvw/cli/MacroRunner.class"));
		assertTrue(entries.stream().anyMatch(e -> e.startsWith("org/transvw/command/")));
		// test: the developer's side is not, nor any other project's classes
		final List<String> wrong = new ArrayList<>();
		for (final String e : entries) {
			if (!e.endsWith(".class")) continue;
			final String outer = e.substring(0, e.length() - ".class".length()).replaceFirst(
				"\\$.*", "");
			final String simple = outer.substring(outer.lastIndexOf('/') + 1);
			if (developerClasses.contains(outer) || simple.endsWith("Benchmark") || simple.endsWith(
				"IT") || simple.endsWith("Test") || !e.startsWith("org/transvw/")) wrong.add(e);
		}
		assertEquals("classes that must not ship in " + jar.getFileName(), List.of(), wrong);
	}

	/** target/TransVW_Fiji-VERSION.jar (not the -tests, -sources or -javadoc jar). */
	static Path pluginJar() throws IOException {
		try (Stream<Path> s = Files.list(Paths.get("target"))) {
			final List<Path> jars = s.filter(p -> p.getFileName().toString().matches(
				"TransVW_Fiji-[^-]+(-SNAPSHOT)?\\.jar")).collect(Collectors.toList());
			assertEquals("expected one packaged plugin jar in target/, got " + jars, 1, jars.size());
			return jars.get(0);
		}
	}

	/** The class names (with '/') that the .java files under a source root declare. */
	private static Set<String> classNames(final Path root) throws IOException {
		assertTrue("source root " + root + " is missing", Files.isDirectory(root));
		try (Stream<Path> s = Files.walk(root)) {
			final Set<String> names = s.filter(p -> p.toString().endsWith(".java") && !p
				.getFileName().toString().equals("package-info.java")).map(p -> {
					final String rel = root.relativize(p).toString().replace('\\', '/');
					return rel.substring(0, rel.length() - ".java".length());
				}).collect(Collectors.toCollection(TreeSet::new));
			assertFalse("no sources under " + root, names.isEmpty());
			return names;
		}
	}
}
