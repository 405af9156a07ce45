package org.transvw.network.export;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import org.transvw.common.Checks;

/**
 * The cover of an exported model: one slice of the test input (grey, min-max scaled) beside the
 * same slice with the predicted foreground probability in red over it, as an RGB PNG of aspect
 * 2:1 for square slices (what the BioImage.IO spec recommends), enlarged by an integer factor to at
 * least {@value #MIN_HEIGHT} pixels high. The PNG is encoded here (IHDR, one zlib IDAT of filter-0
 * rows, IEND): the core has no AWT.
 */
public final class CoverImage {

	static final int MIN_HEIGHT = 256;
	private static final double OVERLAY = 0.6;

	private CoverImage() {}

	/**
	 * @param image slice values, row-major (y rows of x)
	 * @param probability foreground probability of the same slice, in [0, 1]
	 */
	public static byte[] png(final float[] image, final float[] probability, final int width,
		final int height)
	{
		Checks.require(width > 0 && height > 0 && image.length == width * height &&
			probability.length == image.length, "slice", width + " x " + height + " values");
		float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
		for (final float v : image) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		final float range = hi > lo ? hi - lo : 1;
		final int s = (MIN_HEIGHT + height - 1) / height;
		final int w = 2 * width * s, h = height * s;
		final byte[] rgb = new byte[w * h * 3];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int px = (x / s) % width, py = y / s;
				final double g = 255 * (image[py * width + px] - lo) / range;
				final double a = x < width * s ? 0 : OVERLAY * Math.min(1, Math.max(0,
					probability[py * width + px]));
				final int i = 3 * (y * w + x);
				rgb[i] = (byte) Math.round((1 - a) * g + a * 255);
				rgb[i + 1] = (byte) Math.round((1 - a) * g);
				rgb[i + 2] = (byte) Math.round((1 - a) * g);
			}
		return encode(rgb, w, h);
	}

	/** An 8-bit RGB PNG of {@code rgb} (rows top to bottom). */
	static byte[] encode(final byte[] rgb, final int width, final int height) {
		final byte[] raw = new byte[height * (1 + 3 * width)];
		for (int y = 0; y < height; y++)
			System.arraycopy(rgb, y * 3 * width, raw, y * (1 + 3 * width) + 1, 3 * width);
		final Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
		d.setInput(raw);
		d.finish();
		final ByteArrayOutputStream z = new ByteArrayOutputStream();
		final byte[] buf = new byte[1 << 16];
		while (!d.finished())
			z.write(buf, 0, d.deflate(buf));
		d.end();
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put(
			(byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
		chunk(out, "IDAT", z.toByteArray());
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(final ByteArrayOutputStream out, final String type,
		final byte[] data)
	{
		final byte[] t = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(t);
		out.writeBytes(data);
		final CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}
}
