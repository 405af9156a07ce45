package org.transvw.network.weights;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Pickles whose object graph would overflow the stack or never end when walked are refused with
 * a message, by the reader and through the importer (no StackOverflowError, no hang).
 */
public class PickleGraphTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/** [L] where L is the list itself: EMPTY_LIST, BINPUT 0, BINGET 0, APPEND, STOP. */
	static byte[] selfReferencingList() {
		return new byte[] { (byte) 0x80, 2, ']', 'q', 0, 'h', 0, 'a', '.' };
	}

	private static IOException refused(final byte[] pickle) {
		return assertThrows(IOException.class, () -> PickleReader.read(ByteBuffer.wrap(pickle),
			"p.pkl"));
	}

	@Test
	public void aListContainingItselfIsRefused() {
		final IOException e = refused(selfReferencingList());
		assertTrue(e.getMessage(), e.getMessage().startsWith("p.pkl: the pickle holds a list of 1 " +
			"item that contains itself"));
	}

	@Test
	public void aDictContainingItselfThroughAListIsRefused() {
		// {'a': [d]}: EMPTY_DICT, BINPUT 0, BINUNICODE 'a', EMPTY_LIST, BINGET 0, APPEND, SETITEM
		final byte[] p = { (byte) 0x80, 2, '}', 'q', 0, 'X', 1, 0, 0, 0, 'a', ']', 'h', 0, 'a', 's',
			'.' };
		assertTrue(refused(p).getMessage().contains("contains itself"));
	}

	@Test
	public void nestingDeeperThanTheLimitIsRefused() {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.writeBytes(new byte[] { (byte) 0x80, 2 });
		final int n = PickleGraph.MAX_DEPTH + 5;
		for (int i = 0; i < n; i++)
			b.write('(');
		for (int i = 0; i < n; i++)
			b.write('l'); // LIST from the mark: each wraps the one inside
		b.write('.');
		assertTrue(refused(b.toByteArray()).getMessage().contains("deeper than"));
	}

	@Test
	public void sharedListsThatExpandWithoutEndAreRefused() {
		// x0 = [1]; x(i+1) = [x(i), x(i)] 40 times: 2^40 entries when walked as a tree
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.writeBytes(new byte[] { (byte) 0x80, 2, ']', 'K', 1, 'a', 'q', 0 });
		for (int i = 0; i < 40; i++)
			b.writeBytes(new byte[] { ']', 'h', (byte) i, 'a', 'h', (byte) i, 'a', 'q', (byte) (i +
				1) });
		b.write('.');
		assertTrue(refused(b.toByteArray()).getMessage().contains("expands to more than"));
	}

	@Test
	public void aListAsADictKeyIsRefused() {
		// {[]: 1}: EMPTY_DICT, EMPTY_LIST, BININT1 1, SETITEM
		final byte[] p = { (byte) 0x80, 2, '}', ']', 'K', 1, 's', '.' };
		assertTrue(refused(p).getMessage().contains("unhashable"));
	}

	@Test
	public void theImporterRefusesASelfReferencingFile() throws IOException {
		final Path file = tmp.getRoot().toPath().resolve("loop.pt");
		Files.write(file, selfReferencingList());
		final IOException e = assertThrows(IOException.class, () -> WeightImporter.read(file,
			WeightImporter.Options.defaults()));
		assertTrue(e.getMessage(), e.getMessage().contains("contains itself"));
	}
}
