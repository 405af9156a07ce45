package org.transvw.network.weights;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The restricted unpickler: plain containers work; anything that could run code is refused
 * with a clear error and no side effect. Engine-free.
 */
public class PickleReaderTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/** Protocol-2 pickle of os.system('touch MARKER') as Python's pickle.dumps writes it. */
	private static byte[] osSystem(final Path marker) {
		final ByteArrayOutputStream b = new ByteArrayOutputStream();
		b.writeBytes(new byte[] { (byte) 0x80, 2 });
		b.writeBytes("cos\nsystem\nq\u0000".getBytes(StandardCharsets.ISO_8859_1));
		final byte[] cmd = ("touch " + marker).getBytes(StandardCharsets.UTF_8);
		b.write('X');
		b.writeBytes(ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(
			cmd.length).array());
		b.writeBytes(cmd);
		b.writeBytes(new byte[] { (byte) 0x85, 'R', '.' });
		return b.toByteArray();
	}

	@Test
	public void plainContainersAndNumbersAreRead() throws IOException {
		// {'a': [1, 2.5, True, None], 'b': ('x', -3)} written by Python 3 pickle protocol 2
		final byte[] p = { (byte) 0x80, 2, '}', 'q', 0, '(', 'X', 1, 0, 0, 0, 'a', 'q', 1, ']', 'q',
			2, '(', 'K', 1, 'G', 0x40, 0x04, 0, 0, 0, 0, 0, 0, (byte) 0x88, 'N', 'e', 'X', 1, 0, 0, 0,
			'b', 'q', 3, 'X', 1, 0, 0, 0, 'x', 'q', 4, 'J', (byte) 0xfd, (byte) 0xff, (byte) 0xff,
			(byte) 0xff, (byte) 0x86, 'q', 5, 'u', '.' };
		final Object o = PickleReader.read(ByteBuffer.wrap(p), "test");
		assertEquals(Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null), "b", List.of("x",
			-3L)), o);
	}

	@Test
	public void osSystemIsRefusedWithoutRunningIt() throws IOException {
		final Path marker = tmp.getRoot().toPath().resolve("pwned");
		try {
			PickleReader.read(ByteBuffer.wrap(osSystem(marker)), "evil.pkl");
			fail("os.system accepted");
		}
		catch (final UnsafeWeightFileException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains("'os.system'"));
			assertTrue(ex.getMessage(), ex.getMessage().startsWith("evil.pkl: "));
		}
		assertFalse("no side effect", Files.exists(marker));
	}

	@Test
	public void maliciousTorchArchiveIsRefusedByTheImporter() throws IOException {
		final Path marker = tmp.getRoot().toPath().resolve("pwned");
		final Path file = tmp.getRoot().toPath().resolve("evil.pt");
		try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip =
			new ZipOutputStream(os))
		{
			zip.putNextEntry(new ZipEntry("evil/data.pkl"));
			zip.write(osSystem(marker));
			zip.closeEntry();
		}
		try {
			WeightImporter.read(file, WeightImporter.Options.defaults());
			fail("malicious archive accepted");
		}
		catch (final UnsafeWeightFileException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains("os.system"));
			assertTrue(ex.getMessage(), ex.getMessage().contains("refused without running"));
		}
		assertFalse("no side effect", Files.exists(marker));
	}

	@Test
	public void everyGlobalOutsideTheAllowListIsRefused() {
		for (final String global : List.of("builtins\neval", "__builtin__\ngetattr",
			"torch\nload", "subprocess\nPopen", "torch._utils\n_rebuild_from_type"))
		{
			final byte[] p = ("\u0080\u0002c" + global + "\n.").getBytes(
				StandardCharsets.ISO_8859_1);
			try {
				PickleReader.read(ByteBuffer.wrap(p), "g.pkl");
				fail(global + " accepted");
			}
			catch (final IOException ex) {
				assertTrue(ex instanceof UnsafeWeightFileException);
				assertTrue(ex.getMessage(), ex.getMessage().contains(global.replace('\n', '.')));
			}
		}
	}

	@Test
	public void objectBuildingOpcodesAreRefused() {
		// STACK_GLOBAL of an allowed name is fine, but INST / NEWOBJ never are
		for (final byte[] p : List.of(new byte[] { (byte) 0x80, 2, '(', 'i', 'o', 's', '\n', 's',
			'y', 's', 't', 'e', 'm', '\n', '.' }, new byte[] { (byte) 0x80, 2, ')', ')', (byte) 0x81,
				'.' }))
		{
			try {
				PickleReader.read(ByteBuffer.wrap(p), "o.pkl");
				fail("object opcode accepted");
			}
			catch (final IOException ex) {
				assertTrue(ex.getMessage(), ex instanceof UnsafeWeightFileException);
			}
		}
	}

	@Test
	public void truncatedPickleSaysSo() {
		try {
			PickleReader.read(ByteBuffer.wrap(new byte[] { (byte) 0x80, 2, 'X', 9, 0, 0, 0, 'a' }),
				"t.pkl");
			fail("truncated pickle accepted");
		}
		catch (final IOException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains("truncated"));
		}
	}
}
