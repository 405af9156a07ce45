package org.transvw.data.geometry;

import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * The sphere phantom of the geometry tests: a ball of radius {@value #RADIUS_MM} mm
 * ({@link #SPHERE_ML} ml) as partial-volume occupancy in [0, 1] on a grid with LPS direction,
 * centred off-grid so that no symmetry helps.
 */
public final class SpherePhantom {

	public static final double RADIUS_MM = 20;
	public static final double SPHERE_ML = 4.0 / 3 * Math.PI * Math.pow(RADIUS_MM, 3) / 1000;

	private SpherePhantom() {}

	/** Sub-samples per axis and voxel for the partial-volume phantom. */
	private static final int SUPERSAMPLING = 4;

	/**
	 * A sphere phantom as partial-volume occupancy in [0, 1] (a 4 x 4 x 4 sub-sample count per
	 * voxel), centred off-grid so that no symmetry helps, on a grid with LPS direction.
	 */
	public static Volume sphere(final long[] dims, final double[] spacing) {
		final double[] lps = { -1, 0, 0, 0, -1, 0, 0, 0, 1 };
		final double[] origin = { 31.3, 29.1, -33.7 };
		final Grid g = new Grid(dims, spacing, origin, lps);
		final double[] centre = g.world((dims[0] - 1) / 2.0 + 0.21, (dims[1] - 1) / 2.0 - 0.37,
			(dims[2] - 1) / 2.0 + 0.13);
		final RandomAccessibleInterval<FloatType> img = ArrayImgs.floats(dims);
		final int k = SUPERSAMPLING;
		for (final Cursor<FloatType> c = Views.flatIterable(img).localizingCursor(); c.hasNext();) {
			c.fwd();
			int inside = 0;
			for (int a = 0; a < k; a++)
				for (int b = 0; b < k; b++)
					for (int e = 0; e < k; e++) {
						final double[] w = g.world(c.getDoublePosition(0) + (a + 0.5) / k - 0.5, c
							.getDoublePosition(1) + (b + 0.5) / k - 0.5, c.getDoublePosition(2) + (e + 0.5) / k -
								0.5);
						double r2 = 0;
						for (int d = 0; d < 3; d++)
							r2 += (w[d] - centre[d]) * (w[d] - centre[d]);
						if (r2 <= RADIUS_MM * RADIUS_MM) inside++;
					}
			c.get().set((float) inside / (k * k * k));
		}
		return g.on(img, Modality.OTHER, IntensityMap.raw());
	}

	public static double ml(final Volume mask) {
		long n = 0;
		for (final RealType<?> t : Views.iterable(mask.pixels()))
			if (t.getRealDouble() > 0) n++;
		return n * Grid.of(mask).voxelVolume() / 1000;
	}

}
