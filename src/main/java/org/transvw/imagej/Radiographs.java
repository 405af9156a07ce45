package org.transvw.imagej;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.transvw.data.Modality;
import org.transvw.data.RgbConversion;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;

/**
 * Reads one 2D radiograph: PNG ({@link PngFormat}), TIFF ({@link TiffFormat}), DICOM CR/DX/DR
 * ({@link DicomFormat}: MONOCHROME1 mirrored, Pixel Spacing or Imager Pixel Spacing kept) or
 * 2D NIfTI. Colour images are refused unless {@code rgb} asks for a conversion; 3D volumes are
 * refused with the dimensionality found. A file without a modality becomes
 * {@link Modality#XRAY}; intensities are never rescaled.
 *
 * <pre>{@code
 * Volume cxr = Radiographs.read(Paths.get("00000001_000.png"), RgbConversion.REFUSE);
 * }</pre>
 */
public final class Radiographs {

	private Radiographs() {}

	/**
	 * @throws IOException naming the file: unreadable, colour with {@link RgbConversion#REFUSE},
	 *           or not 2D ("expected a 2D radiograph, got a 3D volume [512, 512, 40]")
	 */
	public static Volume read(final Path path, final RgbConversion rgb) throws IOException {
		if (rgb == null) throw new IllegalArgumentException("rgb: expected one of refuse, mean, " +
			"luma, got none");
		final String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		final Volume v;
		if (name.endsWith(".png")) v = new PngFormat().read(path, rgb);
		else if (name.endsWith(".tif") || name.endsWith(".tiff")) v = new TiffFormat().read(path, rgb);
		else v = VolumeIO.read(path);
		if (v.numDimensions() != 2) throw new IOException(path.getFileName() +
			": expected a 2D radiograph, got a " + v.numDimensions() + "D volume " + Arrays.toString(v
				.dimensions()));
		return v.modality() == Modality.OTHER ? v.withModality(Modality.XRAY) : v;
	}
}
