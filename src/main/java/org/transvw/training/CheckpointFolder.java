package org.transvw.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a {@link TrainingRun} owns in its checkpoint folder, and the only ones it ever
 * deletes: {@code last.ckpt}, {@code best.ckpt}, {@code epoch-NNNN.ckpt}, {@code metrics.csv},
 * and the temporaries their atomic writes leave behind when a run is killed mid-write (one of
 * those names, optionally dot-prefixed, with an optional separator and a token of letters,
 * digits and dashes, then
 * {@code .tmp}, e.g. {@code .last.ckpt.8412-0.tmp}). Any other file in the folder is left alone.
 */
final class CheckpointFolder {

	private static final String OWN = "(last\\.ckpt|best\\.ckpt|epoch-\\d{4,}\\.ckpt|metrics\\.csv)";
	private static final Pattern OWN_FILE = Pattern.compile(OWN);
	private static final Pattern OWN_TEMPORARY = Pattern.compile("\\.?" + OWN +
		"([._-]?[A-Za-z0-9-]+)?\\.tmp");

	private CheckpointFolder() {}

	/** Whether {@code name} is a checkpoint or metrics file of a run. */
	static boolean isOwnFile(final String name) {
		return OWN_FILE.matcher(name).matches();
	}

	/** Whether {@code name} is a temporary of an atomic checkpoint or metrics write. */
	static boolean isOwnTemporary(final String name) {
		return OWN_TEMPORARY.matcher(name).matches();
	}

	/** Deletes the stale temporaries of a killed run; returns their names. */
	static List<String> removeStaleTemporaries(final Path dir) throws IOException {
		return remove(dir, false);
	}

	/** Deletes every checkpoint, metrics and temporary file of a run; returns their names. */
	static List<String> removeRun(final Path dir) throws IOException {
		return remove(dir, true);
	}

	/** Deletes {@code dir} when nothing is left in it. */
	static void deleteIfEmpty(final Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return;
		final boolean empty;
		try (Stream<Path> s = Files.list(dir)) {
			empty = s.findAny().isEmpty();
		}
		if (empty) Files.delete(dir);
	}

	private static List<String> remove(final Path dir, final boolean checkpoints)
		throws IOException
	{
		final List<String> removed = new ArrayList<>();
		if (!Files.isDirectory(dir)) return removed;
		final List<Path> files;
		try (Stream<Path> s = Files.list(dir)) {
			files = s.filter(Files::isRegularFile).toList();
		}
		for (final Path f : files) {
			final String name = f.getFileName().toString();
			if (isOwnTemporary(name) || checkpoints && isOwnFile(name)) {
				Files.delete(f);
				removed.add(name);
			}
		}
		return removed;
	}
}
