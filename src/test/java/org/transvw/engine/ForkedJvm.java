package org.transvw.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Runs a main class of the test class path in a fresh JVM (DJL reads offline mode, threads and the
 * natives once per JVM, so what happens at engine start can only be tested in a new one).
 */
final class ForkedJvm {

	/** What the child printed (stdout and stderr together) and its exit code. */
	record Outcome(int exitCode, String output) {}

	private ForkedJvm() {}

	/** This JVM's class path as entries, with a surefire manifest-only jar expanded. */
	static List<String> classPath() throws IOException {
		final String cp = System.getProperty("surefire.test.class.path", System.getProperty(
			"java.class.path"));
		final List<String> out = new ArrayList<>();
		for (final String e : cp.split(File.pathSeparator)) {
			if (e.isEmpty()) continue;
			final Path p = Paths.get(e);
			if (e.endsWith(".jar") && p.getFileName().toString().startsWith("surefirebooter"))
				out.addAll(manifestClassPath(p));
			else out.add(e);
		}
		return out;
	}

	private static List<String> manifestClassPath(final Path jar) throws IOException {
		try (JarFile j = new JarFile(jar.toFile())) {
			final Manifest m = j.getManifest();
			final String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
			if (cp == null) return List.of(jar.toString());
			return Arrays.stream(cp.trim().split("\\s+")).map(u -> Paths.get(java.net.URI.create(u
				.startsWith("file:") ? u : jar.getParent().toUri().resolve(u).toString())).toString())
				.collect(Collectors.toList());
		}
	}

	/**
	 * Runs {@code main} with the class path entries {@code keep} accepts, the JVM options and the
	 * environment changes ({@code null} value: removed), for at most {@code timeoutSeconds}.
	 */
	static Outcome run(final Class<?> main, final Predicate<String> keep,
		final List<String> jvmOptions, final Map<String, String> env, final long timeoutSeconds,
		final String... args) throws IOException, InterruptedException
	{
		final String cp = classPath().stream().filter(keep).collect(Collectors.joining(
			File.pathSeparator));
		final List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Xmx512m");
		cmd.add("-Djava.awt.headless=true");
		cmd.addAll(jvmOptions);
		cmd.add("-cp");
		cmd.add(cp);
		cmd.add(main.getName());
		cmd.addAll(Arrays.asList(args));
		final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		env.forEach((k, v) -> {
			if (v == null) pb.environment().remove(k);
			else pb.environment().put(k, v);
		});
		final Path log = Files.createTempFile("forked-jvm", ".log");
		try {
			final Process p = pb.redirectOutput(log.toFile()).start();
			if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				p.destroyForcibly().waitFor();
				throw new AssertionError("forked JVM did not finish in " + timeoutSeconds + " s: " +
					Files.readString(log, StandardCharsets.UTF_8));
			}
			return new Outcome(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(log);
		}
	}
}
