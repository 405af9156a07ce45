package org.transvw;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The dependency rules of the package layout, read from the import lines of src/main/java:
 * core stages know nothing of UI; perturbation and data know nothing of DJL; network knows
 * nothing of ImgLib2; only {@code imagej} touches ImageJ 1.x; no printing in the core; the
 * package graph (imports and fully qualified names in code) has no cycle.
 */
public class ArchitectureTest {

	private static final Path MAIN = Paths.get("src/main/java/org/transvw");

	private static final List<String> CORE = List.of("common", "data", "discovery",
		"perturbation", "network", "engine", "training", "pretraining", "finetuning",
		"inference", "evaluation", "study");

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

	@Test
	public void packageGraphHasNoCycle() throws IOException {
		final Map<String, Set<String>> graph = packageGraph();
		final List<String> cycle = findCycle(graph);
		assertTrue("package cycle: " + String.join(" -> ", cycle), cycle.isEmpty());
	}

	@Test
	public void dataKnowsNoneOfItsSubPackages() throws IOException {
		// Volume and the intensity recipes it records live in data; the normalisation policy
		// (data.normalize), the readers (data.io) and the phantom build on them
		final Set<String> uses = packageGraph().getOrDefault(ROOT + "data", Set.of());
		for (final String sub : List.of("data.normalize", "data.io", "data.phantom"))
			assertTrue("data uses " + sub, !uses.contains(ROOT + sub));
	}

	private static final String ROOT = "org.transvw.";

	private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

	/** A reference to a type of the product: org.transvw.(lower-case segments).(Type). */
	private static final Pattern USE = Pattern.compile(
		"\\borg\\.transvw\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]");

	/** Package -> the other product packages its code (not its comments) refers to. */
	private static Map<String, Set<String>> packageGraph() throws IOException {
		final Map<String, Set<String>> g = new TreeMap<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
				final String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll(
					"//[^\\n]*", "");
				final Matcher pm = PACKAGE.matcher(code);
				if (!pm.find()) continue;
				final String pkg = pm.group(1);
				final Set<String> uses = g.computeIfAbsent(pkg, k -> new TreeSet<>());
				final Matcher m = USE.matcher(code);
				while (m.find()) {
					final String used = ROOT + m.group(1);
					if (!used.equals(pkg)) uses.add(used);
				}
			}
		}
		return g;
	}

	/** A cycle of the graph as a path that ends where it starts, or empty. */
	private static List<String> findCycle(final Map<String, Set<String>> g) {
		final Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
		for (final String start : g.keySet()) {
			if (state.containsKey(start)) continue;
			final Deque<String> path = new ArrayDeque<>();
			final List<String> cycle = visit(start, g, state, path, new HashSet<>());
			if (!cycle.isEmpty()) return cycle;
		}
		return List.of();
	}

	private static List<String> visit(final String v, final Map<String, Set<String>> g,
		final Map<String, Integer> state, final Deque<String> path, final Set<String> onPath)
	{
		state.put(v, 1);
		path.addLast(v);
		onPath.add(v);
		for (final String w : g.getOrDefault(v, Set.of())) {
			if (onPath.contains(w)) {
				final List<String> c = new ArrayList<>(path);
				final List<String> cycle = new ArrayList<>(c.subList(c.indexOf(w), c.size()));
				cycle.add(w);
				return cycle;
			}
			if (!state.containsKey(w)) {
				final List<String> c = visit(w, g, state, path, onPath);
				if (!c.isEmpty()) return c;
			}
		}
		path.removeLast();
		onPath.remove(v);
		state.put(v, 2);
		return List.of();
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
