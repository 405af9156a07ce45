package org.transvw.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

import org.transvw.data.FiniteIntensities;
import org.transvw.data.Volume;

/**
 * Reads and writes {@link Volume}s, choosing the {@link VolumeFormat} by file ending: NIfTI-1
 * ({@code .nii}, {@code .nii.gz}) built in; TIFF stacks ({@code .tif}, {@code .tiff}) and DICOM
 * series (a folder, or {@code .dcm}) when the ImageJ 1.x adapter is on the classpath (it
 * registers itself through {@link ServiceLoader}).
 * <p>
 * Every failure is an {@link IOException} whose message names the file and the problem.
 *
 * <pre>{@code
 * Volume ct = VolumeIO.read(Paths.get("case_000.nii.gz"));
 * VolumeIO.write(ct, Paths.get("copy.nii"));
 * }</pre>
 */
public final class VolumeIO {

	private VolumeIO() {}

	/** Reads a 2D or 3D volume whose file states its voxel size. */
	public static Volume read(final Path path) throws IOException {
		return read(path, (double[]) null);
	}

	/**
	 * Reads a 2D or 3D volume; {@code voxel} (mm, or null) is the voxel size of a file that states
	 * none ({@link VolumeFormat#read(Path, double[])}).
	 *
	 * @throws IOException also for NaN or infinite voxels, naming the file and their count
	 */
	public static Volume read(final Path path, final double[] voxel) throws IOException {
		final Volume v = formatFor(path, false).read(path, voxel);
		FiniteIntensities.require(v, String.valueOf(path));
		return v;
	}

	/**
	 * Reads a volume that must have {@code dims} dimensions (2 or 3); {@code voxel} as for
	 * {@link #read(Path, double[])}.
	 */
	public static Volume read(final Path path, final int dims, final double[] voxel)
		throws IOException
	{
		final Volume v = read(path, voxel);
		if (v.numDimensions() != dims) throw new IOException(path.getFileName() + ": expected a " +
			dims + "D volume, got a " + v.numDimensions() + "D image " + Arrays.toString(v
				.dimensions()));
		return v;
	}

	/**
	 * Reads a volume that must have {@code dims} dimensions (2 or 3).
	 *
	 * @throws IOException e.g. "x.nii: expected a 3D volume, got a 2D image [64, 64]"
	 */
	public static Volume read(final Path path, final int dims) throws IOException {
		return read(path, dims, null);
	}

	/** Writes a volume in the format of the file ending, atomically. */
	public static void write(final Volume volume, final Path path) throws IOException {
		formatFor(path, true).write(volume, path);
	}

	/** The file name without its volume ending, e.g. "case_000" for case_000.nii.gz. */
	public static String stem(final Path path) {
		final String n = path.getFileName().toString();
		final String lower = n.toLowerCase(java.util.Locale.ROOT);
		for (final String e : new String[] { ".nii.gz", ".nii", ".tiff", ".tif", ".dcm" })
			if (lower.endsWith(e)) return n.substring(0, n.length() - e.length());
		return n;
	}

	/** Whether some registered format reads {@code path}. */
	public static boolean isReadable(final Path path) {
		for (final VolumeFormat f : formats())
			if (f.reads(path)) return true;
		return false;
	}

	/** The built-in format plus those registered through {@link ServiceLoader}. */
	public static List<VolumeFormat> formats() {
		final List<VolumeFormat> list = new ArrayList<>();
		list.add(new NiftiFormat());
		for (final VolumeFormat f : ServiceLoader.load(VolumeFormat.class, VolumeIO.class
			.getClassLoader()))
			if (!(f instanceof NiftiFormat)) list.add(f);
		return list;
	}

	private static VolumeFormat formatFor(final Path path, final boolean write)
		throws IOException
	{
		final List<VolumeFormat> formats = formats();
		for (final VolumeFormat f : formats)
			if (f.reads(path) && (!write || f.canWrite())) return f;
		final Set<String> endings = new LinkedHashSet<>();
		for (final VolumeFormat f : formats)
			if (!write || f.canWrite()) for (final String e : f.endings())
				endings.add(e.equals("/") ? "a folder of DICOM files" : e);
		if (!write && Files.isDirectory(path)) throw new IOException(path +
			": folder holds no readable DICOM series (readable: " + String.join(", ", endings) + ")");
		throw new IOException(path.getFileName() + ": unknown file type; " + (write ? "writable"
			: "readable") + ": " + String.join(", ", endings));
	}
}
