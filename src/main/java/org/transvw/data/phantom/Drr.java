package org.transvw.data.phantom;

import java.util.Arrays;

import org.transvw.common.Checks;
import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Digitally reconstructed radiograph (DRR): the parallel-beam projection of a CT volume in
 * Hounsfield units along the patient's anterior-posterior axis (docs/xray-2d.md).
 * <ul>
 * <li><b>Attenuation:</b> {@code mu = muWater * max(0, 1 + HU / 1000)} per mm, with
 * {@link #MU_WATER_60KEV} by default (mono-energetic 60 keV, a typical effective energy of a
 * chest radiograph); HU below -1000 (air, padding outside the scan field) count as air, mu = 0.
 * NB: the linear HU map underestimates bone at 60 keV (photo-electric effect); it is the usual
 * DRR simplification.</li>
 * <li><b>Line integral:</b> {@code p = sum over the AP voxels of mu * spacing_AP}, so p is
 * dimensionless and in physical units (a ray through 10 cm of water gives about 2.06).</li>
 * <li><b>Pixel value:</b> p itself, the log image {@code -ln(I / I0)} that radiographs are
 * displayed as: bone and soft tissue bright, lungs and air dark. {@code I / I0 = exp(-p)}.</li>
 * <li><b>Geometry:</b> parallel beam (no magnification, no source distance); the projection
 * axis is the array axis whose direction is closest to world y (RAS+, anterior). The image is
 * laid out as a chest radiograph is viewed: column 0 at the patient's right, row 0 superior.
 * Pixel spacing = the voxel spacing of the two remaining axes (lateral, cranio-caudal); the 2D
 * frame is the coronal plane (x: patient right +, y: superior +), so the direction is
 * {@code {-1, 0, 0, -1}} and the origin the (x, z) world position of pixel (0, 0).</li>
 * </ul>
 * Volumes must be axis-aligned (each axis within 5 degrees of a world axis; obliquity is
 * ignored): resample oblique volumes first.
 *
 * <pre>{@code
 * Volume xray = Drr.project(ct);                        // 2D, Modality.XRAY, line integrals
 * RandomAccessibleInterval<UnsignedByteType> m = Drr.projectMask(ct, lesions);
 * }</pre>
 */
public final class Drr {

	/**
	 * Linear attenuation coefficient of water at 60 keV, 1/mm: NIST XCOM mass attenuation
	 * 0.2059 cm^2/g times 1 g/cm^3.
	 */
	public static final double MU_WATER_60KEV = 0.02059;

	/** cos(5 degrees): an axis counts as aligned with a world axis above this component. */
	private static final double ALIGNED = Math.cos(Math.toRadians(5));

	private Drr() {}

	/** Linear attenuation (1/mm) of a voxel of {@code hu} Hounsfield units. */
	public static double mu(final double hu, final double muWater) {
		return muWater * Math.max(0, 1 + hu / 1000);
	}

	/** {@link #project(Volume, double)} at 60 keV. */
	public static Volume project(final Volume ctHu) {
		return project(ctHu, MU_WATER_60KEV);
	}

	/**
	 * The DRR of a CT volume in HU: a 2D float volume of line integrals,
	 * {@link Modality#XRAY}, raw ({@link IntensityMap#raw()}).
	 *
	 * @param muWater attenuation of water in 1/mm, (0, 1]
	 */
	public static Volume project(final Volume ctHu, final double muWater) {
		Checks.require(muWater > 0 && muWater <= 1, "muWater", "an attenuation of water in (0, 1] " +
			"per mm, got " + muWater);
		final Layout l = layout(ctHu);
		final double[] sum = new double[Math.multiplyExact(l.width, l.height)];
		final int[] pos = new int[3];
		final Cursor<FloatType> c = Views.flatIterable(ctHu.floats()).cursor();
		while (c.hasNext()) {
			final float hu = c.next().get();
			c.localize(pos);
			sum[l.pixel(pos)] += mu(hu, muWater);
		}
		final double step = ctHu.spacing()[l.ap];
		final float[] p = new float[sum.length];
		for (int i = 0; i < p.length; i++)
			p[i] = (float) (sum[i] * step);
		return new Volume(ArrayImgs.floats(p, l.width, l.height), l.spacing, l.origin, new double[] {
			-1, 0, 0, -1 }, Modality.XRAY, IntensityMap.raw());
	}

	/**
	 * The 2D mask of a 3D mask on the grid of {@code geometry}: 1 where any voxel along the ray
	 * is non-zero, else 0; same layout as {@link #project}.
	 */
	public static RandomAccessibleInterval<UnsignedByteType> projectMask(final Volume geometry,
		final RandomAccessibleInterval<? extends RealType<?>> mask)
	{
		Checks.notNull(mask, "mask");
		final Layout l = layout(geometry);
		Checks.require(Arrays.equals(mask.dimensionsAsLongArray(), geometry.dimensions()), "mask",
			"the size of the volume " + Arrays.toString(geometry.dimensions()) + ", got " + Arrays
				.toString(mask.dimensionsAsLongArray()));
		final byte[] out = new byte[Math.multiplyExact(l.width, l.height)];
		final int[] pos = new int[3];
		final Cursor<? extends RealType<?>> c = Views.flatIterable(Views.zeroMin(mask)).cursor();
		while (c.hasNext()) {
			if (c.next().getRealDouble() == 0) continue;
			c.localize(pos);
			out[l.pixel(pos)] = 1;
		}
		return ArrayImgs.unsignedBytes(out, l.width, l.height);
	}

	/**
	 * Quantum (photon-counting) noise: each pixel's transmitted count is Poisson with mean
	 * {@code photons * exp(-p)} and becomes {@code p' = ln(photons / max(1, count))} (a zero
	 * count is read as one photon, so p' stays finite). Poisson by multiplication below a mean
	 * of 30, else the rounded normal approximation; pixels drawn in order from {@code rng}.
	 *
	 * @param photons unattenuated photons per pixel, in [1, 1e12]
	 */
	public static Volume withQuantumNoise(final Volume drr, final double photons,
		final RandomStreams rng)
	{
		Checks.require(drr.numDimensions() == 2, "drr", "a 2D radiograph, got " + drr
			.numDimensions() + "D");
		Checks.inRange(photons, 1, 1e12, "photons");
		Checks.notNull(rng, "rng");
		final long[] dims = drr.dimensions();
		final float[] out = new float[Math.toIntExact(dims[0] * dims[1])];
		int i = 0;
		for (final FloatType t : Views.flatIterable(drr.floats())) {
			final double count = poisson(photons * Math.exp(-t.get()), rng);
			out[i++] = (float) Math.log(photons / Math.max(1, count));
		}
		return drr.withPixels(ArrayImgs.floats(out, dims), drr.normalization());
	}

	static double poisson(final double mean, final RandomStreams rng) {
		if (mean >= 30) return Math.max(0, Math.rint(mean + Math.sqrt(mean) * rng.nextGaussian()));
		final double limit = Math.exp(-mean);
		double prod = rng.nextDouble();
		int k = 0;
		while (prod > limit) {
			prod *= rng.nextDouble();
			k++;
		}
		return k;
	}

	/** Which array axis is lateral / AP / cranio-caudal, and how the output is laid out. */
	private static final class Layout {

		int lr, ap, si;
		boolean flipLr, flipSi;
		int width, height, nLr, nSi;
		double[] spacing, origin;

		int pixel(final int[] pos) {
			final int u = flipLr ? nLr - 1 - pos[lr] : pos[lr];
			final int v = flipSi ? nSi - 1 - pos[si] : pos[si];
			return u + width * v;
		}
	}

	private static Layout layout(final Volume v) {
		Checks.notNull(v, "ct");
		Checks.require(v.numDimensions() == 3, "ct", "a 3D CT volume, got a " + v.numDimensions() +
			"D image " + Arrays.toString(v.dimensions()));
		Checks.require(v.modality() == Modality.CT || v.modality() == Modality.OTHER, "ct",
			"a CT volume in HU, got modality " + v.modality());
		final double[] dir = v.direction();
		final int[] world = new int[3];
		final double[] sign = new double[3];
		final boolean[] used = new boolean[3];
		for (int c = 0; c < 3; c++) {
			int best = 0;
			for (int r = 1; r < 3; r++)
				if (Math.abs(dir[r * 3 + c]) > Math.abs(dir[best * 3 + c])) best = r;
			final double comp = dir[best * 3 + c];
			Checks.require(Math.abs(comp) >= ALIGNED && !used[best], "ct", "an axis-aligned volume " +
				"(each axis within 5 degrees of a world axis), got direction " + Arrays.toString(dir) +
				"; resample it first");
			used[best] = true;
			world[c] = best;
			sign[c] = Math.signum(comp);
		}
		final Layout l = new Layout();
		for (int c = 0; c < 3; c++) {
			if (world[c] == 0) l.lr = c;
			else if (world[c] == 1) l.ap = c;
			else l.si = c;
		}
		final long[] dims = v.dimensions();
		final double[] sp = v.spacing();
		l.nLr = Math.toIntExact(dims[l.lr]);
		l.nSi = Math.toIntExact(dims[l.si]);
		l.width = l.nLr;
		l.height = l.nSi;
		// column 0 = patient's right (largest world x), row 0 = superior (largest world z)
		l.flipLr = sign[l.lr] > 0;
		l.flipSi = sign[l.si] > 0;
		l.spacing = new double[] { sp[l.lr], sp[l.si] };
		final double[] index = new double[3];
		index[l.lr] = l.flipLr ? l.nLr - 1 : 0;
		index[l.si] = l.flipSi ? l.nSi - 1 : 0;
		final double[] a = v.affine();
		final double x = a[0] * index[0] + a[1] * index[1] + a[2] * index[2] + a[3];
		final double z = a[8] * index[0] + a[9] * index[1] + a[10] * index[2] + a[11];
		l.origin = new double[] { x, z };
		return l;
	}
}
