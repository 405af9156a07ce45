package org.transvw.imagej;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeFormat;

import ij.ImagePlus;
import ij.io.Opener;
import ij.plugin.FolderOpener;
import ij.util.DicomTools;

/**
 * DICOM through ImageJ 1.x: a folder holding one series (sorted by ImageJ's DICOM tools, slice
 * spacing from the image positions) or a single {@code .dcm} file. Rescale slope/intercept are
 * applied (values in HU for CT). Geometry: Image Position / Orientation (Patient) of the first
 * and last slice, converted from DICOM's LPS to RAS+ (x and y negated). MONOCHROME1 values are
 * mirrored to the MONOCHROME2 convention ({@link Monochrome1}); radiographs (CR, DX, DR) are
 * {@link Modality#XRAY} with the Pixel Spacing (0028,0030), else the Imager Pixel Spacing
 * (0018,1164), that ImageJ reads into the calibration. Read-only.
 */
public final class DicomFormat implements VolumeFormat {

	@Override
	public String name() {
		return "DICOM";
	}

	@Override
	public List<String> endings() {
		return List.of(".dcm", "/");
	}

	@Override
	public boolean reads(final Path path) {
		if (!Files.isDirectory(path)) return VolumeFormat.super.reads(path);
		try (Stream<Path> s = Files.list(path)) {
			return s.anyMatch(DicomFormat::isDicom);
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** A ".dcm" ending or the "DICM" marker after the 128-byte preamble. */
	static boolean isDicom(final Path f) {
		if (!Files.isRegularFile(f)) return false;
		if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dcm")) return true;
		try (InputStream in = Files.newInputStream(f)) {
			final byte[] b = in.readNBytes(132);
			return b.length == 132 && new String(b, 128, 4, StandardCharsets.US_ASCII).equals("DICM");
		}
		catch (final IOException e) {
			return false;
		}
	}

	@Override
	public Volume read(final Path path) throws IOException {
		return read(path, null);
	}

	/** Reads a series; {@code voxel} (mm) is the voxel size of a series whose tags state none. */
	@Override
	public Volume read(final Path path, final double[] voxel) throws IOException {
		final String name = path.getFileName().toString();
		final ImagePlus imp;
		if (Files.isDirectory(path)) {
			if (!reads(path)) throw new IOException(path + ": folder holds no DICOM files");
			imp = FolderOpener.open(path.toAbsolutePath().toString());
		}
		else {
			if (!Files.isRegularFile(path)) throw new IOException(path + ": no such file");
			final Opener opener = new Opener();
			opener.setSilentMode(true);
			imp = opener.openImage(path.toAbsolutePath().toString());
		}
		if (imp == null || imp.getStackSize() == 0) throw new IOException(name +
			": ImageJ could not read it as a DICOM " + (Files.isDirectory(path) ? "series" : "file"));
		if (imp.getBitDepth() == 24) throw new IOException(name +
			": colour DICOM is not supported, expected a grey-level series");
		final Volume raw;
		try {
			raw = ImagePlusBridge.toVolume(imp, voxel);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(name + ": " + e.getMessage(), e);
		}
		final String modality = DicomTools.getTag(imp, "0008,0060");
		final Volume v = Monochrome1.toMonochrome2(imp, withPatientGeometry(imp, raw));
		if (modality == null) return v;
		switch (modality.trim().toUpperCase(Locale.ROOT)) {
			case "CT": return v.withModality(Modality.CT);
			case "MR": return v.withModality(Modality.MR);
			case "CR": case "DX": case "DR": return v.withModality(Modality.XRAY);
			default: return v;
		}
	}

	private static Volume withPatientGeometry(final ImagePlus imp, final Volume v) {
		final int n = imp.getStackSize();
		imp.setSlice(1);
		final double[] first = numbers(DicomTools.getTag(imp, "0020,0032"), 3);
		final double[] orient = numbers(DicomTools.getTag(imp, "0020,0037"), 6);
		if (first == null || orient == null || v.numDimensions() != 3 && n > 1) return v;
		imp.setSlice(n);
		final double[] last = numbers(DicomTools.getTag(imp, "0020,0032"), 3);
		imp.setSlice(1);
		final double[] r = { orient[0], orient[1], orient[2] }, c = { orient[3], orient[4],
			orient[5] };
		double[] s = { r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] *
			c[0] };
		final double[] sp = v.spacing();
		if (n > 1 && last != null) {
			final double[] d = { last[0] - first[0], last[1] - first[1], last[2] - first[2] };
			final double len = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
			if (len > 0) {
				s = new double[] { d[0] / len, d[1] / len, d[2] / len };
				sp[2] = len / (n - 1);
			}
		}
		final int nd = v.numDimensions();
		final double[][] cols = { r, c, s };
		final double[] dir = new double[nd * nd];
		final double[] lpsToRas = { -1, -1, 1 };
		for (int row = 0; row < nd; row++)
			for (int col = 0; col < nd; col++)
				dir[row * nd + col] = lpsToRas[row] * cols[col][row];
		final double[] origin = new double[nd];
		for (int d = 0; d < nd; d++)
			origin[d] = lpsToRas[d] * first[d];
		return new Volume(v.pixels(), java.util.Arrays.copyOf(sp, nd), origin, dir, v.modality(), v
			.normalization());
	}

	private static double[] numbers(final String tag, final int count) {
		if (tag == null) return null;
		final String[] parts = tag.trim().split("\\\\");
		if (parts.length < count) return null;
		final double[] v = new double[count];
		try {
			for (int i = 0; i < count; i++)
				v[i] = Double.parseDouble(parts[i].trim());
		}
		catch (final NumberFormatException e) {
			return null;
		}
		return v;
	}
}
