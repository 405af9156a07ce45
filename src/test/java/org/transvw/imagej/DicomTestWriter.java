package org.transvw.imagej;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes minimal explicit-VR little-endian DICOM CT slices and radiographs for tests. */
final class DicomTestWriter {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private DicomTestWriter() {}

	/**
	 * One signed 16-bit slice.
	 *
	 * @param position Image Position (Patient), LPS mm
	 */
	static void slice(final Path file, final int rows, final int cols, final short[] raw,
		final double[] position, final double[] orientation, final double[] pixelSpacing,
		final int instance, final double slope, final double intercept) throws IOException
	{
		final DicomTestWriter w = begin("1.2.840.10008.5.1.4.1.1.2", instance);
		w.text(0x0008, 0x0060, "CS", "CT");
		w.text(0x0018, 0x0050, "DS", fmt(pixelSpacing[0]));
		w.text(0x0020, 0x0013, "IS", Integer.toString(instance));
		w.text(0x0020, 0x0032, "DS", fmt(position));
		w.text(0x0020, 0x0037, "DS", fmt(orientation));
		w.us(0x0028, 0x0002, 1);
		w.text(0x0028, 0x0004, "CS", "MONOCHROME2");
		w.us(0x0028, 0x0010, rows);
		w.us(0x0028, 0x0011, cols);
		w.text(0x0028, 0x0030, "DS", fmt(pixelSpacing));
		w.us(0x0028, 0x0100, 16);
		w.us(0x0028, 0x0101, 16);
		w.us(0x0028, 0x0102, 15);
		w.us(0x0028, 0x0103, 1);
		w.text(0x0028, 0x1052, "DS", fmt(intercept));
		w.text(0x0028, 0x1053, "DS", fmt(slope));
		w.pixels(file, raw);
	}

	/**
	 * One unsigned 16-bit projection radiograph (no patient geometry).
	 *
	 * @param pixelSpacing (0028,0030) {row, column} spacing in mm, or null
	 * @param imagerSpacing (0018,1164) Imager Pixel Spacing in mm, or null
	 */
	static void radiograph(final Path file, final int rows, final int cols, final short[] raw,
		final String modality, final String photometric, final int bitsStored,
		final double[] pixelSpacing, final double[] imagerSpacing) throws IOException
	{
		final DicomTestWriter w = begin("1.2.840.10008.5.1.4.1.1.1.1", 1);
		w.text(0x0008, 0x0060, "CS", modality);
		if (imagerSpacing != null) w.text(0x0018, 0x1164, "DS", fmt(imagerSpacing));
		w.us(0x0028, 0x0002, 1);
		w.text(0x0028, 0x0004, "CS", photometric);
		w.us(0x0028, 0x0010, rows);
		w.us(0x0028, 0x0011, cols);
		if (pixelSpacing != null) w.text(0x0028, 0x0030, "DS", fmt(pixelSpacing));
		w.us(0x0028, 0x0100, 16);
		w.us(0x0028, 0x0101, bitsStored);
		w.us(0x0028, 0x0102, bitsStored - 1);
		w.us(0x0028, 0x0103, 0);
		w.pixels(file, raw);
	}

	/** Preamble, "DICM" and the file meta group (explicit VR little endian). */
	private static DicomTestWriter begin(final String sopClass, final int instance)
		throws IOException
	{
		final DicomTestWriter meta = new DicomTestWriter();
		meta.text(0x0002, 0x0001, "OB", new String(new byte[] { 0, 1 }, StandardCharsets.ISO_8859_1));
		meta.text(0x0002, 0x0002, "UI", sopClass);
		meta.text(0x0002, 0x0003, "UI", "1.2.3.4." + instance);
		meta.text(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1");
		final DicomTestWriter w = new DicomTestWriter();
		w.out.write(new byte[128]);
		w.out.write("DICM".getBytes(StandardCharsets.US_ASCII));
		w.ul(0x0002, 0x0000, meta.out.size());
		w.out.write(meta.out.toByteArray());
		return w;
	}

	/** The pixel data element, then the file. */
	private void pixels(final Path file, final short[] raw) throws IOException {
		final ByteBuffer px = ByteBuffer.allocate(raw.length * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (final short s : raw)
			px.putShort(s);
		tag(0x7FE0, 0x0010, "OW", px.array());
		Files.write(file, out.toByteArray());
	}

	private static String fmt(final double... v) {
		final StringBuilder b = new StringBuilder();
		for (final double x : v)
			b.append(b.length() == 0 ? "" : "\\").append(x);
		return b.toString();
	}

	private void text(final int g, final int e, final String vr, final String s) throws IOException {
		byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
		if (b.length % 2 == 1) {
			final byte[] p = new byte[b.length + 1];
			System.arraycopy(b, 0, p, 0, b.length);
			p[b.length] = (byte) (vr.equals("UI") || vr.equals("OB") ? 0 : ' ');
			b = p;
		}
		tag(g, e, vr, b);
	}

	private void us(final int g, final int e, final int v) throws IOException {
		tag(g, e, "US", ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v)
			.array());
	}

	private void ul(final int g, final int e, final int v) throws IOException {
		tag(g, e, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
	}

	private void tag(final int g, final int e, final String vr, final byte[] value)
		throws IOException
	{
		final boolean longForm = vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals(
			"UN") || vr.equals("UT");
		final ByteBuffer h = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
		h.putShort((short) g).putShort((short) e).put(vr.getBytes(StandardCharsets.US_ASCII));
		if (longForm) h.putShort((short) 0).putInt(value.length);
		else h.putShort((short) value.length);
		out.write(h.array());
		out.write(value);
	}
}
