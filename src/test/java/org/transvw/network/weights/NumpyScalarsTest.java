package org.transvw.network.weights;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/**
 * Numpy scalars in checkpoints (the TransVW script stores best_loss / best_acc as numpy float64)
 * are rebuilt as plain numbers by the restricted unpickler, for the plain numeric dtypes only.
 * The pickles are what Python 3.11 / numpy 1.24 write ({@code pickle.dumps(obj, protocol)});
 * engine-free.
 */
public class NumpyScalarsTest {

	/** {'best_loss': f8 0.25, 'n': i8 -3, 'u': u1 200, 'h': f2 1.5, 'b': bool True, 'f': f4 0.1}, protocol 2 (torch.save's). */
	private static final String PROTOCOL_2 = "80027d7100285809000000626573745f6c6f73737101636e756d70792e636f72652e6d756c746961727261790a7363616c61720a7102636e756d70790a64747970650a71035802000000663871048988877105527106284b0358010000003c71074e4e4e4affffffff4affffffff4b0074710862635f636f646563730a656e636f64650a71095809000000000000000000c3903f710a58060000006c6174696e31710b86710c52710d86710e52710f58010000006e7110680268035802000000693871118988877112527113284b0368074e4e4e4affffffff4affffffff4b007471146268095810000000c3bdc3bfc3bfc3bfc3bfc3bfc3bfc3bf7115680b867116527117867118527119580100000075711a6802680358020000007531711b898887711c52711d284b0358010000007c711e4e4e4e4affffffff4affffffff4b0074711f6268095802000000c3887120680b8671215271228671235271245801000000687125680268035802000000663271268988877127527128284b0368074e4e4e4affffffff4affffffff4b007471296268095802000000003e712a680b86712b52712c86712d52712e580100000062712f680268035802000000623171308988877131527132284b03681e4e4e4e4affffffff4affffffff4b007471336268095801000000017134680b86713552713686713752713858010000006671396802680358020000006634713a898887713b52713c284b0368074e4e4e4affffffff4affffffff4b0074713d6268095807000000c38dc38cc38c3d713e680b86713f527140867141527142752e";
	/** {'best_acc': f8 0.625}, protocol 4 (STACK_GLOBAL, raw bytes). */
	private static final String PROTOCOL_4 = "80049577000000000000007d948c08626573745f616363948c156e756d70792e636f72652e6d756c74696172726179948c067363616c61729493948c056e756d7079948c0564747970659493948c02663894898887945294284b038c013c944e4e4e4affffffff4affffffff4b007494624308000000000000e43f9486945294732e";
	/** numpy.dtype('O'), protocol 2. */
	private static final String OBJECT_DTYPE = "8002636e756d70790a64747970650a710058020000004f3871018988877102527103284b0358010000007c71044e4e4e4affffffff4affffffff4b3f747105622e";
	/** numpy.str_('ab'), protocol 2. */
	private static final String STRING_SCALAR = "8002636e756d70792e636f72652e6d756c746961727261790a7363616c61720a7100636e756d70790a64747970650a71015802000000553271028988877103527104284b0358010000003c71054e4e4e4b084b044b0874710662635f636f646563730a656e636f64650a710758080000006100000062000000710858060000006c6174696e31710986710a52710b86710c52710d2e";

	private static Object read(final String hex) throws IOException {
		return PickleReader.read(ByteBuffer.wrap(HexFormat.of().parseHex(hex)), "ckpt.pt");
	}

	@Test
	public void plainNumericScalarsBecomeNumbers() throws IOException {
		final Map<?, ?> m = (Map<?, ?>) read(PROTOCOL_2);
		assertEquals(0.25, m.get("best_loss"));
		assertEquals(-3L, m.get("n"));
		assertEquals(200L, m.get("u"));
		assertEquals(1.5, m.get("h"));
		assertEquals(Boolean.TRUE, m.get("b"));
		assertEquals(0.1f, ((Double) m.get("f")).floatValue(), 0f);
		assertEquals(Map.of("best_acc", 0.625), read(PROTOCOL_4));
	}

	@Test
	public void numpy2ModuleNameIsAcceptedToo() throws IOException {
		// numpy 2 moved numpy.core to numpy._core; the pickle differs only in that GLOBAL line
		final String v1 = new String(HexFormat.of().parseHex(PROTOCOL_4), StandardCharsets.ISO_8859_1);
		final String v2 = v1.replace("\u008c\u0015numpy.core.multiarray", "\u008c\u0016numpy._core.multiarray");
		final byte[] b = v2.getBytes(StandardCharsets.ISO_8859_1);
		// the FRAME length grows by the one extra byte
		b[3]++;
		assertEquals(Map.of("best_acc", 0.625), PickleReader.read(ByteBuffer.wrap(b), "np2.pt"));
	}

	@Test
	public void otherDtypesAndMalformedScalarsAreRefused() throws IOException {
		for (final String hex : List.of(OBJECT_DTYPE, STRING_SCALAR)) {
			try {
				read(hex);
				fail("accepted " + hex);
			}
			catch (final UnsafeWeightFileException ex) {
				assertTrue(ex.getMessage(), ex.getMessage().contains("not a plain number type"));
			}
		}
		final NumpyScalars.DType f8 = NumpyScalars.dtype(List.of("f8", false, true), "t");
		for (final List<?> args : List.of(List.of(f8, new byte[4]), List.of("f8", new byte[8]), List
			.of(f8)))
		{
			try {
				NumpyScalars.scalar(args, "t");
				fail("accepted " + args);
			}
			catch (final UnsafeWeightFileException ex) {
				assertTrue(ex.getMessage(), ex.getMessage().startsWith("t: numpy"));
			}
		}
		try {
			NumpyScalars.latin1(List.of("abc", "utf-8"), "t");
			fail("utf-8 accepted");
		}
		catch (final UnsafeWeightFileException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains("'latin1'"));
		}
	}

	@Test
	public void byteOrderAndHalfPrecisionAreDecoded() throws IOException {
		final NumpyScalars.DType be = NumpyScalars.dtype(List.of("i4", false, true), "t");
		NumpyScalars.build(be, Arrays.asList(3L, ">", null, null, null, -1L, -1L, 0L), "t");
		assertEquals(258L, NumpyScalars.scalar(List.of(be, new byte[] { 0, 0, 1, 2 }), "t"));
		final NumpyScalars.DType u8 = NumpyScalars.dtype(List.of("u8", false, true), "t");
		assertEquals(new java.math.BigInteger("18446744073709551615"), NumpyScalars.scalar(List.of(
			u8, new byte[] { -1, -1, -1, -1, -1, -1, -1, -1 }), "t"));
		assertEquals(65504f, NumpyScalars.half((short) 0x7bff), 0f);
		assertEquals(-2f, NumpyScalars.half((short) 0xc000), 0f);
		assertEquals(0x1p-24f, NumpyScalars.half((short) 1), 0f);
		assertTrue(Float.isNaN(NumpyScalars.half((short) 0x7e00)));
		try {
			NumpyScalars.build(be, Arrays.asList(3L, "<", null, List.of("a"), null, -1L, -1L, 0L), "t");
			fail("structured dtype accepted");
		}
		catch (final UnsafeWeightFileException ex) {
			assertTrue(ex.getMessage(), ex.getMessage().contains("not that of a plain number type"));
		}
	}
}
