package org.transvw.imagej;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.transvw.common.AtomicFiles;
import org.transvw.data.RgbConversion;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeFormat;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffDecoder;

/**
 * TIFF stacks through ImageJ 1.x ({@code .tif}, {@code .tiff}): calibration becomes spacing
 * (mm), the stack becomes z; a stack without calibration is refused unless {@code voxel=} gives
 * its voxel size (never taken as 1 mm silently); hyperstacks with several channels or frames are
 * refused. Uncompressed
 * files are checked for truncation before ImageJ reads them (ImageJ would pad with zeros). RGB
 * is refused unless {@link #read(Path, RgbConversion)} is asked to convert it.
 * Writing uses ImageJ's {@link FileSaver} (8/16/32-bit; other types become 32-bit float),
 * atomically; the modality travels in the ImageJ "Info" property.
 */
public final class TiffFormat implements VolumeFormat {

	@Override
	public String name() {
		return "TIFF";
	}

	@Override
	public List<String> endings() {
		return List.of(".tif", ".tiff");
	}

	@Override
	public boolean canWrite() {
		return true;
	}

	/**
	 * Reads a calibrated TIFF.
	 *
	 * @throws IOException also for a stack without calibration (asking for {@code voxel=})
	 */
	@Override
	public Volume read(final Path path) throws IOException {
		return read(path, RgbConversion.REFUSE, null);
	}

	/** Reads a TIFF; {@code voxel} (mm) is the voxel size of a stack without calibration. */
	@Override
	public Volume read(final Path path, final double[] voxel) throws IOException {
		return read(path, RgbConversion.REFUSE, voxel);
	}

	/** Reads a TIFF, converting a single RGB image as {@code rgb} says (refused by default). */
	public Volume read(final Path path, final RgbConversion rgb) throws IOException {
		return read(path, rgb, null);
	}

	private Volume read(final Path path, final RgbConversion rgb, final double[] voxel)
		throws IOException
	{
		final String file = path.getFileName().toString();
		if (!Files.isRegularFile(path)) throw new IOException(path + ": " + (Files.exists(path)
			? "not a regular file" : "no such file"));
		final FileInfo[] info;
		try {
			info = new TiffDecoder(path.toAbsolutePath().getParent().toString() + "/", file)
				.getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException(file + ": not a readable TIFF file (" + e.getMessage() + ")", e);
		}
		if (info == null || info.length == 0) throw new IOException(file +
			": not a readable TIFF file (no image directory)");
		final long size = Files.size(path);
		for (final FileInfo fi : info) {
			if (fi.compression != FileInfo.COMPRESSION_NONE) continue;
			final long need = fi.getOffset() + (long) fi.width * fi.height * fi.getBytesPerPixel() *
				Math.max(1, fi.nImages) + (long) Math.max(0, fi.nImages - 1) * fi.gapBetweenImages;
			if (size < need) throw new IOException(file + ": truncated file: expected at least " +
				need + " bytes for " + fi.width + "x" + fi.height + "x" + Math.max(1, fi.nImages) +
				" pixels, found " + size);
		}
		final Opener opener = new Opener();
		opener.setSilentMode(true);
		final ImagePlus imp = opener.openImage(path.toAbsolutePath().toString());
		if (imp == null) throw new IOException(file + ": ImageJ could not open this TIFF file");
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) throw new IOException(file +
			": expected a 2D or 3D image, got a hyperstack with " + imp.getNChannels() +
			" channels and " + imp.getNFrames() + " frames");
		if (RgbImages.isRgb(imp)) return RgbImages.toGreyVolume(imp, rgb, file);
		try {
			return ImagePlusBridge.toVolume(imp, voxel);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(file + ": " + e.getMessage(), e);
		}
	}

	@Override
	public void write(final Volume volume, final Path path) throws IOException {
		final ImagePlus imp = ImagePlusBridge.toImagePlus(volume, path.getFileName().toString());
		try (AtomicFiles.Pending p = AtomicFiles.create(path)) {
			final FileSaver saver = new FileSaver(imp);
			final String tmp = p.temporary().toString();
			final boolean ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(tmp) : saver.saveAsTiff(
				tmp);
			if (!ok) throw new IOException(path.getFileName() + ": ImageJ could not write the TIFF file");
			p.commit();
		}
	}
}
