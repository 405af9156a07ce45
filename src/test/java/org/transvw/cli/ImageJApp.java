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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

	/** Runs bin/transvw-macro on this application folder. */
	Run macro(final Path macro, final String argument, final int timeoutSeconds)
		throws IOException, InterruptedException
	{
		return macro(macro, argument, timeoutSeconds, java.util.Map.of());
	}

	/** Runs bin/transvw-macro with extra environment variables. */
	Run macro(final Path macro, final String argument, final int timeoutSeconds,
		final java.util.Map<String, String> env) throws IOException, InterruptedException
	{
		final List<String> cmd = new ArrayList<>(List.of(Paths.get("bin/transvw-macro")
			.toAbsolutePath().toString(), macro.toAbsolutePath().toString()));
		if (argument != null) cmd.add(argument);
		final ProcessBuilder pb = new ProcessBuilder(cmd);
		pb.environment().put("TRANSVW_APP", dir.toString());
		pb.environment().put("TRANSVW_TIMEOUT", Integer.toString(timeoutSeconds));
		pb.environment().put("TRANSVW_XMX", "4g");
		pb.environment().remove("DISPLAY");
		pb.environment().putAll(env);
		final Path out = Files.createTempFile("macro", ".out");
		final Path err = Files.createTempFile("macro", ".err");
		pb.redirectOutput(out.toFile());
		pb.redirectError(err.toFile());
		final Process p = pb.start();
		if (!p.waitFor(timeoutSeconds + 60L, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("bin/transvw-macro did not return within its own time limit");
		}
		return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files
			.readString(err, StandardCharsets.UTF_8));
	}
}
