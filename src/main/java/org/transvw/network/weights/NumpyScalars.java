package org.transvw.network.weights;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * Numpy scalars as training scripts leave them in checkpoints (the TransVW script stores
 * {@code best_loss} and {@code best_acc} as numpy float64): {@code numpy.core.multiarray.scalar}
 * (numpy 2: {@code numpy._core.multiarray.scalar}) called with a {@code numpy.dtype} and the
 * value's raw bytes, which pickle protocol 2 (torch.save's) spells as
 * {@code _codecs.encode(text, 'latin1')}. Only plain numeric dtypes are rebuilt: f2/f4/f8, i1..i8,
 * u1..u8 and b1 (bool), in any byte order, without fields or sub-arrays; anything else is refused
 * with {@link UnsafeWeightFileException}. Nothing is resolved to a class or executed: the dtype
 * is a small record and the scalar becomes a {@link Double}, {@link Long}, {@link BigInteger}
 * (u8 above 2^63) or {@link Boolean}.
 */
final class NumpyScalars {

	static final String DTYPE = "numpy.dtype";
	static final String SCALAR = "numpy.core.multiarray.scalar";
	static final String SCALAR_NUMPY2 = "numpy._core.multiarray.scalar";
	static final String CODECS_ENCODE = "_codecs.encode";

	/** Item size in bytes of each accepted dtype string. */
	private static final Map<String, Integer> SIZES = Map.ofEntries(Map.entry("f2", 2), Map.entry(
		"f4", 4), Map.entry("f8", 8), Map.entry("i1", 1), Map.entry("i2", 2), Map.entry("i4", 4),
		Map.entry("i8", 8), Map.entry("u1", 1), Map.entry("u2", 2), Map.entry("u4", 4), Map.entry(
			"u8", 8), Map.entry("b1", 1));

	/** A numpy dtype of a plain number; the byte order is set by the pickle's BUILD. */
	static final class DType {

		final String code;
		ByteOrder order = ByteOrder.LITTLE_ENDIAN;

		private DType(final String code) {
			this.code = code;
		}

		@Override
		public String toString() {
			return "dtype('" + code + "')";
		}
	}

	private NumpyScalars() {}

	/** {@code numpy.dtype(code, align, copy)}: only the plain numeric codes. */
	static DType dtype(final List<?> args, final String source) throws UnsafeWeightFileException {
		final Object code = args.isEmpty() ? null : args.get(0);
		if (!(code instanceof String c) || !SIZES.containsKey(c)) throw new UnsafeWeightFileException(
			source + ": numpy dtype " + code + " is not a plain number type (f2/f4/f8, i1..i8, " +
				"u1..u8, b1); refused without running anything");
		return new DType(c);
	}

	/**
	 * BUILD of a dtype with numpy's state {@code (3, order, subarray, names, fields, itemsize,
	 * alignment, flags)}: only the byte order may be set.
	 */
	static void build(final DType d, final Object state, final String source)
		throws UnsafeWeightFileException
	{
		if (!(state instanceof List<?> s) || s.size() < 5 || !(s.get(1) instanceof String order) ||
			s.get(2) != null || s.get(3) != null || s.get(4) != null)
			throw new UnsafeWeightFileException(source + ": numpy dtype state " + state +
				" is not that of a plain number type; refused");
		switch (order) {
			case "<", "|", "=" -> d.order = ByteOrder.LITTLE_ENDIAN;
			case ">" -> d.order = ByteOrder.BIG_ENDIAN;
			default -> throw new UnsafeWeightFileException(source + ": numpy byte order '" + order +
				"' is unknown; refused");
		}
	}

	/** {@code scalar(dtype, raw bytes)} as a Java number or boolean. */
	static Object scalar(final List<?> args, final String source)
		throws UnsafeWeightFileException
	{
		if (args.size() != 2 || !(args.get(0) instanceof DType d) || !(args.get(1) instanceof byte[] raw))
			throw new UnsafeWeightFileException(source + ": numpy scalar needs a plain dtype and its " +
				"raw bytes, got " + args + "; refused");
		final int size = SIZES.get(d.code);
		if (raw.length != size) throw new UnsafeWeightFileException(source + ": numpy " + d +
			" scalar has " + raw.length + " bytes, expected " + size + "; refused");
		final ByteBuffer b = ByteBuffer.wrap(raw).order(d.order);
		return switch (d.code) {
			case "f2" -> (double) half(b.getShort());
			case "f4" -> (double) b.getFloat();
			case "f8" -> b.getDouble();
			case "i1" -> (long) b.get();
			case "i2" -> (long) b.getShort();
			case "i4" -> (long) b.getInt();
			case "i8" -> b.getLong();
			case "u1" -> (long) (b.get() & 0xff);
			case "u2" -> (long) (b.getShort() & 0xffff);
			case "u4" -> b.getInt() & 0xffffffffL;
			case "u8" -> {
				final long v = b.getLong();
				yield v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
			}
			default -> raw[0] != 0; // b1
		};
	}

	/** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
	static float half(final short h) {
		final int sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
		final float v;
		if (exp == 0) v = mant * 0x1p-24f; // zero and subnormals
		else if (exp == 0x1f) v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
		else v = Float.intBitsToFloat((exp - 15 + 127) << 23 | mant << 13);
		return sign == 0 ? v : -v;
	}

	/** {@code _codecs.encode(text, 'latin1')}: protocol 2's spelling of a bytes object. */
	static byte[] latin1(final List<?> args, final String source) throws UnsafeWeightFileException {
		if (args.size() != 2 || !(args.get(0) instanceof String text) || !(args.get(1) instanceof String enc) ||
			!(enc.equals("latin1") || enc.equals("latin-1") || enc.equals("iso-8859-1")))
			throw new UnsafeWeightFileException(source + ": _codecs.encode is accepted only as " +
				"protocol 2's encoding of bytes (text, 'latin1'), got " + args + "; refused");
		final byte[] out = new byte[text.length()];
		for (int i = 0; i < out.length; i++) {
			final char c = text.charAt(i);
			if (c > 0xff) throw new UnsafeWeightFileException(source + ": _codecs.encode of a " +
				"character outside latin-1; refused");
			out[i] = (byte) c;
		}
		return out;
	}
}
