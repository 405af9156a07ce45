package org.transvw.data;

/** Imaging modality; it selects the default normalisation (method.md §2.1). */
public enum Modality {
	/** Computed tomography, intensities in Hounsfield units. */
	CT,
	/** Magnetic resonance; arbitrary intensity units. */
	MR,
	/** Projection radiography (2D X-ray). */
	XRAY,
	/** Unknown or other; no default normalisation. */
	OTHER;

	/** Case-insensitive parse that names the parameter on failure. */
	public static Modality parse(final String s) {
		for (final Modality m : values())
			if (m.name().equalsIgnoreCase(s.trim())) return m;
		throw new IllegalArgumentException("modality: expected one of CT, MR, XRAY, OTHER, got '" +
			s + "'");
	}
}
