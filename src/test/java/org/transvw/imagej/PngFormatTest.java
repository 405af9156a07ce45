package org.transvw.imagej;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.Modality;
import org.transvw.data.RgbConversion;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.phantom.DrrTest;


/** PNG radiographs: grey values as stored, pHYs spacing, colour refused unless converted. */
public class PngFormatTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	/** Writes {@code image} as PNG, with a pHYs chunk of {@code ppm} pixels per metre if > 0. */
	private Path png(final String name, final BufferedImage image, final int ppmX, final int ppmY)
		throws IOException
	{
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertTrue(ImageIO.write(image, "png", out));
		byte[] b = out.toByteArray();
		if (ppmX > 0) {
			// insert pHYs after the signature (8) and the IHDR chunk (4 + 4 + 13 + 4)
			final ByteBuffer data = ByteBuffer.allocate(9).putInt(ppmX).putInt(ppmY).put((byte) 1);
			final ByteBuffer chunk = ByteBuffer.allocate(21).putInt(9).put("pHYs".getBytes(
				StandardCharsets.US_ASCII)).put(data.array());
			final CRC32 crc = new CRC32();
			crc.update(chunk.array(), 4, 13);
			chunk.putInt((int) crc.getValue());
			final byte[] with = new byte[b.length + 21];
			System.arraycopy(b, 0, with, 0, 33);
			System.arraycopy(chunk.array(), 0, with, 33, 21);
			System.arraycopy(b, 33, with, 54, b.length - 33);
			b = with;
		}
		final Path f = tmp.getRoot().toPath().resolve(name);
		Files.write(f, b);
		return f;
	}

	private static BufferedImage grey(final int type, final int step) {
		final BufferedImage bi = new BufferedImage(4, 3, type);
		final WritableRaster r = bi.getRaster();
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 4; x++)
				r.setSample(x, y, 0, step * (x + 4 * y));
		return bi;
	}

	private static float[] ramp(final int step) {
		final float[] f = new float[12];
		for (int i = 0; i < 12; i++)
			f[i] = step * i;
		return f;
	}

	@Test
	public void greyValuesAreKeptAndPhysSpacingRead() throws IOException {
		// setup: 16-bit grey at 7143 x 5000 pixels per metre (0.14 x 0.2 mm), 8-bit without pHYs
		final Path p16 = png("cxr16.png", grey(BufferedImage.TYPE_USHORT_GRAY, 1000), 7143, 5000);
		final Path p8 = png("cxr8.png", grey(BufferedImage.TYPE_BYTE_GRAY, 20), 0, 0);
		// process: through the format registry, as any reader would
		final Volume v16 = VolumeIO.read(p16, 2), v8 = VolumeIO.read(p8, 2);
		// test
		assertArrayEquals(ramp(1000), DrrTest.pixels(v16), 0);
		assertArrayEquals(new double[] { 1000.0 / 7143, 0.2 }, v16.spacing(), 1e-12);
		assertArrayEquals(ramp(20), DrrTest.pixels(v8), 0);
		assertArrayEquals("no pHYs: unknown, 1 mm", new double[] { 1, 1 }, v8.spacing(), 0);
		assertEquals(Modality.XRAY, Radiographs.read(p8, RgbConversion.REFUSE).modality());
	}

	@Test
	public void greyStoredAsRgbaIsRefusedThenConvertedExactly() throws IOException {
		final BufferedImage bi = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
		for (int i = 0; i < 12; i++)
			bi.setRGB(i % 4, i / 4, 0xff000000 | (20 * i) * 0x010101);
		final Path f = png("rgba.png", bi, 0, 0);
		try {
			VolumeIO.read(f);
			fail("RGB must be refused by default");
		}
		catch (final IOException e) {
			assertEquals("rgba.png: rgb: expected a grey-level image, got RGB; its three channels " +
				"are equal (a grey image stored as RGB): use rgb=mean to convert it explicitly", e
					.getMessage());
		}
		assertArrayEquals(ramp(20), DrrTest.pixels(new PngFormat().read(f, RgbConversion.MEAN)), 1e-4f);
	}

	@Test
	public void paletteIndicesAreLookedUpNotTakenAsIntensities() throws IOException {
		// setup: a palette whose index i holds the colour (255 - 10 i, 0, 10 i)
		final byte[] r = new byte[16], g = new byte[16], b = new byte[16];
		for (int i = 0; i < 16; i++) {
			r[i] = (byte) (255 - 10 * i);
			b[i] = (byte) (10 * i);
		}
		final BufferedImage bi = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_INDEXED,
			new IndexColorModel(4, 16, r, g, b));
		for (int i = 0; i < 12; i++)
			bi.getRaster().setSample(i % 4, i / 4, 0, i);
		final Path f = png("palette.png", bi, 0, 0);
		// process
		final float[] luma = DrrTest.pixels(new PngFormat().read(f, RgbConversion.LUMA));
		// test
		for (int i = 0; i < 12; i++)
			assertEquals(0.299f * (255 - 10 * i) + 0.114f * 10 * i, luma[i], 1e-3f);
		try {
			new PngFormat().read(f);
			fail("a colour palette must be refused by default");
		}
		catch (final IOException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("palette.png: rgb: expected a " +
				"grey-level image, got RGB; its channels differ"));
		}
	}

	@Test
	public void missingAndBogusFilesAreNamed() throws IOException {
		final Path bogus = tmp.getRoot().toPath().resolve("bogus.png");
		Files.write(bogus, new byte[] { 1, 2, 3, 4 });
		for (final Path f : new Path[] { bogus, tmp.getRoot().toPath().resolve("none.png") })
			try {
				new PngFormat().read(f);
				fail("must be refused: " + f);
			}
			catch (final IOException e) {
				assertTrue(e.getMessage(), e.getMessage().contains(f.getFileName() + ": ") || e
					.getMessage().contains("no such file"));
			}
	}
}
