package org.transvw.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The checksum Fiji's updater (imagej-updater, {@code Checksummer} with
 * {@code UpdaterUtil.getDigest(path, file)}) records for a file, re-implemented from the rules
 * read in its source, so a site written without the updater is recognised as up to date.
 * <ul>
 * <li>Every checksum is SHA-1, written as 40 lower-case hex digits.</li>
 * <li>A path ending in {@code .jar}: the entries (directories included) sorted by name with
 * {@link String#compareTo}; for each, the name's ASCII bytes, then its content. The content of
 * {@code META-INF/MANIFEST.MF} (exact name) counts as empty: the updater's manifest filter runs
 * in its "keep only Main-Class" mode, which compares an upper-cased line with the mixed-case
 * {@code "Main-Class:"} and therefore keeps nothing. A {@code .properties} entry goes through
 * {@link #skipHashedLines(byte[])}. The jar's own path does not enter the digest.</li>
 * <li>Any other file: the ASCII bytes of its path relative to the Fiji folder (e.g.
 * {@code macros/transvw_demo.ijm}), then its bytes.</li>
 * </ul>
 * Non-ASCII characters in names become {@code '?'}, as Java's ASCII encoder does.
 */
public final class UpdaterChecksum {

	private UpdaterChecksum() {}

	/**
	 * The updater's checksum of {@code file} installed at {@code path} (relative to the Fiji
	 * folder, forward slashes, no timestamp suffix).
	 */
	public static String of(final String path, final Path file) throws IOException {
		if (path.endsWith(".jar")) return jar(file);
		final MessageDigest sha1 = sha1();
		sha1.update(path.getBytes(StandardCharsets.US_ASCII));
		sha1.update(Files.readAllBytes(file));
		return hex(sha1.digest());
	}

	/** The checksum of a jar (its path does not matter). */
	public static String jar(final Path file) throws IOException {
		final MessageDigest sha1 = sha1();
		try (JarFile jar = new JarFile(file.toFile())) {
			final List<JarEntry> entries = Collections.list(jar.entries());
			entries.sort(Comparator.comparing(JarEntry::getName));
			for (final JarEntry e : entries) {
				final String name = e.getName();
				sha1.update(name.getBytes(StandardCharsets.US_ASCII));
				// NB: the manifest's content never counts (see the class javadoc).
				if (name.equals("META-INF/MANIFEST.MF")) continue;
				final byte[] content;
				try (InputStream in = jar.getInputStream(e)) {
					content = in.readAllBytes();
				}
				sha1.update(name.endsWith(".properties") ? skipHashedLines(content) : content);
			}
		}
		return hex(sha1.digest());
	}

	/**
	 * Drops {@code #} comment lines the way the updater's {@code SkipHashedLines} stream does,
	 * including its quirks, which change checksums and so must be reproduced:
	 * <ul>
	 * <li>A comment line is replaced by its {@code '\n'} (the line ending stays).</li>
	 * <li>Only a {@code '#'} at the start of a line opens a comment; the start of the data counts
	 * as a line start.</li>
	 * <li>After a comment line made only of {@code '#'}s (e.g. "#\n"), and after an empty line,
	 * the next line is NOT treated as a line start, so a comment right after it is kept.</li>
	 * <li>A comment without a final {@code '\n'} disappears entirely.</li>
	 * </ul>
	 */
	public static byte[] skipHashedLines(final byte[] in) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
		boolean lineStart = true;
		int i = 0;
		while (i < in.length) {
			final byte c = in[i++];
			if (!lineStart) {
				out.write(c);
				lineStart = c == '\n';
				continue;
			}
			if (c != '#') {
				out.write(c);
				lineStart = false; // NB: also after an empty line, as the updater does.
				continue;
			}
			while (i < in.length && in[i] == '#')
				i++;
			if (i == in.length) break;
			if (in[i] == '\n') {
				i++;
				out.write('\n');
				lineStart = false; // NB: a "#"-only line does not end "at a line start".
				continue;
			}
			while (i < in.length && in[i] != '\n')
				i++;
			if (i == in.length) break;
			i++;
			out.write('\n');
			lineStart = true;
		}
		return out.toByteArray();
	}

	/** Lower-case hex, two digits per byte. */
	static String hex(final byte[] bytes) {
		final StringBuilder b = new StringBuilder(bytes.length * 2);
		for (final byte x : bytes)
			b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
		return b.toString();
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
		}
	}
}
