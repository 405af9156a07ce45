package org.transvw.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removing a folder tree the product created itself (a scratch or temporary folder, a cache it
 * rebuilds). Never call it on a folder the user chose: the house rule is to never delete a file
 * the product did not create.
 */
public final class FileTrees {

	private FileTrees() {}

	/**
	 * Deletes {@code tree} and everything below it, deepest first; links are removed, never
	 * followed. A missing {@code tree} is fine.
	 */
	public static void deleteTree(final Path tree) throws IOException {
		Checks.notNull(tree, "tree");
		if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) return;
		try (Stream<Path> s = Files.walk(tree)) {
			for (final Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator)
				Files.delete(p);
		}
	}
}
