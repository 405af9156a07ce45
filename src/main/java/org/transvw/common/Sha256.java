package org.transvw.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex: file integrity (bundles, imported weights), cache keys and data
 * fingerprints.
 * <pre>{@code
 * String h = Sha256.of(weightsFile);
 * MessageDigest md = Sha256.digest(); md.update(bytes); String k = Sha256.hex(md);
 * }</pre>
 */
public final class Sha256 {

	private Sha256() {}

	/** A fresh SHA-256 digest, for hashing in pieces. */
	public static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
		}
	}

	/** The hex of what {@code md} has seen (the digest is reset). */
	public static String hex(final MessageDigest md) {
		return HexFormat.of().formatHex(md.digest());
	}

	/** The digest of a file's bytes. */
	public static String of(final Path file) throws IOException {
		final MessageDigest md = digest();
		try (InputStream in = Files.newInputStream(file)) {
			final byte[] buf = new byte[1 << 16];
			for (int n; (n = in.read(buf)) > 0;)
				md.update(buf, 0, n);
		}
		return hex(md);
	}

	/** The digest of {@code bytes}. */
	public static String of(final byte[] bytes) {
		final MessageDigest md = digest();
		md.update(bytes);
		return hex(md);
	}

	/** The digest of {@code text}'s UTF-8 bytes. */
	public static String of(final String text) {
		return of(text.getBytes(StandardCharsets.UTF_8));
	}
}
