package org.transvw.imagej;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.GeometryChecks;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

/**
 * THE ImagePlus <-> ImgLib2 bridge, zero-copy: a {@link PlanarImg} over the stack's pixel
 * arrays (8-bit {@link UnsignedByteType}, 16-bit {@link UnsignedShortType}, 32-bit
 * {@link FloatType}) with axes (x, y, c, z, t) — ImageJ's stack order (c fastest, then z, then t)
 * is PlanarImg's plane order. A write on either side is seen on the other.
 * <p>
 * Traps: virtual stacks load their pixels on demand and cannot be shared: they are refused unless
 * an explicit copy is asked for. RGB is refused. A calibration function (16-bit DICOM rescale,
 * signed 16-bit offset) is applied by {@link #toVolume} as a read-only float view, so the volume
 * holds real values (HU), never raw stored values. Spacing comes from {@link Calibration}
 * (mm; cm, m, inch, micron and nm converted). An uncalibrated stack (unit "pixel", or a unit that
 * is no length) has no spacing: {@link #toVolume(ImagePlus, double[])} refuses it unless the
 * user gives {@code voxel=}; only {@link #toVolume(ImagePlus)}, for steps that never use the
 * spacing (previews), takes it as 1 mm.
 */
public final class ImagePlusBridge {

	private ImagePlusBridge() {}

	/** What to do with a virtual stack. */
	public enum Virtual {
		/** Refuse with a clear message (the default). */
		REFUSE,
		/** Load every plane into memory first (the result does not share pixels with the input). */
		COPY
	}

	/** A zero-copy 5D image (x, y, c, z, t) over the stack's arrays; virtual stacks refused. */
	public static PlanarImg<? extends RealType<?>, ?> wrap(final ImagePlus imp) {
		return wrap(imp, Virtual.REFUSE);
	}

	/** {@link #wrap(ImagePlus)} with an explicit choice for virtual stacks. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static PlanarImg<? extends RealType<?>, ?> wrap(ImagePlus imp, final Virtual virtual) {
		if (imp.getStack().isVirtual()) {
			if (virtual == Virtual.REFUSE) throw new IllegalArgumentException("image '" + imp
				.getTitle() + "': expected an image in memory, got a virtual stack (its pixels are " +
				"loaded on demand and cannot be shared); load it into memory or ask for a copy");
			imp = imp.duplicate();
		}
		final ImageStack stack = imp.getStack();
		final long[] dims = { imp.getWidth(), imp.getHeight(), imp.getNChannels(), imp
			.getNSlices(), imp.getNFrames() };
		final int n = stack.getSize();
		switch (imp.getBitDepth()) {
			case 8: {
				final List<ByteArray> planes = new ArrayList<>(n);
				for (int i = 1; i <= n; i++)
					planes.add(new ByteArray((byte[]) stack.getPixels(i)));
				final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, dims,
					new Fraction());
				img.setLinkedType(new UnsignedByteType(img));
				return img;
			}
			case 16: {
				final List<ShortArray> planes = new ArrayList<>(n);
				for (int i = 1; i <= n; i++)
					planes.add(new ShortArray((short[]) stack.getPixels(i)));
				final PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, dims,
					new Fraction());
				img.setLinkedType(new UnsignedShortType(img));
				return img;
			}
			case 32: {
				final List<FloatArray> planes = new ArrayList<>(n);
				for (int i = 1; i <= n; i++)
					planes.add(new FloatArray((float[]) stack.getPixels(i)));
				final PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(planes, dims,
					new Fraction());
				img.setLinkedType(new FloatType(img));
				return img;
			}
			default:
				throw new IllegalArgumentException("image '" + imp.getTitle() +
					"': expected an 8-, 16- or 32-bit image, got " + imp.getBitDepth() +
					"-bit (RGB): convert it to 8-bit or split the channels first");
		}
	}

	/**
	 * A volume of a single-channel, single-frame image: 3D (x, y, z), or 2D if one slice. For
	 * steps that do not use the spacing (previews): an uncalibrated image gets 1 mm voxels. Stages
	 * that resample use {@link #toVolume(ImagePlus, double[])}.
	 */
	public static Volume toVolume(final ImagePlus imp) {
		return toVolume(imp, 0, 0, Virtual.REFUSE);
	}

	/**
	 * A volume of a single-channel, single-frame image whose spacing matters: an uncalibrated
	 * stack (3D) gets {@code voxel} (mm, x,y,z; the {@code voxel=} option) or is refused; a
	 * calibrated one keeps its calibration. A single 2D image without calibration (a radiograph
	 * from PNG) is taken at 1 mm per pixel: the 2D chain never resamples.
	 *
	 * @throws IllegalArgumentException "voxel: expected a voxel size for 'stack', which has none
	 *           (...); give it as voxel=0.8,0.8,2.5 ..."
	 */
	public static Volume toVolume(final ImagePlus imp, final double[] voxel) {
		final Volume v = toVolume(imp);
		if (v.numDimensions() == 2) return v;
		final double[] spacing = GeometryChecks.spacingFor("'" + imp.getTitle() + "'", v.spacing(),
			isCalibrated(imp), voxel);
		final double[] origin = v.origin();
		if (!isCalibrated(imp)) for (int d = 0; d < 3; d++)
			origin[d] = origin[d] / v.spacing()[d] * spacing[d];
		return new Volume(v.pixels(), spacing, origin, v.direction(), v.modality(), v
			.normalization());
	}

	/**
	 * Whether the image states its voxel size: a length unit ImageJ's calibration knows (mm, cm,
	 * m, inch, micron, nm) and positive finite pixel sizes; unit "pixel" (ImageJ's uncalibrated
	 * default) or an unknown unit does not.
	 */
	public static boolean isCalibrated(final ImagePlus imp) {
		final Calibration cal = imp.getCalibration();
		if (Double.isNaN(mmPerUnit(cal.getUnit()))) return false;
		final double[] s = { cal.pixelWidth, cal.pixelHeight, cal.pixelDepth };
		for (int d = 0; d < (imp.getNSlices() > 1 ? 3 : 2); d++)
			if (!(s[d] > 0) || !Double.isFinite(s[d])) return false;
		return true;
	}

	/**
	 * A volume of one channel and one frame (0-based) of a hyperstack, zero-copy (a calibration
	 * function makes it a read-only float view). Modality: "TransVW modality=..." in the image's
	 * Info property, else OTHER.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static Volume toVolume(final ImagePlus imp, final int channel, final int frame,
		final Virtual virtual)
	{
		if (channel < 0 || channel >= imp.getNChannels()) throw new IllegalArgumentException(
			"channel: expected 0.." + (imp.getNChannels() - 1) + " for image '" + imp.getTitle() +
				"', got " + channel);
		if (frame < 0 || frame >= imp.getNFrames()) throw new IllegalArgumentException(
			"frame: expected 0.." + (imp.getNFrames() - 1) + " for image '" + imp.getTitle() +
				"', got " + frame);
		RandomAccessibleInterval<? extends RealType<?>> px = Views.hyperSlice(Views.hyperSlice(wrap(
			imp, virtual), 4, frame), 2, channel);
		final boolean planar = imp.getNSlices() == 1;
		if (planar) px = Views.hyperSlice(px, 2, 0);
		final Calibration cal = imp.getCalibration();
		if (imp.getBitDepth() != 32 && cal.calibrated()) {
			final float[] table = cal.getCTable();
			px = Converters.convert((RandomAccessibleInterval) px, (a, b) -> ((FloatType) b).set(
				table[(int) ((RealType<?>) a).getRealDouble()]), new FloatType());
		}
		final double unit = Double.isNaN(mmPerUnit(cal.getUnit())) ? 1 : mmPerUnit(cal.getUnit());
		final double[] spacing = { cal.pixelWidth * unit, cal.pixelHeight * unit, cal.pixelDepth *
			unit };
		final double[] origin = { -cal.xOrigin * spacing[0], -cal.yOrigin * spacing[1], -cal.zOrigin *
			spacing[2] };
		final int nd = planar ? 2 : 3;
		for (int d = 0; d < nd; d++)
			if (!(spacing[d] > 0) || !Double.isFinite(spacing[d])) spacing[d] = 1;
		return new Volume(px, java.util.Arrays.copyOf(spacing, nd), java.util.Arrays.copyOf(origin,
			nd), Volume.identity(nd), modality(imp), IntensityMap.raw());
	}

	/**
	 * An ImagePlus of a volume with its calibration (mm). Zero-copy when the pixels are a 2D/3D
	 * {@link PlanarImg} (or 2D {@link ArrayImg}) of unsigned 8-bit, unsigned 16-bit or float;
	 * other types are copied to 32-bit float (values kept, never rescaled).
	 */
	public static ImagePlus toImagePlus(final Volume volume, final String title) {
		final RandomAccessibleInterval<? extends RealType<?>> px = volume.pixels();
		final int w = Math.toIntExact(px.dimension(0)), h = Math.toIntExact(px.dimension(1));
		final int nz = volume.numDimensions() == 3 ? Math.toIntExact(px.dimension(2)) : 1;
		final ImageStack stack = new ImageStack(w, h);
		final Object[] shared = sharedPlanes(px, nz);
		for (int z = 0; z < nz; z++)
			stack.addSlice(null, shared != null ? shared[z] : floatPlane(px, z, w, h));
		final ImagePlus imp = new ImagePlus(title, stack);
		final Calibration cal = imp.getCalibration();
		final double[] sp = volume.spacing(), org = volume.origin();
		cal.setUnit("mm");
		cal.pixelWidth = sp[0];
		cal.pixelHeight = sp[1];
		cal.pixelDepth = sp.length > 2 ? sp[2] : 1;
		cal.xOrigin = -org[0] / sp[0];
		cal.yOrigin = -org[1] / sp[1];
		if (sp.length > 2) cal.zOrigin = -org[2] / sp[2];
		imp.setProperty("Info", "TransVW modality=" + volume.modality().name() + "\n");
		return imp;
	}

	private static Object[] sharedPlanes(final RandomAccessibleInterval<?> px, final int nz) {
		final Object t = px.getType();
		final boolean ijType = t instanceof UnsignedByteType || t instanceof UnsignedShortType ||
			t instanceof FloatType;
		if (!ijType) return null;
		final Object[] planes = new Object[nz];
		if (px instanceof PlanarImg && ((PlanarImg<?, ?>) px).numSlices() == nz) {
			for (int z = 0; z < nz; z++)
				planes[z] = ((PlanarImg<?, ?>) px).getPlane(z).getCurrentStorageArray();
			return planes;
		}
		if (px instanceof ArrayImg && nz == 1) {
			final Object access = ((ArrayImg<?, ?>) px).update(null);
			if (access instanceof ArrayDataAccess) {
				planes[0] = ((ArrayDataAccess<?>) access).getCurrentStorageArray();
				return planes;
			}
		}
		return null;
	}

	private static float[] floatPlane(final RandomAccessibleInterval<? extends RealType<?>> px,
		final int z, final int w, final int h)
	{
		final float[] f = new float[w * h];
		final RandomAccessibleInterval<? extends RealType<?>> plane = px.numDimensions() == 3 ? Views
			.hyperSlice(px, 2, z) : px;
		int i = 0;
		for (final RealType<?> t : Views.flatIterable(plane))
			f[i++] = t.getRealFloat();
		return f;
	}

	private static Modality modality(final ImagePlus imp) {
		final String info = imp.getInfoProperty();
		if (info != null) {
			final int i = info.indexOf("TransVW modality=");
			if (i >= 0) {
				final String m = info.substring(i + 17).split("\\s")[0];
				for (final Modality x : Modality.values())
					if (x.name().equals(m)) return x;
			}
			if (info.contains("0008,0060  Modality: CT")) return Modality.CT;
			if (info.contains("0008,0060  Modality: MR")) return Modality.MR;
		}
		return Modality.OTHER;
	}

	/** Millimetres per calibration unit; NaN for "pixel", "" and units that are no length. */
	static double mmPerUnit(final String unit) {
		final String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
		switch (u) {
			case "mm": case "millimeter": case "millimetre": case "millimeters": case "millimetres":
				return 1;
			case "cm": return 10;
			case "m": case "meter": case "metre": return 1000;
			case "inch": case "inches": case "in": return 25.4;
			case "micron": case "um": case "\u00b5m": case "microns": return 1e-3;
			case "nm": return 1e-6;
			default: return Double.NaN;
		}
	}
}
