package org.transvw.data.phantom;

import org.transvw.common.Checks;

/**
 * Parameters of the chest-radiograph phantom: the CT phantom that is projected and the photon
 * count of the simulated detector.
 *
 * @param ct the chest-CT phantom projected by {@link Drr}; the radiograph is {@code ct.width()}
 *          pixels wide and {@code ct.depth()} pixels high, with spacing {@code spacingXY} x
 *          {@code spacingZ}. NB: CT noise passes into the projection, and HU below -1000 are
 *          clamped to air, which biases air rays slightly: {@link #defaults()} render the CT
 *          without noise and add detector noise instead.
 * @param photons unattenuated photons per pixel for quantum noise ({@link Drr#withQuantumNoise});
 *          0 = noise-free, else in [1, 1e12]
 */
public record RadiographConfig(PhantomConfig ct, double photons) {

	/**
	 * The photon count of {@link #defaults()}: noise sd ~0.01 in the lungs (p ~ 2) to ~0.05
	 * behind the spine (p ~ 5.5).
	 */
	public static final double DEFAULT_PHOTONS = 1e5;

	public RadiographConfig {
		Checks.notNull(ct, "ct");
		Checks.require(photons == 0 || photons >= 1 && photons <= 1e12, "photons",
			"0 (no noise) or a photon count in [1, 1e12], got " + photons);
	}

	/**
	 * 256 x 256 pixels of 1.35 x 1.25 mm (the CT phantom's 346 x 320 mm field of view, a CT of
	 * 256^3 voxels without noise), 4 groups of look-alikes, nodules on, 1e5 photons per pixel.
	 */
	public static RadiographConfig defaults() {
		return new RadiographConfig(PhantomConfig.defaults().withSize(256, 256, 256).withNoise(0),
			DEFAULT_PHOTONS);
	}

	/** The same field of view at {@code width} x {@code height} pixels (a CT of w x w x h). */
	public RadiographConfig withSize(final int width, final int height) {
		return new RadiographConfig(ct.withSize(width, width, height), photons);
	}

	public RadiographConfig withGroups(final int g) {
		return new RadiographConfig(ct.withGroups(g), photons);
	}

	public RadiographConfig withLesions(final boolean on) {
		return new RadiographConfig(ct.withLesions(on), photons);
	}

	public RadiographConfig withPhotons(final double n) {
		return new RadiographConfig(ct, n);
	}

	/** Radiograph width in pixels (patient right to left). */
	public int width() {
		return ct.width();
	}

	/** Radiograph height in pixels (superior to inferior). */
	public int height() {
		return ct.depth();
	}

	/** {spacingXY, spacingZ} in mm. */
	public double[] spacing() {
		return new double[] { ct.spacingXY(), ct.spacingZ() };
	}
}
