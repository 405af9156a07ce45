package org.transvw.data.geometry;

import org.transvw.common.Checks;

/**
 * What the geometry step does to every volume (not in the reference, method.md §2.1): target
 * spacing, interpolation of images, the crop rule and the obliqueness tolerance. Labels always
 * use nearest neighbour.
 *
 * @param targetSpacing spacing (mm) per RAS axis to resample to, e.g. from
 *          {@link TargetSpacing#median}; null keeps each volume's own spacing (no resampling)
 * @param image interpolation of images (in-plane; every axis when isotropic enough);
 *          {@link Interpolation#LINEAR} by default
 * @param throughPlane interpolation of images along the through-plane axis of an anisotropic
 *          volume ({@link TargetSpacing#throughPlaneAxis}); {@link Interpolation#NEAREST} by
 *          default, as nnU-Net (no blur across thick slices)
 * @param crop the crop to the foreground, {@link ForegroundCrop#none()} for none
 * @param obliqueTolerance largest sine of the angle between a voxel axis and its world axis that
 *          is snapped rather than refused ({@link Reorientation#DEFAULT_TOLERANCE})
 */
public record GeometryConfig(double[] targetSpacing, Interpolation image,
	Interpolation throughPlane, ForegroundCrop crop, double obliqueTolerance)
{

	public GeometryConfig {
		if (targetSpacing != null) targetSpacing = GeometryChecks.requireSpacing(targetSpacing,
			targetSpacing.length, "target spacing");
		Checks.notNull(image, "interpolation");
		Checks.notNull(throughPlane, "through-plane interpolation");
		Checks.notNull(crop, "crop");
		Checks.inRange(obliqueTolerance, 0, 0.49, "oblique tolerance");
	}

	/** Reorient only: own spacing, linear / nearest, no crop, default tolerance. */
	public static GeometryConfig defaults() {
		return new GeometryConfig(null, Interpolation.LINEAR, Interpolation.NEAREST, ForegroundCrop
			.none(), Reorientation.DEFAULT_TOLERANCE);
	}

	/** These settings with a target spacing (RAS order, mm; null for none). */
	public GeometryConfig withTargetSpacing(final double... spacing) {
		return new GeometryConfig(spacing, image, throughPlane, crop, obliqueTolerance);
	}

	/** These settings with another image interpolation (in-plane and through-plane). */
	public GeometryConfig withInterpolation(final Interpolation inPlane,
		final Interpolation alongThroughPlane)
	{
		return new GeometryConfig(targetSpacing, inPlane, alongThroughPlane, crop, obliqueTolerance);
	}

	/** These settings with another crop rule. */
	public GeometryConfig withCrop(final ForegroundCrop rule) {
		return new GeometryConfig(targetSpacing, image, throughPlane, rule, obliqueTolerance);
	}

	@Override
	public double[] targetSpacing() {
		return targetSpacing == null ? null : targetSpacing.clone();
	}
}
