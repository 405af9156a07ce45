package org.transvw.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.GeometryChecks;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.GridHeaders;
import org.transvw.data.io.VolumeIO;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * Conversions used by {@code bin/fetch-sample-data}:
 * <pre>
 * SampleData inv3 EXTRACTED_PROJECT_DIR IMAGE.nii.gz MASK.nii.gz   InVesalius 3 project -> NIfTI
 * SampleData mask IN.nii.gz OUT.nii.gz                             voxels > 0 -> 1 (uint8)
 * SampleData info FILE...                                          one tab-separated line each
 * SampleData grid IMAGE LABELS                                     "yes", or "no: " and both grids
 * </pre>
 * {@code info} prints: file, dimensions, spacing (mm), pixel type, orientation code (RAS+ world,
 * e.g. "RAS", "LPS"), direction cosines (row-major), origin (mm) and the intensity range
 * (min..max of the stored values after NIfTI scaling).
 * An InVesalius project stores the CT as a raw little-endian array (shape z, y, x; x fastest)
 * with its spacing in {@code main.plist}, and threshold masks with one extra leading index per
 * axis (dropped here; 255 becomes 1). It stores no patient orientation: the affine is the
 * identity scaled by the spacing.
 */
public final class SampleData {

	private SampleData() {}

	public static void main(final String[] args) throws IOException {
		if (args.length >= 4 && args[0].equals("inv3")) inv3(Paths.get(args[1]), Paths.get(args[2]),
			Paths.get(args[3]));
		else if (args.length == 3 && args[0].equals("mask")) mask(Paths.get(args[1]), Paths.get(
			args[2]));
		else if (args.length >= 2 && args[0].equals("info")) for (int i = 1; i < args.length; i++)
			System.out.println(info(Paths.get(args[i])));
		else if (args.length == 3 && args[0].equals("grid")) System.out.println(sameGrid(Paths.get(
			args[1]), Paths.get(args[2])));
		else {
			System.err.println("usage: SampleData inv3 PROJECT_DIR IMAGE.nii.gz MASK.nii.gz | " +
				"mask IN OUT | info FILE... | grid IMAGE LABELS");
			System.exit(2);
		}
	}

	static void inv3(final Path dir, final Path image, final Path mask) throws IOException {
		final String main = Files.readString(dir.resolve("main.plist"));
		final String dtype = string(main, "dtype");
		if (!dtype.equals("int16")) throw new IOException(dir.resolve("main.plist") +
			": expected an int16 matrix, got " + dtype);
		final long[] zyx = longs(array(main, "shape"));
		final double[] spacing = doubles(array(main, "spacing"));
		final long[] dims = { zyx[2], zyx[1], zyx[0] };
		final Path raw = dir.resolve(string(main, "filename"));
		final int n = Math.toIntExact(dims[0] * dims[1] * dims[2]);
		final byte[] bytes = Files.readAllBytes(raw);
		if (bytes.length < 2L * n) throw new IOException(raw + ": truncated file: expected " + 2L *
			n + " bytes for " + Arrays.toString(dims) + ", found " + bytes.length);
		final short[] hu = new short[n];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(hu);
		final Modality modality = "CT".equals(string(main, "modality")) ? Modality.CT
			: Modality.OTHER;
		VolumeIO.write(Volume.of(ArrayImgs.shorts(hu, dims), spacing, modality), image);
		final String maskPlist = Files.readString(dir.resolve("mask_0.plist"));
		final long[] mzyx = longs(array(maskPlist, "mask_shape"));
		final byte[] m = Files.readAllBytes(dir.resolve(string(maskPlist, "mask_file")));
		final byte[] out = new byte[n];
		final int mx = (int) mzyx[2], my = (int) mzyx[1];
		for (int z = 0; z < dims[2]; z++)
			for (int y = 0; y < dims[1]; y++)
				for (int x = 0; x < dims[0]; x++)
					out[(int) (x + dims[0] * (y + dims[1] * z))] = (byte) (m[(x + 1) + mx * ((y + 1) + my *
						(z + 1))] != 0 ? 1 : 0);
		VolumeIO.write(Volume.of(ArrayImgs.unsignedBytes(out, dims), spacing, modality), mask);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static void mask(final Path in, final Path out) throws IOException {
		final Volume v = VolumeIO.read(in);
		final RandomAccessibleInterval<UnsignedByteType> m = Converters.convert(
			(RandomAccessibleInterval) v.pixels(), (a, b) -> ((UnsignedByteType) b).set(((RealType<?>) a)
				.getRealDouble() > 0 ? 1 : 0), new UnsignedByteType());
		VolumeIO.write(new Volume(m, v.spacing(), v.origin(), v.direction(), v.modality(), v
			.normalization()), out);
	}

	static String info(final Path p) throws IOException {
		final Volume v = VolumeIO.read(p);
		final Grid g = Grid.of(v);
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (final RealType<?> t : Views.iterable(v.pixels())) {
			min = Math.min(min, t.getRealDouble());
			max = Math.max(max, t.getRealDouble());
		}
		return String.format(Locale.ROOT, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s..%s", p.getFileName(),
			Arrays.toString(v.dimensions()), Arrays.toString(v.spacing()), v.pixels().getType()
				.getClass().getSimpleName(), g.orientationCode(), Arrays.toString(v.direction()), Arrays
					.toString(v.origin()), number(min), number(max));
	}

	/** "yes" when the labels lie on the image's grid ({@link Grid#matches}), else "no: ..." . */
	static String sameGrid(final Path image, final Path labels) throws IOException {
		try {
			GeometryChecks.requireSameGrid(GridHeaders.read(image), image.getFileName().toString(),
				GridHeaders.read(labels), labels.getFileName().toString());
			return "yes";
		}
		catch (final IllegalArgumentException e) {
			return "no: " + e.getMessage();
		}
	}

	private static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
	}

	private static String string(final String plist, final String key) throws IOException {
		final Matcher m = Pattern.compile("<key>" + key + "</key>\\s*<string>([^<]*)</string>")
			.matcher(plist);
		if (!m.find()) throw new IOException("plist: key '" + key + "' not found");
		return m.group(1);
	}

	private static List<String> array(final String plist, final String key) throws IOException {
		final Matcher m = Pattern.compile("<key>" + key + "</key>\\s*<array>(.*?)</array>",
			Pattern.DOTALL).matcher(plist);
		if (!m.find()) throw new IOException("plist: array '" + key + "' not found");
		final List<String> values = new ArrayList<>();
		final Matcher v = Pattern.compile("<(?:integer|real)>([^<]*)</").matcher(m.group(1));
		while (v.find())
			values.add(v.group(1));
		return values;
	}

	private static long[] longs(final List<String> s) {
		return s.stream().mapToLong(Long::parseLong).toArray();
	}

	private static double[] doubles(final List<String> s) {
		return s.stream().mapToDouble(Double::parseDouble).toArray();
	}
}
