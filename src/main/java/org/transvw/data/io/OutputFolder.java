package org.transvw.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.transvw.common.AtomicFiles;
import org.transvw.common.Checks;

/**
 * The one guard of every folder the product writes results into: nothing is ever deleted or
 * overwritten that TransVW did not write. A marker file ({@value #MARKER}) in the folder lists
 * the paths TransVW wrote there (relative, {@code /}-separated; {@code name/} owns a whole
 * sub-folder, {@code prefix*} every entry of that level starting with the prefix).
 * <ul>
 * <li>A command calls {@link #prepare} (or {@link #resume}, {@link #prepareFile}) before any
 * work starts and writes nothing: the folder must be writable or creatable; content TransVW did not write is
 * refused unless {@code overwrite}; results of an earlier run among the files the command will
 * write are refused unless {@code overwrite} (or, for {@link #resume}, continued); a file of the
 * same name that TransVW did not write is refused even with {@code overwrite}.</li>
 * <li>Writers ({@code ModelBundle}, the phantom and dataset writers, CSV outputs) write through
 * {@link #at}: {@link #claim} refuses to replace a file TransVW did not write and records the
 * new one; other files in the folder are left alone.</li>
 * </ul>
 * Hidden entries (names starting with '.', e.g. left-over temporary files) are never counted as
 * content and never touched.
 *
 * <pre>{@code
 * OutputFolder out = OutputFolder.prepare(dir, "output", overwrite, List.of("model.json"));
 * ... // the work
 * out.write("model.json", stream -> ...);
 * }</pre>
 */
public final class OutputFolder {

	/** The marker file listing what TransVW wrote into the folder. */
	public static final String MARKER = ".transvw-files";

	private static final String HEADER = "# Files TransVW wrote into this folder, one path per " +
		"line; TransVW replaces only these (docs/bad-input.md)";

	/** How many names a message lists before "and N more". */
	private static final int LISTED = 5;

	private final Path dir;
	private final Set<String> owned;
	/** Whether {@link #owned} holds names the marker on disk does not list yet. */
	private boolean unsaved;

	private OutputFolder(final Path dir, final Set<String> owned) {
		this.dir = dir;
		this.owned = owned;
	}

	/**
	 * The folder as a writer sees it: created if missing, with its record of own files. Performs
	 * no check of the folder's content (commands do that first with {@link #prepare}).
	 */
	public static OutputFolder at(final Path dir) throws IOException {
		Checks.notNull(dir, "folder");
		create(dir, "folder");
		return new OutputFolder(dir, readMarker(dir));
	}

	/**
	 * Checks {@code dir} before any work starts; writes nothing. The files the command will write
	 * are recorded in the marker with the first file written through the returned guard.
	 *
	 * @param parameter the command parameter named in messages, e.g. "output"
	 * @param names the paths the command will write (relative; {@code x/} and {@code x*} allowed)
	 * @throws IllegalArgumentException naming {@code parameter} if the folder may not be used
	 * @throws IOException naming {@code parameter} if it cannot be created or written
	 */
	public static OutputFolder prepare(final Path dir, final String parameter,
		final boolean overwrite, final Collection<String> names) throws IOException
	{
		return check(dir, parameter, overwrite, false, names);
	}

	/**
	 * Like {@link #prepare}, but results of an earlier run among {@code names} are continued
	 * (the writer resumes them) instead of refused.
	 */
	public static OutputFolder resume(final Path dir, final String parameter,
		final boolean overwrite, final Collection<String> names) throws IOException
	{
		return check(dir, parameter, overwrite, true, names);
	}

	/**
	 * Checks a single output file (e.g. a CSV) before any work starts: a file of an earlier run
	 * is refused unless {@code overwrite}; a file TransVW did not write is always refused.
	 *
	 * @return the file, to be written with {@link #writeFile}
	 */
	public static Path prepareFile(final Path file, final String parameter,
		final boolean overwrite) throws IOException
	{
		Checks.require(file != null && file.getFileName() != null, parameter, "a file name, got none");
		if (Files.isDirectory(file)) throw new IllegalArgumentException(parameter +
			": expected a file name, got the folder " + file);
		final Path parent = file.toAbsolutePath().getParent();
		requireWritable(parent, parameter);
		final OutputFolder f = new OutputFolder(parent, Files.isDirectory(parent) ? readMarker(parent)
			: new TreeSet<>());
		final String name = file.getFileName().toString();
		if (Files.exists(file)) {
			if (!f.owns(name)) throw new IllegalArgumentException(foreignFile(parameter, file));
			if (!overwrite) throw new IllegalArgumentException(parameter + ": " + file +
				" holds the result of an earlier run; add 'overwrite' to replace it, or choose " +
				"another name");
		}
		return file;
	}

	/** Writes {@code lines} as UTF-8 text into {@code file} through its folder's guard. */
	public static void writeFile(final Path file, final List<String> lines) throws IOException {
		final Path abs = file.toAbsolutePath();
		at(abs.getParent()).writeLines(abs.getFileName().toString(), lines);
	}

	public Path dir() {
		return dir;
	}

	/** Whether {@code relative} (a path inside this folder) was written by TransVW. */
	public boolean owns(final String relative) {
		final String r = relative.replace('\\', '/');
		for (final String o : owned) {
			if (o.equals(r)) return true;
			if (o.endsWith("/") && r.startsWith(o)) return true;
			if (o.endsWith("*") && r.startsWith(o.substring(0, o.length() - 1)) && r.indexOf('/', o
				.length() - 1) < 0) return true;
		}
		return false;
	}

	/**
	 * The path to write {@code relative} to, recorded as TransVW's (parent folders created).
	 *
	 * @throws IOException if a file of that name exists that TransVW did not write
	 */
	public Path claim(final String relative) throws IOException {
		final Path p = dir.resolve(relative);
		if (Files.exists(p) && !owns(relative)) throw new IOException(foreignFile(null, p));
		if (!owns(relative)) {
			owned.add(relative.replace('\\', '/'));
			unsaved = true;
		}
		if (unsaved) record("folder");
		final Path parent = p.getParent();
		if (parent != null) Files.createDirectories(parent);
		return p;
	}

	/**
	 * Records now, in the marker, the names the command's check was given: for a writer that
	 * streams its files without {@link #claim} (the visual-word dataset), so that a rerun, or the
	 * resume of a killed run, finds them TransVW's.
	 */
	public OutputFolder claimPending() throws IOException {
		if (unsaved) record("folder");
		return this;
	}

	/** Writes {@code relative} atomically ({@link AtomicFiles#write}) after {@link #claim}ing it. */
	public void write(final String relative, final AtomicFiles.Body body) throws IOException {
		AtomicFiles.write(claim(relative), body);
	}

	/** Writes {@code text} as UTF-8 ({@link AtomicFiles#writeString}) after {@link #claim}ing it. */
	public void writeString(final String relative, final String text) throws IOException {
		AtomicFiles.writeString(claim(relative), text);
	}

	/** Writes {@code lines}, each ended by a newline, as UTF-8 ({@link AtomicFiles#writeLines}). */
	public void writeLines(final String relative, final List<String> lines) throws IOException {
		AtomicFiles.writeLines(claim(relative), lines);
	}

	/** Deletes {@code relative} if it exists and TransVW wrote it; a foreign file is refused. */
	public void delete(final String relative) throws IOException {
		final Path p = dir.resolve(relative);
		if (!Files.exists(p)) return;
		if (!owns(relative)) throw new IOException(foreignFile(null, p));
		Files.delete(p);
	}

	/**
	 * Deletes the files of an earlier run in sub-folder {@code folder} that this run did not
	 * write again ({@code keep}: relative paths): results that would no longer match. Files
	 * TransVW did not write stay.
	 */
	public void removeStale(final String folder, final Set<String> keep) throws IOException {
		final Path sub = dir.resolve(folder);
		if (!Files.isDirectory(sub)) return;
		final List<Path> stale = new ArrayList<>();
		try (Stream<Path> s = Files.list(sub)) {
			s.filter(Files::isRegularFile).forEach(p -> {
				final String rel = folder + "/" + p.getFileName();
				if (!keep.contains(rel) && owns(rel)) stale.add(p);
			});
		}
		for (final Path p : stale)
			Files.delete(p);
	}

	private static OutputFolder check(final Path dir, final String parameter,
		final boolean overwrite, final boolean resume, final Collection<String> names)
		throws IOException
	{
		Checks.require(dir != null && !dir.toString().isEmpty(), parameter, "a folder, got none");
		if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IllegalArgumentException(
			parameter + ": expected a folder, got the file " + dir);
		requireWritable(dir, parameter);
		final OutputFolder f = new OutputFolder(dir, Files.isDirectory(dir) ? readMarker(dir)
			: new TreeSet<>());
		if (!Files.isDirectory(dir)) return f.pending(names);
		final List<String> foreign = new ArrayList<>();
		try (Stream<Path> s = Files.list(dir)) {
			s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().forEach(
				n -> {
					if (!f.ownsEntry(n)) foreign.add(n);
				});
		}
		final List<String> earlier = new ArrayList<>();
		for (final String name : names) {
			for (final String existing : f.existing(name)) {
				if (!f.owns(existing)) throw new IllegalArgumentException(foreignFile(parameter, dir
					.resolve(existing)));
				earlier.add(existing);
			}
		}
		if (!overwrite && !foreign.isEmpty()) throw new IllegalArgumentException(parameter + ": " +
			dir + " already holds files TransVW did not write (" + list(foreign) + "); choose an " +
			"empty or new folder, or add 'overwrite' to write beside them (files TransVW did not " +
			"write are never replaced)");
		if (!overwrite && !resume && !earlier.isEmpty()) throw new IllegalArgumentException(
			parameter + ": " + dir + " already holds results of an earlier run (" + list(earlier) +
				"); add 'overwrite' to replace them, or choose another folder");
		return f.pending(names);
	}

	/** Records {@code names} as this run's, written into the marker with the first file. */
	private OutputFolder pending(final Collection<String> names) {
		for (final String n : names)
			owned.add(n.replace('\\', '/'));
		unsaved = true;
		return this;
	}

	/**
	 * Checks that {@code dir} exists as a writable folder or can be created: its nearest
	 * existing ancestor is a writable folder. Nothing is created.
	 */
	private static void requireWritable(final Path dir, final String parameter)
		throws IOException
	{
		Path existing = dir.toAbsolutePath();
		while (existing != null && !Files.exists(existing))
			existing = existing.getParent();
		if (existing == null) throw new IOException(parameter + ": cannot create the folder " + dir);
		if (!Files.isDirectory(existing)) throw new IOException(parameter + ": cannot create the " +
			"folder " + dir + " (" + existing + " is a file, not a folder)");
		if (!Files.isWritable(existing)) throw new IOException(parameter + ": cannot write into " +
			existing + (existing.equals(dir.toAbsolutePath()) ? "" : " to create " + dir) +
			" (no write permission or a read-only file system)");
	}

	/** Whether a top-level entry is TransVW's: itself, or a sub-folder holding its files. */
	private boolean ownsEntry(final String name) {
		if (owns(name) || owns(name + "/")) return true;
		for (final String o : owned)
			if (o.startsWith(name + "/")) return true;
		return false;
	}

	/** The existing paths a declared name stands for (a pattern may match several). */
	private List<String> existing(final String name) throws IOException {
		final List<String> out = new ArrayList<>();
		if (name.endsWith("*")) {
			final int slash = name.lastIndexOf('/');
			final Path sub = slash < 0 ? dir : dir.resolve(name.substring(0, slash));
			final String prefix = name.substring(slash + 1, name.length() - 1);
			if (!Files.isDirectory(sub)) return out;
			try (Stream<Path> s = Files.list(sub)) {
				s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && !n
					.startsWith(".")).sorted().forEach(n -> out.add(slash < 0 ? n : name.substring(0,
						slash + 1) + n));
			}
		}
		else if (Files.exists(dir.resolve(name))) out.add(name.endsWith("/") ? name.substring(0, name
			.length() - 1) + "/" : name);
		return out;
	}

	/** Writes the marker: what it listed on disk plus this run's names; creates the folder. */
	private void record(final String parameter) throws IOException {
		create(dir, parameter);
		owned.addAll(readMarker(dir));
		final StringBuilder sb = new StringBuilder(HEADER).append('\n');
		for (final String o : owned)
			sb.append(o).append('\n');
		try {
			AtomicFiles.writeString(dir.resolve(MARKER), sb.toString());
		}
		catch (final IOException e) {
			throw new IOException(parameter + ": cannot write into " + dir + " (" + IoErrors.describe(
				e) + ")", e);
		}
		unsaved = false;
	}

	private static Set<String> readMarker(final Path dir) throws IOException {
		final Set<String> owned = new TreeSet<>();
		final Path m = dir.resolve(MARKER);
		if (!Files.isRegularFile(m)) return owned;
		for (final String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
			final String l = line.trim();
			if (!l.isEmpty() && !l.startsWith("#")) owned.add(l);
		}
		return owned;
	}

	private static void create(final Path dir, final String parameter) throws IOException {
		try {
			Files.createDirectories(dir);
		}
		catch (final IOException e) {
			throw new IOException(parameter + ": cannot create the folder " + dir + " (" + IoErrors.describe(e) +
				")", e);
		}
	}

	private static String foreignFile(final String parameter, final Path file) {
		return (parameter == null ? "" : parameter + ": ") + file + " exists and was not written by TransVW; it is never " +
			"replaced: move it away or choose another " + (Files.isDirectory(file) ? "folder"
				: "name");
	}

	private static String list(final List<String> names) {
		final List<String> shown = names.subList(0, Math.min(LISTED, names.size()));
		return String.join(", ", shown) + (names.size() > LISTED ? " and " + (names.size() -
			LISTED) + " more" : "");
	}
}
