package org.transvw.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.transvw.common.Sha256;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;

/**
 * A folder of patients: the volume files (and DICOM series sub-folders, when the DICOM reader is
 * registered) directly inside it, sorted by name, loaded lazily. A folder that holds no volumes
 * but an {@code images/} sub-folder (the layout of a phantom collection) opens that sub-folder.
 * Hidden files and {@code labels/} are ignored. Volumes may differ in size, spacing and
 * orientation: every stage brings them to one grid with {@code data.geometry}.
 *
 * <pre>{@code
 * VolumeCollection c = VolumeCollection.open(Paths.get("phantom")).withVoxel(null);
 * Grid g = c.grid(0); // header only for NIfTI
 * Volume first = c.load(0);
 * }</pre>
 */
public final class VolumeCollection {

	private final Path folder;
	private final List<Path> paths;
	private final double[] voxel;

	private VolumeCollection(final Path folder, final List<Path> paths, final double[] voxel) {
		this.folder = folder;
		this.paths = paths;
		this.voxel = voxel == null ? null : voxel.clone();
	}

	/**
	 * This collection with a voxel size (mm, index axis order) for the files that state none or
	 * an invalid one (the {@code voxel=} option; {@link VolumeFormat#read(Path, double[])}); files
	 * with a valid voxel size keep theirs. Null: such files are refused, naming the key.
	 */
	public VolumeCollection withVoxel(final double[] voxelSize) {
		return new VolumeCollection(folder, paths, voxelSize);
	}

	/** The voxel size given for uncalibrated files, or null. */
	public double[] voxel() {
		return voxel == null ? null : voxel.clone();
	}

	/**
	 * @throws IOException if the folder does not exist or holds no readable volume
	 */
	public static VolumeCollection open(final Path folder) throws IOException {
		if (!Files.isDirectory(folder)) throw new IOException(folder + ": " + (Files.exists(folder)
			? "not a folder" : "no such folder"));
		List<Path> found = list(folder);
		if (found.isEmpty() && Files.isDirectory(folder.resolve("images"))) {
			found = list(folder.resolve("images"));
			if (!found.isEmpty()) return new VolumeCollection(folder.resolve("images"), found, null);
		}
		if (found.isEmpty()) throw new IOException(folder +
			": no readable volumes in this folder (readable: " + VolumeIO.formats().stream().flatMap(
				f -> f.endings().stream()).map(e -> e.equals("/") ? "DICOM series folders" : e)
				.collect(Collectors.joining(", ")) + ")");
		return new VolumeCollection(folder, found, null);
	}

	private static List<Path> list(final Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(p -> !(Files
				.isDirectory(p) && (p.getFileName().toString().equals("labels") || p.getFileName()
					.toString().equals("images")))).filter(VolumeIO::isReadable).sorted().collect(
						Collectors.toList());
		}
	}

	/** The folder the volumes were found in. */
	public Path folder() {
		return folder;
	}

	public int size() {
		return paths.size();
	}

	/** The file name without its ending, e.g. "case_000". */
	public String name(final int i) {
		return VolumeIO.stem(paths.get(i));
	}

	/** The file name with its folder's name, for messages, e.g. "labels/case_000.nii.gz". */
	public String displayName(final int i) {
		final Path f = folder.getFileName();
		return (f == null ? "" : f + "/") + paths.get(i).getFileName();
	}

	public Path path(final int i) {
		return paths.get(i);
	}

	public Volume load(final int i) throws IOException {
		return VolumeIO.read(paths.get(i), voxel);
	}

	/** Loads volume {@code i}, which must have {@code dims} dimensions (2 or 3). */
	public Volume load(final int i, final int dims) throws IOException {
		return VolumeIO.read(paths.get(i), dims, voxel);
	}

	/** The grid of volume {@code i} (from the header alone for NIfTI; {@link GridHeaders}). */
	public Grid grid(final int i) throws IOException {
		return GridHeaders.read(paths.get(i), voxel);
	}

	/** The size of volume {@code i} (from the header alone for NIfTI). */
	public long[] dimensions(final int i) throws IOException {
		final Path p = paths.get(i);
		if (new NiftiFormat().reads(p)) {
			final NiftiHeader h = NiftiFormat.header(p);
			final int nd = Math.min(3, Math.max(1, h.dim()[0]));
			final long[] d = new long[nd];
			for (int k = 0; k < nd; k++)
				d[k] = h.dim()[k + 1];
			return d;
		}
		return load(i).dimensions();
	}

	/**
	 * A SHA-256 over every file's relative name, size and modification time (files inside
	 * DICOM series folders included): it changes when any file is added, removed or rewritten.
	 */
	public String fingerprint() throws IOException {
		final MessageDigest md = Sha256.digest();
		for (final Path p : paths) {
			final List<Path> files = new ArrayList<>();
			if (Files.isDirectory(p)) try (Stream<Path> s = Files.walk(p)) {
				s.filter(Files::isRegularFile).sorted().forEach(files::add);
			}
			else files.add(p);
			for (final Path f : files) {
				final BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
				md.update((folder.relativize(f) + "\0" + a.size() + "\0" + a.lastModifiedTime().toMillis() +
					"\n").getBytes(StandardCharsets.UTF_8));
			}
		}
		return Sha256.hex(md);
	}

	@Override
	public String toString() {
		return "VolumeCollection " + folder + " (" + size() + " volumes)";
	}
}
