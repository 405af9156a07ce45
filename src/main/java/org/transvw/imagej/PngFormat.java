package org.transvw.imagej;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.transvw.data.RgbConversion;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeFormat;

import ij.ImagePlus;
import ij.io.Opener;

/**
 * PNG images through ImageJ 1.x ({@code .png}), read-only: 8- and 16-bit grey as they are
 * stored; colour (RGB, RGBA, or a palette that is not grey) refused unless a
 * {@link RgbConversion} is asked for ({@link #read(Path, RgbConversion)}). Spacing comes from
 * the {@code pHYs} chunk when its unit is the metre ({@code 1000 / pixels per metre} mm); PNG has
 * no other geometry, so without it the spacing is 1 mm (unknown) and the origin 0.
 */
public final class PngFormat implements VolumeFormat {

	private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	@Override
	public String name() {
		return "PNG";
	}

	@Override
	public List<String> endings() {
		return List.of(".png");
	}

	@Override
	public Volume read(final Path path) throws IOException {
		return read(path, RgbConversion.REFUSE);
	}

	/** Reads a PNG, converting colour images as {@code rgb} says (refused by default). */
	public Volume read(final Path path, final RgbConversion rgb) throws IOException {
		final String file = path.getFileName().toString();
		if (!Files.isRegularFile(path)) throw new IOException(path + ": " + (Files.exists(path)
			? "not a regular file" : "no such file"));
		final double[] spacing = physicalSpacing(path);
		final Opener opener = new Opener();
		opener.setSilentMode(true);
		final ImagePlus imp = opener.openImage(path.toAbsolutePath().toString());
		if (imp == null) throw new IOException(file + ": ImageJ could not open this PNG file");
		final Volume v;
		try {
			v = RgbImages.isRgb(imp) || RgbImages.isPalette(imp) ? RgbImages.toGreyVolume(imp, rgb, file) : ImagePlusBridge
				.toVolume(imp);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(file + ": " + e.getMessage(), e);
		}
		if (spacing == null) return v;
		return new Volume(v.pixels(), spacing, v.origin(), v.direction(), v.modality(), v
			.normalization());
	}

	/**
	 * The pixel size in mm from the {@code pHYs} chunk ({x, y}), or null when the file has none,
	 * states only an aspect ratio (unit 0), or is not a PNG.
	 */
	static double[] physicalSpacing(final Path path) throws IOException {
		try (InputStream raw = Files.newInputStream(path); DataInputStream in = new DataInputStream(
			raw))
		{
			final byte[] sig = new byte[8];
			in.readFully(sig);
			if (!java.util.Arrays.equals(sig, SIGNATURE)) return null;
			while (true) {
				final long length = in.readInt() & 0xffffffffL;
				final byte[] type = new byte[4];
				in.readFully(type);
				final String t = new String(type, StandardCharsets.US_ASCII);
				// NB: pHYs must come before the first IDAT chunk
				if (t.equals("IDAT") || t.equals("IEND")) return null;
				if (t.equals("pHYs") && length == 9) {
					final long ppx = in.readInt() & 0xffffffffL, ppy = in.readInt() & 0xffffffffL;
					final int unit = in.readUnsignedByte();
					if (unit != 1 || ppx == 0 || ppy == 0) return null;
					return new double[] { 1000.0 / ppx, 1000.0 / ppy };
				}
				in.skipNBytes(length + 4);
			}
		}
		catch (final EOFException e) {
			// a truncated header: ImageJ's decoder reports the file itself
			return null;
		}
	}
}
