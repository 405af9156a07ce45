package org.transvw.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.transvw.common.Sha256;
import org.transvw.data.io.VolumeCollection;

/**
 * Content fingerprints of collections (SHA-256 of each volume's bytes; a DICOM series folder:
 * of its files in name order), to refuse a test collection that shares a volume with the
 * training collection (leakage: the test figure would measure memory) and to key the cells to
 * the data they were trained on.
 */
public final class Leakage {

	private Leakage() {}

	/** Volume name -> SHA-256 of its content, in collection order. */
	public static Map<String, String> fingerprints(final Path folder) throws IOException {
		final VolumeCollection c = VolumeCollection.open(folder);
		final Map<String, String> out = new LinkedHashMap<>();
		for (int i = 0; i < c.size(); i++)
			out.put(c.name(i), of(c.path(i)));
		return out;
	}

	/** File name -> SHA-256 of its content, for the volumes a candidates table names. */
	public static Map<String, String> fingerprints(final List<Path> files) throws IOException {
		final Map<String, String> out = new LinkedHashMap<>();
		for (final Path f : files)
			out.put(f.getFileName().toString(), of(f));
		return out;
	}

	/**
	 * Refuses a test volume whose content equals a training volume's.
	 *
	 * @throws IllegalArgumentException naming {@code testimages} and both volumes
	 */
	public static void requireDisjoint(final Map<String, String> train, final Path trainFolder,
		final Map<String, String> test, final Path testFolder)
	{
		requireDisjoint("testimages", train, trainFolder, test, testFolder);
	}

	/**
	 * Refuses a test volume whose content equals a training volume's.
	 *
	 * @param key the parameter that gave the test set ({@code testimages}, {@code testtable})
	 * @param trainFrom, testFrom where the volumes were listed (folders or tables), for the message
	 * @throws IllegalArgumentException naming {@code key} and both volumes
	 */
	public static void requireDisjoint(final String key, final Map<String, String> train,
		final Path trainFrom, final Map<String, String> test, final Path testFrom)
	{
		final Path trainFolder = trainFrom, testFolder = testFrom;
		final Map<String, String> byHash = new LinkedHashMap<>();
		train.forEach((name, h) -> byHash.putIfAbsent(h, name));
		for (final Map.Entry<String, String> t : test.entrySet()) {
			final String same = byHash.get(t.getValue());
			if (same != null) throw new IllegalArgumentException(key + ": the test volume " + t
				.getKey() + " in " + testFolder + " has the same content (SHA-256 " + t.getValue()
					.substring(0, 12) + "...) as the training volume " + same + " in " + trainFolder +
				"; a test set that overlaps the training collection leaks (its score measures " +
				"memory, not generalisation): remove the shared volumes from one of the collections");
		}
	}

	private static String of(final Path p) throws IOException {
		if (!Files.isDirectory(p)) return Sha256.of(p);
		final MessageDigest md = Sha256.digest();
		final List<Path> files;
		try (Stream<Path> s = Files.walk(p)) {
			files = s.filter(Files::isRegularFile).sorted().toList();
		}
		for (final Path f : files)
			md.update(Sha256.of(f).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		return Sha256.hex(md);
	}
}
