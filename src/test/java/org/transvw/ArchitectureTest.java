package org.transvw;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The dependency rules of the package layout, read from the import lines of src/main/java:
 * core stages know nothing of UI; perturbation and data know nothing of DJL; network knows
 * nothing of ImgLib2; only {@code imagej} touches ImageJ 1.x; no printing in the core.
 */
public class ArchitectureTest {

	private static final Path MAIN = Paths.get("src/main/java/org/transvw");

	private static final List<String> CORE = List.of("common", "data", "discovery",
		"perturbation", "network", "engine", "training", "pretraining", "finetuning",
		"inference", "evaluation");

	private static final List<String> UI = List.of("import ij.", "import java.awt.",
		"import javax.swing.", "import org.scijava.ui", "import org.scijava.widget",
		"import org.scijava.command", "import org.transvw.command", "import org.transvw.imagej",
		"import org.transvw.cli");

	@Test
	public void corePackagesImportNoUi() throws IOException {
		final List<String> violations = new ArrayList<>();
		for (final String pkg : CORE)
			scan(pkg, UI, violations);
		assertTrue("core packages import UI or adapters:\n" + String.join("\n", violations),
			violations.isEmpty());
	}

	@Test
	public void pixelStagesImportNoDjl() throws IOException {
		final List<String> violations = new ArrayList<>();
		scan("data", List.of("import ai.djl"), violations);
		scan("perturbation", List.of("import ai.djl"), violations);
		scan("common", List.of("import ai.djl", "import net.imglib2"), violations);
		scan("network", List.of("import net.imglib2"), violations);
		assertTrue(String.join("\n", violations), violations.isEmpty());
	}

	@Test
	public void coreDoesNotPrintOrSwallow() throws IOException {
		final List<String> violations = new ArrayList<>();
		for (final String pkg : CORE)
			scan(pkg, List.of("System.out", "System.err", "printStackTrace("), violations);
		assertTrue(String.join("\n", violations), violations.isEmpty());
	}

	private static void scan(final String pkg, final List<String> forbidden,
		final List<String> violations) throws IOException
	{
		final Path dir = MAIN.resolve(pkg);
		if (!Files.isDirectory(dir)) return;
		try (Stream<Path> files = Files.walk(dir)) {
			for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
				final List<String> lines = Files.readAllLines(f);
				for (int i = 0; i < lines.size(); i++)
					for (final String bad : forbidden)
						if (lines.get(i).contains(bad)) violations.add(f + ":" + (i + 1) + ": " + bad);
			}
		}
	}
}
