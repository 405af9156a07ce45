package org.transvw.cli;

import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.Assume;

/**
 * A real ImageJ 1.x application folder for integration tests, assembled from the test class path
 * and the packaged jar (no nested Maven), and a way to run {@code bin/transvw-macro} on it.
 */
final class ImageJApp {

	final Path dir;

	private ImageJApp(final Path dir) {
		this.dir = dir;
	}

	/** Assembles target/it-imagej-app once per JVM run of the integration tests. */
	static synchronized ImageJApp assemble() throws IOException {
		final Path dir = Paths.get("target/it-imagej-app").toAbsolutePath();
		final Path jars = dir.resolve("jars");
		final Path plugins = dir.resolve("plugins");
		Files.createDirectories(jars);
		Files.createDirectories(plugins);
		final Path ourJar;
		try (Stream<Path> s = Files.list(Paths.get("target"))) {
			ourJar = s.filter(p -> p.getFileName().toString().matches(
				"TransVW_Fiji-[^-]+(-SNAPSHOT)?\\.jar")).findFirst().orElseThrow(
					() -> new IOException("the packaged TransVW_Fiji jar is missing in target/"));
		}
		Files.copy(ourJar, plugins.resolve(ourJar.getFileName()),
			StandardCopyOption.REPLACE_EXISTING);
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final Path p = Paths.get(entry);
			final String name = p.getFileName().toString();
			if (!name.endsWith(".jar") || name.startsWith("TransVW_Fiji")) continue;
			if (name.startsWith("ij-")) Files.copy(p, dir.resolve("ij.jar"),
				StandardCopyOption.REPLACE_EXISTING);
			else if (!Files.exists(jars.resolve(name))) Files.copy(p, jars.resolve(name));
		}
		assertTrue("ij.jar missing from the test class path", Files.exists(dir.resolve("ij.jar")));
		return new ImageJApp(dir);
	}

	/** Result of one macro run. */
	record Run(int exitCode, String stdout, String stderr) {

		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
		}
	}

	/** The display modes of bin/transvw-macro that the integration tests cover. */
	enum Mode {
		/** A truly headless JVM, no X at all: what a fresh machine with a JDK and Maven runs. */
		HEADLESS(Map.of("TRANSVW_HEADLESS", "1")),
		/** Full ImageJ under Xvfb (skipped where xvfb-run is not on the PATH). */
		XVFB(Map.of());

		final Map<String, String> env;

		Mode(final Map<String, String> env) {
			this.env = env;
		}

		/** Skips the calling test where this mode cannot run. */
		void assumeAvailable() {
			if (this == XVFB) Assume.assumeTrue("xvfb-run is not on the PATH", onPath("xvfb-run"));
		}

		private static boolean onPath(final String program) {
			for (final String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
				if (!d.isEmpty() && Files.isExecutable(Paths.get(d, program))) return true;
			return false;
		}
	}

	/** Runs bin/transvw-macro on this application folder. */
	Run macro(final Path macro, final String argument, final int timeoutSeconds)
		throws IOException, InterruptedException
	{
		return macro(macro, argument, timeoutSeconds, Map.of());
	}

	/** Runs bin/transvw-macro with extra environment variables. */
	Run macro(final Path macro, final String argument, final int timeoutSeconds,
		final Map<String, String> env) throws IOException, InterruptedException
	{
		return start(macro, argument, timeoutSeconds, env, null).await();
	}

	/** Starts bin/transvw-macro in {@code cwd} (null: this JVM's) without waiting for it. */
	Launch start(final Path macro, final String argument, final int timeoutSeconds,
		final Map<String, String> env, final Path cwd) throws IOException
	{
		final List<String> cmd = new ArrayList<>(List.of(Paths.get("bin/transvw-macro")
			.toAbsolutePath().toString(), macro.toAbsolutePath().toString()));
		if (argument != null) cmd.add(argument);
		final ProcessBuilder pb = new ProcessBuilder(cmd);
		if (cwd != null) pb.directory(cwd.toFile());
		pb.environment().put("TRANSVW_APP", dir.toString());
		pb.environment().put("TRANSVW_TIMEOUT", Integer.toString(timeoutSeconds));
		pb.environment().put("TRANSVW_XMX", "4g");
		pb.environment().remove("DISPLAY");
		pb.environment().remove("TRANSVW_HEADLESS");
		pb.environment().putAll(env);
		final Path out = Files.createTempFile("macro", ".out");
		final Path err = Files.createTempFile("macro", ".err");
		pb.redirectOutput(out.toFile());
		pb.redirectError(err.toFile());
		return new Launch(pb.start(), out, err, timeoutSeconds);
	}

	/** A running bin/transvw-macro. */
	record Launch(Process process, Path out, Path err, int timeoutSeconds) {

		/** What it printed so far, stdout then stderr. */
		String output() throws IOException {
			return Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err,
				StandardCharsets.UTF_8);
		}

		/** Waits (beyond its own time limit and grace: a hang) for the exit. */
		Run await() throws IOException, InterruptedException {
			if (!process.waitFor(timeoutSeconds + 120L, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("bin/transvw-macro did not return within its own time limit");
			}
			return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files
				.readString(err, StandardCharsets.UTF_8));
		}
	}
}
