package org.transvw.network.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.transvw.common.Checks;

/**
 * A float32 array in NumPy's {@code .npy} format, version 1.0: the magic {@code \x93NUMPY}, the
 * version bytes 1, 0, a little-endian uint16 header length, an ASCII header
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (...), }} padded with spaces and a
 * final newline so the data start at a multiple of 64 bytes, then the values little-endian in C
 * order (last axis fastest). The BioImage.IO test tensors are such files.
 *
 * @param shape array shape (C order)
 * @param values the elements, C order
 */
public record Npy(long[] shape, float[] values) {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final Pattern HEADER = Pattern.compile(
		"\\{\\s*'descr':\\s*'([^']+)',\\s*'fortran_order':\\s*(True|False),\\s*'shape':\\s*\\(([^)]*)\\),?\\s*\\}\\s*");

	public Npy {
		shape = shape.clone();
		long n = 1;
		for (final long s : shape) {
			Checks.require(s >= 0, "shape", "non-negative sizes, got " + Arrays.toString(shape));
			n *= s;
		}
		Checks.require(values != null && values.length == n, "values", n + " elements for shape " +
			Arrays.toString(shape));
	}

	@Override
	public long[] shape() {
		return shape.clone();
	}

	/** The file's bytes. */
	public byte[] encode() {
		final StringBuilder dims = new StringBuilder();
		for (int d = 0; d < shape.length; d++)
			dims.append(d == 0 ? "" : ", ").append(shape[d]);
		if (shape.length == 1) dims.append(',');
		final StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, " +
			"'shape': (" + dims + "), }");
		while ((MAGIC.length + 4 + h.length() + 1) % 64 != 0)
			h.append(' ');
		h.append('\n');
		final byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
		final ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + header.length + 4 *
			values.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
		for (final float v : values)
			b.putFloat(v);
		return b.array();
	}

	/**
	 * Parses a version 1.0 / 2.0 file holding little-endian float32 in C order.
	 *
	 * @param source names the file in errors
	 */
	public static Npy decode(final byte[] bytes, final String source) throws IOException {
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) throw new IOException(
			source + ": not a .npy file (no \\x93NUMPY magic)");
		final int major = bytes[6];
		b.position(8);
		final int length = major == 1 ? b.getShort() & 0xffff : b.getInt();
		if (length < 0 || b.position() + length > bytes.length) throw new IOException(source +
			": truncated .npy header");
		final String header = new String(bytes, b.position(), length, StandardCharsets.US_ASCII);
		final Matcher m = HEADER.matcher(header);
		if (!m.matches()) throw new IOException(source + ": unreadable .npy header " + header.trim());
		if (!m.group(1).equals("<f4") || m.group(2).equals("True")) throw new IOException(source +
			": expected little-endian float32 in C order, got descr " + m.group(1) +
			", fortran_order " + m.group(2));
		final long[] shape = Arrays.stream(m.group(3).split(",")).map(String::trim).filter(
			s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
		long n = 1;
		for (final long s : shape)
			n *= s;
		b.position(b.position() + length);
		if (b.remaining() != 4 * n) throw new IOException(source + ": " + b.remaining() +
			" data bytes, shape " + Arrays.toString(shape) + " needs " + 4 * n);
		final float[] v = new float[(int) n];
		b.asFloatBuffer().get(v);
		return new Npy(shape, v);
	}
}
