package org.transvw.data.normalize;

import java.util.Locale;

import org.transvw.common.Checks;
import org.transvw.data.IntensityRange;
import org.transvw.data.Modality;
import org.transvw.data.Volume;

/**
 * The modality a volume is treated as, and why (method.md §2.1): never guessed silently, the
 * reason is logged and stored with every output. In this order:
 * <ol>
 * <li>given by the user ({@code modality=ct|mr|xray}): always wins;</li>
 * <li>recorded in the file: DICOM Modality (0008,0060), or the "TransVW modality=" tag of files
 * this product wrote;</li>
 * <li>a 2D image: {@link Modality#XRAY} (the 2D chain is radiographs);</li>
 * <li>the intensity range: a minimum at or below {@value #CT_AIR_BELOW} (air is about -1000 HU,
 * scanners pad with -1024, -2048 or -3024) together with a range of at least
 * {@value #CT_MIN_RANGE} (thousands of HU) is {@link Modality#CT}; no negative value is
 * {@link Modality#MR} (arbitrary non-negative units);</li>
 * <li>anything else is refused, asking for {@code modality=}.</li>
 * </ol>
 * NB: a CT stored with an offset (unsigned, air at 0 instead of -1000) reads as MR by rule 4; the
 * log line shows the range, and {@code modality=ct} corrects it.
 *
 * @param modality the decision (never {@link Modality#OTHER})
 * @param reason one line for the log, e.g. "MR: case_0.nii.gz has intensities [0, 1890], none
 *          negative (CT in HU has air at about -1000)"
 */
public record ModalityDecision(Modality modality, String reason) {

	/** A minimum at or below this value (HU) suggests CT air. */
	public static final double CT_AIR_BELOW = -500;
	/** A CT's intensity range spans at least this many HU (air to soft tissue alone is 1000). */
	public static final double CT_MIN_RANGE = 1000;

	public ModalityDecision {
		Checks.require(modality != null && modality != Modality.OTHER, "modality",
			"CT, MR or XRAY, got " + modality);
		Checks.notNull(reason, "reason");
	}

	/** The user's choice. */
	public static ModalityDecision given(final Modality modality) {
		return new ModalityDecision(modality, modality.name() + ": given (modality=" + modality
			.name().toLowerCase(Locale.ROOT) + ")");
	}

	/**
	 * The user's choice when not null, else {@link #detect}.
	 *
	 * @throws IllegalArgumentException when the modality cannot be told (asks for modality=)
	 */
	public static ModalityDecision of(final Modality user, final Volume volume, final String name) {
		return user != null && user != Modality.OTHER ? given(user) : detect(volume, name);
	}

	/**
	 * The modality of {@code volume} from its header, dimensions or raw intensities (see the
	 * class description).
	 *
	 * @param name the file name for the reason and the error
	 * @throws IllegalArgumentException naming the file and its intensity range when undecided
	 */
	public static ModalityDecision detect(final Volume volume, final String name) {
		Checks.notNull(volume, "volume");
		if (volume.modality() != Modality.OTHER) return new ModalityDecision(volume.modality(), volume
			.modality().name() + ": recorded in " + name + " (DICOM Modality tag or TransVW header)");
		if (volume.numDimensions() == 2) return new ModalityDecision(Modality.XRAY, "XRAY: " + name +
			" is a 2D image (the 2D chain takes radiographs)");
		Checks.require(volume.normalization().isRaw(), "modality", "raw intensities to detect the " +
			"modality of " + name + ", got a volume already normalised with " + volume
				.normalization() + "; give modality=ct, mr or xray");
		final IntensityRange r = IntensityRange.of(volume.pixels());
		if (r.min() <= CT_AIR_BELOW && r.width() >= CT_MIN_RANGE) return new ModalityDecision(
			Modality.CT, "CT: " + name + " has intensities " + r + ": a minimum at or below " +
				(int) CT_AIR_BELOW + " (air, about -1000 HU) and a range of " + (long) r.width() +
				" (thousands of HU)");
		if (r.min() >= 0) return new ModalityDecision(Modality.MR, "MR: " + name +
			" has intensities " + r + ", none negative (a CT in HU has air at about -1000; give " +
			"modality=ct for a CT stored with an offset)");
		throw new IllegalArgumentException("modality: cannot tell the modality of " + name +
			" from its intensities " + r + " (neither CT in HU, with air at about -1000, nor " +
			"non-negative MR) and its header records none; give modality=ct, mr or xray");
	}

	/**
	 * Requires {@code other} (the decision for another volume of the same collection) to be this
	 * modality.
	 *
	 * @throws IllegalArgumentException naming both volumes' reasons
	 */
	public void requireSame(final ModalityDecision other, final String what) {
		Checks.require(other.modality == modality, "modality", "one modality for " + what + " (" +
			reason + "), got " + other.reason + "; give modality= to treat them alike, or split the " +
			"collection");
	}

	@Override
	public String toString() {
		return "modality " + reason;
	}
}
