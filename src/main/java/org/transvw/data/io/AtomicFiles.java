package org.transvw.data.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Atomic file writes: a temporary file in the same folder, then a move over the target. */
public final class AtomicFiles {

	/** The body that writes the content. */
	@FunctionalInterface
	public interface Body {

		void write(OutputStream out) throws IOException;
	}

	private AtomicFiles() {}

	/** Writes {@code path} atomically; on failure the target is left as it was. */
	public static void write(final Path path, final Body body) throws IOException {
		final Path abs = path.toAbsolutePath();
		final Path dir = abs.getParent();
		if (dir != null) Files.createDirectories(dir);
		final Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
		try {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
				body.write(out);
			}
			try {
				Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
