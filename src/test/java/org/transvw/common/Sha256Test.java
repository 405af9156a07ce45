package org.transvw.common;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** FIPS 180-2 test vectors, and the three entry points agree. */
public class Sha256Test {

	private static final String ABC =
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
	private static final String EMPTY =
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void knownVectors() {
		assertEquals(ABC, Sha256.of("abc"));
		assertEquals(EMPTY, Sha256.of(new byte[0]));
	}

	@Test
	public void fileBytesAndPiecesAgree() throws IOException {
		// a file larger than the read buffer
		final byte[] data = new byte[200_000];
		for (int i = 0; i < data.length; i++)
			data[i] = (byte) (i * 31 + 7);
		final Path f = tmp.getRoot().toPath().resolve("weights.params");
		Files.write(f, data);
		final MessageDigest md = Sha256.digest();
		md.update(data, 0, 1000);
		md.update(data, 1000, data.length - 1000);
		assertEquals(Sha256.of(data), Sha256.of(f));
		assertEquals(Sha256.of(data), Sha256.hex(md));
		assertEquals(Sha256.of("abc".getBytes(StandardCharsets.UTF_8)), Sha256.of("abc"));
	}
}
