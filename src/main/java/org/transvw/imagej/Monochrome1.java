package org.transvw.imagej;

import org.transvw.data.Volume;

import ij.ImagePlus;
import ij.util.DicomTools;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.real.FloatType;

/**
 * DICOM's MONOCHROME1 photometric interpretation (the smallest value is displayed white, common in
 * CR/DX radiographs) turned into the MONOCHROME2 convention the rest of the chain assumes (larger
 * value = brighter = more attenuation). ImageJ 1.x only inverts the display LUT and keeps the
 * stored values, so the values are mirrored here within the stored range:
 * {@code v' = lo + hi - v}, where lo and hi are the modality values (after rescale slope and
 * intercept) of the smallest and largest storable value for Bits Stored (0028,0101) and Pixel
 * Representation (0028,0103). The map is data-independent (a crop inverts like the whole) and
 * keeps the value scale: it mirrors, it never rescales.
 */
final class Monochrome1 {

	private Monochrome1() {}

	/** {@code v} itself unless the image is MONOCHROME1; then the mirrored float view. */
	static Volume toMonochrome2(final ImagePlus imp, final Volume v) {
		final String photometric = DicomTools.getTag(imp, "0028,0004");
		if (photometric == null || !photometric.trim().equalsIgnoreCase("MONOCHROME1")) return v;
		final int allocated = (int) number(imp, "0028,0100", 16);
		final int bits = (int) Math.max(1, Math.min(32, number(imp, "0028,0101", allocated)));
		final boolean signed = number(imp, "0028,0103", 0) == 1;
		final double slope = number(imp, "0028,1053", 1) == 0 ? 1 : number(imp, "0028,1053", 1);
		final double intercept = number(imp, "0028,1052", 0);
		final double lowest = signed ? -Math.pow(2, bits - 1) : 0;
		final double highest = signed ? Math.pow(2, bits - 1) - 1 : Math.pow(2, bits) - 1;
		final double sum = slope * (lowest + highest) + 2 * intercept;
		return v.withPixels(Converters.convert(v.floats(), (a, b) -> b.setReal(sum - a.get()),
			new FloatType()), v.normalization());
	}

	private static double number(final ImagePlus imp, final String tag, final double fallback) {
		final String s = DicomTools.getTag(imp, tag);
		if (s == null) return fallback;
		try {
			return Double.parseDouble(s.trim().split("\\\\")[0].trim());
		}
		catch (final NumberFormatException e) {
			return fallback;
		}
	}
}
