package org.transvw.imagej;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.Modality;
import org.transvw.data.RgbConversion;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.phantom.DrrTest;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import net.imglib2.img.array.ArrayImgs;

/** 2D radiographs from DICOM CR/DX/DR and TIFF: photometric convention, spacing, refusals. */
public class RadiographsTest {

	/** 12-bit stored values 2 rows x 3 columns, including both ends of the range. */
	private static final short[] RAW = { 0, 100, 1000, 4095, 7, 8 };

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private Path dx(final String name, final String modality, final String photometric,
		final double[] pixel, final double[] imager) throws IOException
	{
		final Path f = tmp.getRoot().toPath().resolve(name);
		DicomTestWriter.radiograph(f, 2, 3, RAW, modality, photometric, 12, pixel, imager);
		return f;
	}

	@Test
	public void monochrome1IsMirroredWithinTheStoredRange() throws IOException {
		// setup: the same pixels as MONOCHROME1 and MONOCHROME2
		final Path m1 = dx("m1.dcm", "DX", "MONOCHROME1", new double[] { 0.3, 0.4 }, null);
		final Path m2 = dx("m2.dcm", "DX", "MONOCHROME2", new double[] { 0.3, 0.4 }, null);
		// process
		final Volume v1 = Radiographs.read(m1, RgbConversion.REFUSE);
		final Volume v2 = Radiographs.read(m2, RgbConversion.REFUSE);
		// test: MONOCHROME2 as stored; MONOCHROME1 as (2^12 - 1) - v, so bright = attenuating
		assertArrayEquals(new float[] { 0, 100, 1000, 4095, 7, 8 }, DrrTest.pixels(v2), 0);
		assertArrayEquals(new float[] { 4095, 3995, 3095, 0, 4088, 4087 }, DrrTest.pixels(v1), 0);
		assertEquals(Modality.XRAY, v1.modality());
		assertArrayEquals(new long[] { 3, 2 }, v1.dimensions());
	}

	@Test
	public void pixelSpacingWinsOverImagerPixelSpacing() throws IOException {
		// DICOM spacing is {row spacing (y), column spacing (x)}
		final double[] pixel = { 0.3, 0.4 }, imager = { 0.15, 0.2 };
		assertArrayEquals(new double[] { 0.4, 0.3 }, Radiographs.read(dx("both.dcm", "CR",
			"MONOCHROME2", pixel, imager), RgbConversion.REFUSE).spacing(), 1e-12);
		assertArrayEquals(new double[] { 0.2, 0.15 }, Radiographs.read(dx("imager.dcm", "DR",
			"MONOCHROME2", null, imager), RgbConversion.REFUSE).spacing(), 1e-12);
		assertEquals(Modality.XRAY, VolumeIO.read(tmp.getRoot().toPath().resolve("imager.dcm"))
			.modality());
	}

	@Test
	public void rgbTiffIsRefusedOrConvertedOnRequest() throws IOException {
		// setup: an RGB TIFF whose channels differ at one pixel
		final ColorProcessor cp = new ColorProcessor(3, 2);
		for (int i = 0; i < 6; i++)
			cp.set(i % 3, i / 3, (10 * i) << 16 | (10 * i) << 8 | 10 * i);
		cp.set(2, 1, 90 << 16 | 30 << 8 | 0);
		final Path f = tmp.getRoot().toPath().resolve("rgb.tif");
		assertTrue(new FileSaver(new ImagePlus("rgb", cp)).saveAsTiff(f.toString()));
		// process + test
		try {
			Radiographs.read(f, RgbConversion.REFUSE);
			fail("RGB must be refused by default");
		}
		catch (final IOException e) {
			assertEquals("rgb.tif: rgb: expected a grey-level image, got RGB; its channels differ " +
				"(colour content, e.g. annotations): use rgb=luma or rgb=mean to convert it explicitly",
				e.getMessage());
		}
		assertArrayEquals(new float[] { 0, 10, 20, 30, 40, 40 }, DrrTest.pixels(Radiographs.read(f,
			RgbConversion.MEAN)), 1e-4f);
		assertEquals(0.299f * 90 + 0.587f * 30, DrrTest.pixels(Radiographs.read(f, RgbConversion.LUMA))[5],
			1e-4f);
	}

	@Test
	public void volumesAreRefusedWithTheirDimensionality() throws IOException {
		final Path f = tmp.getRoot().toPath().resolve("ct.nii");
		VolumeIO.write(Volume.of(ArrayImgs.floats(4, 4, 3), new double[] { 1, 1, 1 }, Modality.CT),
			f);
		try {
			Radiographs.read(f, RgbConversion.REFUSE);
			fail("a 3D volume is not a radiograph");
		}
		catch (final IOException e) {
			assertEquals("ct.nii: expected a 2D radiograph, got a 3D volume [4, 4, 3]", e.getMessage());
		}
	}
}
