package org.transvw.data;

import java.util.Arrays;

import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * A medical image with its geometry: pixels as an ImgLib2 image of a real type with axes
 * (x, y[, z]) and zero-based indices, voxel spacing (mm), origin (mm) and direction cosines,
 * modality, and the intensity map already applied to the pixels ({@link IntensityMap#raw()} for
 * raw data; an {@link IntensityRecipe} replayed on the volume records what it resolved to).
 * <p>
 * World coordinates follow NIfTI's RAS+ convention:
 * {@code world = origin + direction * diag(spacing) * index}, {@code direction} row-major n x n.
 * Immutable: {@code with*} methods return new values sharing the pixels.
 */
public final class Volume {

	private final RandomAccessibleInterval<? extends RealType<?>> pixels;
	private final double[] spacing;
	private final double[] origin;
	private final double[] direction;
	private final Modality modality;
	private final IntensityMap normalization;

	public Volume(final RandomAccessibleInterval<? extends RealType<?>> pixels,
		final double[] spacing, final double[] origin, final double[] direction,
		final Modality modality, final IntensityMap normalization)
	{
		Checks.notNull(pixels, "pixels");
		final int n = pixels.numDimensions();
		Checks.require(n == 2 || n == 3, "pixels", "a 2D or 3D image, got " + n + "D");
		Checks.require(spacing != null && spacing.length == n, "spacing", n + " values");
		for (final double s : spacing)
			Checks.require(s > 0 && Double.isFinite(s), "spacing",
				"positive finite voxel sizes, got " + Arrays.toString(spacing));
		Checks.require(origin != null && origin.length == n, "origin", n + " values");
		Checks.require(direction != null && direction.length == n * n, "direction",
			n * n + " values (row-major direction cosines)");
		for (int d = 0; d < n; d++)
			Checks.require(pixels.min(d) == 0, "pixels", "zero-based indices, axis " + d +
				" starts at " + pixels.min(d));
		this.pixels = pixels;
		this.spacing = spacing.clone();
		this.origin = origin.clone();
		this.direction = direction.clone();
		this.modality = Checks.notNull(modality, "modality");
		this.normalization = Checks.notNull(normalization, "normalization");
	}

	/** A volume with identity direction, zero origin and raw intensities. */
	public static Volume of(final RandomAccessibleInterval<? extends RealType<?>> pixels,
		final double[] spacing, final Modality modality)
	{
		final int n = pixels.numDimensions();
		return new Volume(pixels, spacing, new double[n], identity(n), modality, IntensityMap.raw());
	}

	public static double[] identity(final int n) {
		final double[] m = new double[n * n];
		for (int i = 0; i < n; i++)
			m[i * n + i] = 1;
		return m;
	}

	public RandomAccessibleInterval<? extends RealType<?>> pixels() {
		return pixels;
	}

	/** The pixels as a float view (no copy when they already are float). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public RandomAccessibleInterval<FloatType> floats() {
		if (pixels.getType() instanceof FloatType) return (RandomAccessibleInterval<FloatType>) pixels;
		return Converters.convert((RandomAccessibleInterval) pixels, (a, b) -> ((FloatType) b)
			.setReal(((RealType<?>) a).getRealDouble()), new FloatType());
	}

	public int numDimensions() {
		return pixels.numDimensions();
	}

	public long[] dimensions() {
		return pixels.dimensionsAsLongArray();
	}

	public double[] spacing() {
		return spacing.clone();
	}

	public double[] origin() {
		return origin.clone();
	}

	public double[] direction() {
		return direction.clone();
	}

	public Modality modality() {
		return modality;
	}

	/**
	 * What was applied to the raw intensities to obtain {@link #pixels()}: the recipe and the
	 * numbers it resolved to on this volume ({@link IntensityMap#isRaw()} for raw data).
	 */
	public IntensityMap normalization() {
		return normalization;
	}

	/** Voxel-to-world affine as a 3 x 4 (or 2 x 3) row-major matrix. */
	public double[] affine() {
		final int n = numDimensions();
		final double[] a = new double[n * (n + 1)];
		for (int r = 0; r < n; r++) {
			for (int c = 0; c < n; c++)
				a[r * (n + 1) + c] = direction[r * n + c] * spacing[c];
			a[r * (n + 1) + n] = origin[r];
		}
		return a;
	}

	public Volume withPixels(final RandomAccessibleInterval<? extends RealType<?>> newPixels,
		final IntensityMap newNormalization)
	{
		Checks.require(Arrays.equals(newPixels.dimensionsAsLongArray(), dimensions()), "pixels",
			"the same size " + Arrays.toString(dimensions()) + ", got " + Arrays.toString(newPixels
				.dimensionsAsLongArray()));
		return new Volume(Views.zeroMin(newPixels), spacing, origin, direction, modality,
			newNormalization);
	}

	public Volume withModality(final Modality m) {
		return new Volume(pixels, spacing, origin, direction, m, normalization);
	}

	@Override
	public String toString() {
		return "Volume" + Arrays.toString(dimensions()) + " spacing " + Arrays.toString(spacing) +
			" " + modality + " " + normalization;
	}
}
