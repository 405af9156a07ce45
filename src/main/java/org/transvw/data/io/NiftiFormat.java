package org.transvw.data.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import org.transvw.common.AtomicFiles;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * NIfTI-1 single-file volumes ({@code .nii}, {@code .nii.gz}; gzip is detected from the content).
 * <ul>
 * <li>Datatypes uint8, int16, uint16, int32, float32, float64; little and big endian.</li>
 * <li>2D and 3D; 4D (or more) with more than one time point/channel is refused.</li>
 * <li>Geometry: the sform affine if {@code sform_code > 0}, else the qform, else pixdim alone;
 * spacing = column norms of the affine, direction = normalised columns (RAS+). A zero, negative
 * or non-finite voxel size is refused naming the header field, unless {@code voxel=} gives it
 * ({@link #read(Path, double[])}); it is never replaced by 1 mm silently.</li>
 * <li>Scaling: when {@code scl_slope} is neither 0 nor (1, inter 0), the pixels are
 * {@code raw * slope + inter} as float (float64 for float64 files); {@link #header} gives
 * the recorded slope and intercept.</li>
 * <li>Writing stores the pixel type when it is one of the six, else float32; both sform and qform
 * (code 1, scanner), slope 1 / intercept 0, the modality in {@code descrip}; atomically.</li>
 * </ul>
 */
public final class NiftiFormat implements VolumeFormat {

	private static final String MODALITY_TAG = "TransVW modality=";

	@Override
	public String name() {
		return "NIfTI-1";
	}

	@Override
	public List<String> endings() {
		return List.of(".nii", ".nii.gz");
	}

	@Override
	public boolean canWrite() {
		return true;
	}

	/** The decoded header of a NIfTI-1 file, including its recorded scaling. */
	public static NiftiHeader header(final Path path) throws IOException {
		try (InputStream in = open(path)) {
			return decode(path, in.readNBytes(NiftiHeader.SIZE));
		}
	}

	/**
	 * Reads a volume whose header states a valid voxel size.
	 *
	 * @throws IOException also for a zero, negative or non-finite voxel size (naming the header
	 *           field and asking for {@code voxel=})
	 */
	@Override
	public Volume read(final Path path) throws IOException {
		return read(path, null);
	}

	/** Reads a volume; {@code voxel} (mm) replaces a missing or invalid voxel size only. */
	@Override
	public Volume read(final Path path, final double[] voxel) throws IOException {
		try (InputStream in = open(path)) {
			final NiftiHeader h = decode(path, in.readNBytes(NiftiHeader.SIZE));
			final long[] dims = dimensions(path, h);
			final int bpv = NiftiHeader.bytesPer(h.datatype());
			if (bpv < 0) throw new IOException(path.getFileName() + ": unsupported NIfTI datatype " + h
				.datatype() + " (supported: uint8, int16, uint16, int32, float32, float64)");
			final long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
			if (n * bpv > Integer.MAX_VALUE - 64) throw new IOException(path.getFileName() +
				": volume too large (" + n * bpv + " bytes, at most 2 GB)");
			final long offset = Math.max(352, (long) h.voxOffset());
			final long skipped = in.skip(offset - NiftiHeader.SIZE);
			final byte[] data = in.readNBytes((int) (n * bpv));
			if (skipped < offset - NiftiHeader.SIZE || data.length < n * bpv)
				throw new IOException(path.getFileName() + ": truncated file: expected " + n * bpv +
					" bytes of voxel data for " + Arrays.toString(dims) + " at offset " + offset +
					", found " + Math.max(0, data.length) + " bytes");
			return toVolume(NiftiGeometry.grid(path.getFileName().toString(), h, dims, voxel), h,
				dims, ByteBuffer.wrap(data).order(h.order()));
		}
		catch (final ZipException | EOFException e) {
			throw new IOException(path.getFileName() + ": corrupt or truncated gzip data (" + e
				.getMessage() + ")", e);
		}
	}

	private static NiftiHeader decode(final Path path, final byte[] bytes) throws IOException {
		try {
			return NiftiHeader.decode(bytes);
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(path.getFileName() + ": " + e.getMessage(), e);
		}
	}

	private static long[] dimensions(final Path path, final NiftiHeader h) throws IOException {
		final short[] dim = h.dim();
		final int nd = dim[0];
		if (nd < 1 || nd > 7) throw new IOException(path.getFileName() +
			": invalid NIfTI header: dim[0] = " + nd + " (expected 1..7)");
		for (int d = 4; d <= nd; d++)
			if (dim[d] > 1) throw new IOException(path.getFileName() + ": " + nd + "D image " + Arrays
				.toString(Arrays.copyOfRange(dim, 1, nd + 1)) +
				" is not supported; expected a 2D or 3D volume (split 4D series into 3D files)");
		if (nd < 2) throw new IOException(path.getFileName() + ": 1D image is not supported");
		final long[] dims = new long[Math.min(nd, 3)];
		for (int d = 0; d < dims.length; d++) {
			if (dim[d + 1] < 1) throw new IOException(path.getFileName() +
				": invalid NIfTI header: dim[" + (d + 1) + "] = " + dim[d + 1]);
			dims[d] = dim[d + 1];
		}
		return dims;
	}

	private static Volume toVolume(final Grid grid, final NiftiHeader h, final long[] dims,
		final ByteBuffer b)
	{
		RandomAccessibleInterval<? extends RealType<?>> img;
		final int n = (int) Arrays.stream(dims).reduce(1, (x, y) -> x * y);
		switch (h.datatype()) {
			case NiftiHeader.DT_UINT8: {
				final byte[] a = new byte[n];
				b.get(a);
				img = ArrayImgs.unsignedBytes(a, dims);
				break;
			}
			case NiftiHeader.DT_INT16: case NiftiHeader.DT_UINT16: {
				final short[] a = new short[n];
				b.asShortBuffer().get(a);
				img = h.datatype() == NiftiHeader.DT_INT16 ? ArrayImgs.shorts(a, dims) : ArrayImgs
					.unsignedShorts(a, dims);
				break;
			}
			case NiftiHeader.DT_INT32: {
				final int[] a = new int[n];
				b.asIntBuffer().get(a);
				img = ArrayImgs.ints(a, dims);
				break;
			}
			case NiftiHeader.DT_FLOAT32: {
				final float[] a = new float[n];
				b.asFloatBuffer().get(a);
				img = ArrayImgs.floats(a, dims);
				break;
			}
			default: {
				final double[] a = new double[n];
				b.asDoubleBuffer().get(a);
				img = ArrayImgs.doubles(a, dims);
			}
		}
		if (h.scales()) img = scaled(img, h.sclSlope(), h.sclInter(), h
			.datatype() == NiftiHeader.DT_FLOAT64);
		return grid.on(img, modality(h.descrip()), IntensityMap.raw());
	}

	private static RandomAccessibleInterval<? extends RealType<?>> scaled(
		final RandomAccessibleInterval<? extends RealType<?>> raw, final double slope,
		final double inter, final boolean doublePrecision)
	{
		final long[] dims = raw.dimensionsAsLongArray();
		final RandomAccessibleInterval<? extends RealType<?>> out = doublePrecision ? ArrayImgs
			.doubles(dims) : ArrayImgs.floats(dims);
		final var src = Views.flatIterable(raw).cursor();
		final var dst = Views.flatIterable(out).cursor();
		while (src.hasNext())
			dst.next().setReal(src.next().getRealDouble() * slope + inter);
		return out;
	}

	private static Modality modality(final String descrip) {
		final int i = descrip.indexOf(MODALITY_TAG);
		if (i < 0) return Modality.OTHER;
		final String m = descrip.substring(i + MODALITY_TAG.length()).split("\\s")[0];
		try {
			return Modality.parse(m);
		}
		catch (final IllegalArgumentException e) {
			return Modality.OTHER;
		}
	}

	private static InputStream open(final Path path) throws IOException {
		if (!Files.isRegularFile(path)) throw new IOException(path + ": " + (Files.exists(path)
			? "not a regular file" : "no such file"));
		if (!Files.isReadable(path)) throw new IOException(path + ": file is not readable");
		final BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
		in.mark(2);
		final int b0 = in.read(), b1 = in.read();
		in.reset();
		if (b0 == 0x1f && b1 == 0x8b) return new BufferedInputStream(new GZIPInputStream(in,
			1 << 16), 1 << 16);
		return in;
	}

	@Override
	public void write(final Volume volume, final Path path) throws IOException {
		final RandomAccessibleInterval<? extends RealType<?>> px = volume.pixels();
		final RealType<?> type = px.getType();
		final short dt = datatype(type);
		final int bpv = NiftiHeader.bytesPer(dt);
		final int nd = volume.numDimensions();
		final short[] dim = { (short) nd, 1, 1, 1, 1, 1, 1, 1 };
		final long[] dims = volume.dimensions();
		for (int d = 0; d < nd; d++) {
			if (dims[d] > Short.MAX_VALUE) throw new IOException(path.getFileName() +
				": axis " + d + " has " + dims[d] + " voxels; NIfTI-1 allows at most 32767");
			dim[d + 1] = (short) dims[d];
		}
		final double[] sp = volume.spacing(), org = volume.origin(), dir = volume.direction();
		final double[] dir3 = new double[9];
		final double[] sp3 = { 1, 1, 1 };
		final double[] org3 = new double[3];
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 3; c++)
				dir3[r * 3 + c] = r < nd && c < nd ? dir[r * nd + c] : (r == c ? 1 : 0);
		for (int d = 0; d < nd; d++) {
			sp3[d] = sp[d];
			org3[d] = org[d];
		}
		final double[] q = NiftiGeometry.quaternion(dir3);
		final float[] pixdim = { (float) q[3], (float) sp3[0], (float) sp3[1], (float) sp3[2], 1, 1,
			1, 1 };
		final float[][] srow = new float[3][4];
		for (int r = 0; r < 3; r++) {
			for (int c = 0; c < 3; c++)
				srow[r][c] = (float) (dir3[r * 3 + c] * sp3[c]);
			srow[r][3] = (float) org3[r];
		}
		final NiftiHeader h = new NiftiHeader(ByteOrder.LITTLE_ENDIAN, dim, dt, (short) (8 * bpv),
			pixdim, 352, 1, 0, (short) 1, (short) 1, new float[] { (float) q[0], (float) q[1],
				(float) q[2] }, new float[] { (float) org3[0], (float) org3[1], (float) org3[2] }, srow,
			MODALITY_TAG + volume.modality().name());
		AtomicFiles.write(path, out -> {
			final boolean gz = path.getFileName().toString().toLowerCase().endsWith(".gz");
			final OutputStream os = gz ? new FastGzip(out) : out;
			os.write(h.encode());
			writeVoxels(px, dt, new BufferedOutputStream(os, 1 << 16));
			if (gz) ((FastGzip) os).finish();
		});
	}

	private static void writeVoxels(final RandomAccessibleInterval<? extends RealType<?>> px,
		final short dt, final OutputStream os) throws IOException
	{
		final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
		for (final RealType<?> t : Views.flatIterable(px)) {
			if (buf.remaining() < 8) {
				os.write(buf.array(), 0, buf.position());
				buf.clear();
			}
			final double v = t.getRealDouble();
			switch (dt) {
				case NiftiHeader.DT_UINT8: buf.put((byte) (int) v); break;
				case NiftiHeader.DT_INT16: case NiftiHeader.DT_UINT16: buf.putShort((short) (int) v); break;
				case NiftiHeader.DT_INT32: buf.putInt((int) v); break;
				case NiftiHeader.DT_FLOAT32: buf.putFloat((float) v); break;
				default: buf.putDouble(v);
			}
		}
		os.write(buf.array(), 0, buf.position());
		os.flush();
	}

	private static short datatype(final RealType<?> t) {
		if (t instanceof UnsignedByteType) return NiftiHeader.DT_UINT8;
		if (t instanceof ShortType) return NiftiHeader.DT_INT16;
		if (t instanceof UnsignedShortType) return NiftiHeader.DT_UINT16;
		if (t instanceof IntType) return NiftiHeader.DT_INT32;
		if (t instanceof DoubleType) return NiftiHeader.DT_FLOAT64;
		return NiftiHeader.DT_FLOAT32;
	}

	/** gzip at the fastest level: phantom and real CT data compress only modestly anyway. */
	private static final class FastGzip extends GZIPOutputStream {

		FastGzip(final OutputStream out) throws IOException {
			super(out, 1 << 16);
			def.setLevel(Deflater.BEST_SPEED);
		}
	}
}
