package org.transvw.common;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one way the product writes a result file or folder: the content goes to a new temporary
 * in the same folder, which is then renamed over the target ({@code ATOMIC_MOVE}), so a crash,
 * a kill or a full disk leaves either the old target or the new one, never half a file.
 * <p>
 * Guarantees:
 * <ul>
 * <li>Results get the user's umask: the temporary is created like any plain file
 * ({@code CREATE_NEW}), not with {@code Files.createTempFile}'s owner-only mode 0600, so
 * colleagues on a shared cluster can read them.</li>
 * <li>Never deletes or replaces a file it was not asked to write: the temporary's name is new
 * ({@code CREATE_NEW} fails rather than reuse an existing name); on failure only that temporary
 * is removed; {@link #replaceFolder} keeps the files of the old folder that it does not
 * rewrite.</li>
 * <li>File content is forced to disk before the rename.</li>
 * </ul>
 * <pre>{@code
 * AtomicFiles.writeString(out.resolve("report.csv"), csv);
 * AtomicFiles.write(out.resolve("image.bin"), stream -> stream.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {

	/** Writes the content of a file. */
	@FunctionalInterface
	public interface Body {

		void write(OutputStream out) throws IOException;
	}

	/** Fills a new, empty folder. */
	@FunctionalInterface
	public interface FolderBody {

		void write(Path folder) throws IOException;
	}

	/** Longest part of the target's name kept in a temporary's name. */
	private static final int NAME_PART = 120;

	/** Attempts at a fresh temporary name before giving up. */
	private static final int ATTEMPTS = 1000;

	private AtomicFiles() {}

	/**
	 * Writes {@code target} atomically (its folder is created if missing); on failure the target
	 * is left as it was.
	 *
	 * @throws IOException if writing fails or {@code target} is a folder
	 */
	public static void write(final Path target, final Body body) throws IOException {
		Checks.notNull(body, "body");
		try (Pending p = create(target)) {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p.temporary(),
				StandardOpenOption.WRITE), 1 << 16))
			{
				body.write(out);
			}
			p.commit();
		}
	}

	/** {@link #write} of a UTF-8 text. */
	public static void writeString(final Path target, final String text) throws IOException {
		Checks.notNull(text, "text");
		write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
	}

	/** {@link #write} of UTF-8 lines, each ended by {@code '\n'}. */
	public static void writeLines(final Path target, final List<String> lines) throws IOException {
		final StringBuilder sb = new StringBuilder();
		for (final String l : lines)
			sb.append(l).append('\n');
		writeString(target, sb.toString());
	}

	/**
	 * A new, empty temporary beside {@code target} for content written over time (e.g. through a
	 * {@link FileChannel}); {@link Pending#commit()} moves it over the target, {@link Pending#close()}
	 * without commit removes it.
	 */
	public static Pending create(final Path target) throws IOException {
		final Path abs = Checks.notNull(target, "target").toAbsolutePath();
		Checks.require(abs.getParent() != null, "target", "a file inside a folder, got " + target);
		if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) throw new IOException(target +
			": is a folder, expected a file");
		Files.createDirectories(abs.getParent());
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			final Path tmp = temporaryName(abs, attempt, "tmp");
			try {
				Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
					.close();
				return new Pending(tmp, abs);
			}
			catch (final FileAlreadyExistsException e) {
				// NB: someone else's file or a concurrent writer's temporary: never reuse it
			}
		}
		throw new IOException(target + ": no free temporary name beside it after " + ATTEMPTS +
			" attempts");
	}

	/**
	 * Writes a whole folder atomically: {@code body} fills a new sibling folder, which then takes
	 * the place of {@code target} by two renames (the old folder aside, the new one in). Files of
	 * an existing {@code target} that the new content does not write (a report, a plot, the
	 * user's notes) are kept: they are moved into the new folder after the swap. Only the old
	 * versions of the files the body wrote are deleted.
	 *
	 * @throws IOException if writing fails or {@code target} exists and is not a folder
	 */
	public static void replaceFolder(final Path target, final FolderBody body)
		throws IOException
	{
		Checks.notNull(body, "body");
		final Path abs = Checks.notNull(target, "target").toAbsolutePath();
		Checks.require(abs.getParent() != null, "target", "a folder inside a folder, got " + target);
		if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(abs,
			LinkOption.NOFOLLOW_LINKS)) throw new IOException(target +
				": exists and is not a folder");
		Files.createDirectories(abs.getParent());
		final Path tmp = newFolder(abs, "tmp");
		Path old = null;
		try {
			body.write(tmp);
			if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
				old = newFolder(abs, "old");
				Files.delete(old);
				move(abs, old);
			}
			try {
				move(tmp, abs);
			}
			catch (final IOException e) {
				if (old != null) {
					move(old, abs);
					old = null;
				}
				throw e;
			}
			// NB: a crash from here on leaves the kept files in the hidden ".old" folder, not lost
			if (old != null) carryOver(old, abs);
		}
		finally {
			FileTrees.deleteTree(tmp);
			if (old != null) FileTrees.deleteTree(old);
		}
	}

	/** A pending atomic write: the temporary, committed over the target or removed on close. */
	public static final class Pending implements AutoCloseable {

		private final Path temporary;
		private final Path target;
		private boolean committed;

		private Pending(final Path temporary, final Path target) {
			this.temporary = temporary;
			this.target = target;
		}

		/** The temporary file to write (it exists and is empty at first). */
		public Path temporary() {
			return temporary;
		}

		public Path target() {
			return target;
		}

		/** Forces the temporary to disk and renames it over the target. */
		public void commit() throws IOException {
			Checks.require(!committed, "pending write", "one commit, got a second one");
			try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ch.force(true);
			}
			move(temporary, target);
			committed = true;
		}

		/** Removes the temporary unless committed. */
		@Override
		public void close() throws IOException {
			if (!committed) Files.deleteIfExists(temporary);
		}
	}

	/** A hidden sibling name, e.g. {@code .report.csv.4711-0.tmp}. */
	private static Path temporaryName(final Path abs, final int attempt, final String kind) {
		String name = abs.getFileName().toString();
		if (name.length() > NAME_PART) name = name.substring(0, NAME_PART);
		return abs.resolveSibling("." + name + "." + ProcessHandle.current().pid() + "-" + attempt +
			"." + kind);
	}

	private static Path newFolder(final Path abs, final String kind) throws IOException {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			final Path p = temporaryName(abs, attempt, kind);
			try {
				return Files.createDirectory(p);
			}
			catch (final FileAlreadyExistsException e) {
				// NB: taken (another writer or someone else's folder): never reuse it
			}
		}
		throw new IOException(abs + ": no free temporary folder name beside it after " +
			ATTEMPTS + " attempts");
	}

	/** Moves every entry of {@code from} that {@code to} lacks into {@code to}, folder by folder. */
	private static void carryOver(final Path from, final Path to) throws IOException {
		final List<Path> entries;
		try (Stream<Path> s = Files.list(from)) {
			entries = s.toList();
		}
		for (final Path e : entries) {
			final Path there = to.resolve(e.getFileName().toString());
			if (!Files.exists(there, LinkOption.NOFOLLOW_LINKS)) Files.move(e, there);
			else if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(there,
				LinkOption.NOFOLLOW_LINKS)) carryOver(e, there);
		}
	}

	private static void move(final Path from, final Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
