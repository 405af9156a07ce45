package org.transvw.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.rules.TemporaryFolder;
import org.transvw.cli.InProcessMacro;

/**
 * The bad-input matrix (docs/bad-input.md), run through macros in a real ImageJ 1.x in this JVM
 * ({@link InProcessMacro}): each case is refused — the macro stops, the message names the
 * parameter or file and what was expected, it is a user error (no exception class in it, no
 * stack overflow) — and nothing the user had is changed. Each test class records its cases
 * and their actual messages into {@code target/bad-input/<class>.md} and checks that
 * docs/bad-input.md lists every case.
 */
final class BadInputMatrix {

	/** One refused case: its id in docs/bad-input.md, the command and the actual message. */
	record Row(String id, String command, String message) {}

	private final TemporaryFolder tmp;
	private final List<Row> rows = new ArrayList<>();
	private BadInputFixtures fixtures;

	BadInputMatrix(final TemporaryFolder tmp) {
		this.tmp = tmp;
	}

	/** The fixtures, written on first use. */
	BadInputFixtures fixtures() throws IOException {
		if (fixtures == null) fixtures = new BadInputFixtures(tmp.getRoot().toPath());
		return fixtures;
	}

	/** {@code relative} inside the fixture folder, as a bracketed macro value. */
	String at(final String relative) throws IOException {
		return "[" + fixtures().path(relative) + "]";
	}

	/** A new path in the fixture folder (not created). */
	Path fresh(final String name) throws IOException {
		return fixtures().path("out").resolve(name);
	}

	/**
	 * Runs {@code run(command, options)} after {@code setup} (macro statements) and checks the
	 * refusal.
	 *
	 * @param expected a fragment of the message
	 * @return the run, for further checks
	 */
	InProcessMacro.Result refused(final String id, final String setup, final String command,
		final String options, final String expected) throws IOException
	{
		fixtures();
		final InProcessMacro.Result r = InProcessMacro.run(setup + "run(\"" + command + "\", \"" +
			options.replace("\"", "\\\"") + "\");");
		assertFalse(id + ": accepted\n" + r, r.completed());
		final String m = r.message();
		assertNotNull(id + ": no message\n" + r, m);
		assertTrue(id + ": message '" + m + "' lacks '" + expected + "'", m.contains(expected));
		assertFalse(id + ": reported as a bug: " + m, m.matches("^[A-Za-z.]*(Exception|Error): .*"));
		assertFalse(id + ": stack overflow\n" + r, r.log().contains("StackOverflowError"));
		rows.add(new Row(id, command, m.replace(tmp.getRoot().toString(), "…")));
		return r;
	}

	/** {@link #refused} without setup statements. */
	InProcessMacro.Result refused(final String id, final String command, final String options,
		final String expected) throws IOException
	{
		return refused(id, "", command, options, expected);
	}

	/** Runs a macro that must complete; records it as an accepted case with its note. */
	InProcessMacro.Result accepted(final String id, final String command, final String options,
		final String note) throws IOException
	{
		return accepted(id, "", command, options, note);
	}

	/** {@link #accepted} after {@code setup} (macro statements). */
	InProcessMacro.Result accepted(final String id, final String setup, final String command,
		final String options, final String note) throws IOException
	{
		fixtures();
		final InProcessMacro.Result r = InProcessMacro.run(setup + "run(\"" + command + "\", \"" +
			options + "\");");
		assertTrue(id + ": refused\n" + r, r.completed());
		rows.add(new Row(id, command, "(accepted) " + note));
		return r;
	}

	/** Asserts that the user's files in {@code dir} are what {@code before} recorded. */
	static void unchanged(final Map<String, String> before, final Path dir) throws IOException {
		final Map<String, String> after = BadInputFixtures.snapshot(dir);
		for (final Map.Entry<String, String> e : before.entrySet())
			assertEquals("user file " + e.getKey() + " changed or lost", e.getValue(), after.get(e
				.getKey()));
	}

	/**
	 * Writes {@code target/bad-input/<name>.md} and checks that docs/bad-input.md lists every
	 * case id.
	 */
	void report(final String name) throws IOException {
		final StringBuilder sb = new StringBuilder("| case | command | message |\n|---|---|---|\n");
		for (final Row r : rows)
			sb.append("| `").append(r.id()).append("` | ").append(r.command()).append(" | ").append(r
				.message().replace("|", "\\|")).append(" |\n");
		final Path out = Paths.get("target", "bad-input", name + ".md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, sb.toString());
		final String docs = Files.readString(Paths.get("docs", "bad-input.md"));
		for (final Row r : rows)
			assertTrue("docs/bad-input.md lacks the case `" + r.id() + "`", docs.contains("`" + r.id() +
				"`"));
	}
}
