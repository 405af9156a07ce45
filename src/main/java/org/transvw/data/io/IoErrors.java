package org.transvw.data.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Readable reasons for file-system failures: NIO's exceptions often carry only a path as their
 * message ({@code NoSuchFileException: /data/x}) or none at all ({@code EOFException}).
 */
public final class IoErrors {

	private IoErrors() {}

	/** E.g. "/data/x: no such file or folder", "/out: permission denied". */
	public static String describe(final IOException e) {
		if (e instanceof NoSuchFileException f) return where(f) + "no such file or folder";
		if (e instanceof AccessDeniedException f) return where(f) + "permission denied";
		if (e instanceof NotDirectoryException f) return where(f) + "not a folder";
		if (e instanceof FileSystemException f) return where(f) + (f.getReason() != null ? f
			.getReason() : words(e));
		if (e instanceof EOFException && blank(e.getMessage())) return "the file ends early " +
			"(truncated?)";
		return blank(e.getMessage()) ? words(e) : e.getMessage();
	}

	private static String where(final FileSystemException f) {
		return f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f
			.getOtherFile()) + ": ";
	}

	private static boolean blank(final String s) {
		return s == null || s.isBlank();
	}

	/** "FileAlreadyExistsException" -> "file already exists". */
	private static String words(final Exception e) {
		return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])",
			"$1 $2").toLowerCase(Locale.ROOT).trim();
	}
}
