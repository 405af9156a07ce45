package org.transvw.data.phantom;

/**
 * Tissue classes of the chest phantom with their mean Hounsfield units (textbook values).
 * {@link ChestPhantom#tissues} returns a map of {@link #ordinal()}s; lung HU also depends on
 * the breathing state (inspiration is darker), see {@link ChestAnatomy}.
 */
public enum Tissue {
	AIR(-1000), FAT(-100), SOFT(40), LUNG(-850), VESSEL(40), BLOOD(40), BONE(400), CORTICAL(900),
	DISC(90), CSF(15), MEDIASTINAL_FAT(-90), LIVER(60), AIRWAY(-1000), LESION(30);

	private final double hu;

	Tissue(final double hu) {
		this.hu = hu;
	}

	/** Mean HU of this class (lung: the mid-breath value). */
	public double hu() {
		return hu;
	}

	/** Lung parenchyma or the vessels and nodules inside it. */
	public boolean inLung() {
		return this == LUNG || this == VESSEL || this == LESION;
	}

	/** Cancellous or cortical bone. */
	public boolean isBone() {
		return this == BONE || this == CORTICAL;
	}
}
