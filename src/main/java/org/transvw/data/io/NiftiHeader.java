package org.transvw.data.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a NIfTI-1 header that TransVW uses, decoded from / encoded to the 348-byte
 * layout of {@code nifti1.h}. {@code dim} and {@code pixdim} hold the 8 raw entries.
 * The scaling {@code sclSlope}/{@code sclInter} is recorded as found ({@code 0} slope means
 * "no scaling", see {@link #scales()}).
 */
public record NiftiHeader(ByteOrder order, short[] dim, short datatype, short bitpix,
	float[] pixdim, float voxOffset, float sclSlope, float sclInter, short qformCode,
	short sformCode, float[] quatern, float[] qoffset, float[][] srow, String descrip)
{

	/** The size of a NIfTI-1 header. */
	public static final int SIZE = 348;

	public static final short DT_UINT8 = 2;
	public static final short DT_INT16 = 4;
	public static final short DT_INT32 = 8;
	public static final short DT_FLOAT32 = 16;
	public static final short DT_FLOAT64 = 64;
	public static final short DT_UINT16 = 512;

	/** Whether {@code raw * sclSlope + sclInter} differs from the raw values. */
	public boolean scales() {
		return sclSlope != 0 && Float.isFinite(sclSlope) && (sclSlope != 1 || sclInter != 0);
	}

	/** Bytes per voxel of a supported datatype, or -1. */
	public static int bytesPer(final short datatype) {
		switch (datatype) {
			case DT_UINT8: return 1;
			case DT_INT16: case DT_UINT16: return 2;
			case DT_INT32: case DT_FLOAT32: return 4;
			case DT_FLOAT64: return 8;
			default: return -1;
		}
	}

	/**
	 * Decodes a header; the byte order is detected from {@code sizeof_hdr}.
	 *
	 * @throws IllegalArgumentException with a message naming the problem (the caller adds the file)
	 */
	static NiftiHeader decode(final byte[] bytes) {
		if (bytes.length < SIZE) throw new IllegalArgumentException(
			"truncated header: " + bytes.length + " of " + SIZE + " bytes");
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (b.getInt(0) != SIZE) {
			b.order(ByteOrder.BIG_ENDIAN);
			if (b.getInt(0) != SIZE) {
				if (b.getInt(0) == 540 || Integer.reverseBytes(b.getInt(0)) == 540)
					throw new IllegalArgumentException("NIfTI-2 files are not supported, only NIfTI-1");
				throw new IllegalArgumentException("not a NIfTI-1 file (header size field is " +
					Integer.reverseBytes(b.getInt(0)) + ", expected 348)");
			}
		}
		final String magic = new String(bytes, 344, 3, StandardCharsets.US_ASCII);
		if (magic.equals("ni1")) throw new IllegalArgumentException(
			"two-file NIfTI (.hdr/.img) is not supported, convert it to a single .nii file");
		if (!magic.equals("n+1")) throw new IllegalArgumentException(
			"not a NIfTI-1 file (magic '" + magic.replaceAll("\\p{Cntrl}", "?") + "')");
		final short[] dim = new short[8];
		for (int i = 0; i < 8; i++)
			dim[i] = b.getShort(40 + 2 * i);
		final float[] pixdim = new float[8];
		for (int i = 0; i < 8; i++)
			pixdim[i] = b.getFloat(76 + 4 * i);
		final float[][] srow = new float[3][4];
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++)
				srow[r][c] = b.getFloat(280 + 16 * r + 4 * c);
		final String descrip = new String(bytes, 148, 80, StandardCharsets.US_ASCII).replace("\0",
			"").trim();
		return new NiftiHeader(b.order(), dim, b.getShort(70), b.getShort(72), pixdim, b.getFloat(
			108), b.getFloat(112), b.getFloat(116), b.getShort(252), b.getShort(254), new float[] { b
				.getFloat(256), b.getFloat(260), b.getFloat(264) }, new float[] { b.getFloat(268), b
					.getFloat(272), b.getFloat(276) }, srow, descrip);
	}

	/** Encodes this header plus the 4-byte empty extension block (352 bytes). */
	byte[] encode() {
		final ByteBuffer b = ByteBuffer.allocate(SIZE + 4).order(order);
		b.putInt(0, SIZE);
		b.put(38, (byte) 'r');
		for (int i = 0; i < 8; i++)
			b.putShort(40 + 2 * i, dim[i]);
		b.putShort(70, datatype);
		b.putShort(72, bitpix);
		for (int i = 0; i < 8; i++)
			b.putFloat(76 + 4 * i, pixdim[i]);
		b.putFloat(108, voxOffset);
		b.putFloat(112, sclSlope);
		b.putFloat(116, sclInter);
		b.put(123, (byte) 2); // xyzt_units: NIFTI_UNITS_MM
		final byte[] d = descrip.getBytes(StandardCharsets.US_ASCII);
		b.put(148, d, 0, Math.min(d.length, 79));
		b.putShort(252, qformCode);
		b.putShort(254, sformCode);
		for (int i = 0; i < 3; i++) {
			b.putFloat(256 + 4 * i, quatern[i]);
			b.putFloat(268 + 4 * i, qoffset[i]);
		}
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++)
				b.putFloat(280 + 16 * r + 4 * c, srow[r][c]);
		b.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
		return b.array();
	}
}
