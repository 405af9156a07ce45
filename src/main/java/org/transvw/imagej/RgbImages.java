package org.transvw.imagej;

import java.awt.image.ColorModel;
import java.io.IOException;

import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.RgbConversion;
import org.transvw.data.Volume;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import net.imglib2.img.array.ArrayImgs;

/**
 * Colour images read through ImageJ 1.x (24-bit RGB, or 8-bit with a colour palette) made
 * grey by {@link RgbConversion#toGrey} with the caller's explicit choice, with the image's
 * calibration as spacing. Single images only.
 */
final class RgbImages {

	private RgbImages() {}

	/** Whether ImageJ holds 24-bit RGB. */
	static boolean isRgb(final ImagePlus imp) {
		return imp.getBitDepth() == 24;
	}

	/**
	 * Whether ImageJ holds 8-bit indices into a palette other than the grey ramp: colour for a
	 * PNG (for a TIFF, an 8-bit image with a LUT is usually a label map: keep its indices).
	 */
	static boolean isPalette(final ImagePlus imp) {
		return imp.getBitDepth() == 8 && !imp.getProcessor().isDefaultLut();
	}

	/**
	 * A 2D grey volume of a colour image.
	 *
	 * @throws IOException "file: rgb: expected a grey-level image, ..." for
	 *           {@link RgbConversion#REFUSE}, or for a stack
	 */
	static Volume toGreyVolume(final ImagePlus imp, final RgbConversion rgb, final String file)
		throws IOException
	{
		if (imp.getStackSize() != 1) throw new IOException(file +
			": expected a single colour image, got a stack of " + imp.getStackSize());
		final ImageProcessor ip = imp.getProcessor();
		final int w = imp.getWidth(), h = imp.getHeight();
		final int[] argb;
		if (imp.getBitDepth() == 24) argb = (int[]) ip.getPixels();
		else {
			// NB: palette indices mean nothing as intensities: look each one up
			final ColorModel cm = ip.getColorModel();
			final byte[] index = (byte[]) ip.getPixels();
			argb = new int[index.length];
			for (int i = 0; i < index.length; i++)
				argb[i] = cm.getRGB(index[i] & 0xff);
		}
		try {
			final Calibration cal = imp.getCalibration();
			final double unit = ImagePlusBridge.mmPerUnit(cal.getUnit());
			final double[] spacing = { cal.pixelWidth * unit, cal.pixelHeight * unit };
			for (int d = 0; d < 2; d++)
				if (!(spacing[d] > 0) || !Double.isFinite(spacing[d])) spacing[d] = 1;
			return new Volume(RgbConversion.toGrey(ArrayImgs.argbs(argb, w, h), rgb), spacing,
				new double[2], Volume.identity(2), Modality.OTHER, IntensityMap.raw());
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(file + ": " + e.getMessage(), e);
		}
	}
}
