package org.transvw.study;

import java.util.Locale;

/**
 * One unit of a study: one initialisation fine-tuned on one label fraction with one seed.
 *
 * @param index 0-based number in {@link StudyDesign#cells()} (the {@code cell=} key, a job
 *          array's task id)
 * @param arm the initialisation
 * @param fraction percent of the training cases labelled, in (0, 100]
 * @param seedIndex 0-based repetition; the same for every initialisation and fraction (paired)
 * @param trainingSeed the fine-tuning's seed (weight initialisation of new layers, patches,
 *          augmentation): the study seed + seedIndex
 */
public record Cell(int index, Arm arm, double fraction, int seedIndex, long trainingSeed) {

	/** The cell's result folder name, e.g. {@code scratch_f025_s0} or {@code tvw_f012.5_s3}. */
	public String folderName() {
		return arm.name() + "_f" + fractionText(fraction) + "_s" + seedIndex;
	}

	/** A fraction for names: 3-digit integer percent, or with decimals when not whole. */
	static String fractionText(final double f) {
		if (f == Math.rint(f)) return String.format(Locale.ROOT, "%03d", (int) f);
		return String.format(Locale.ROOT, "%07.3f", f).replaceAll("0+$", "");
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "cell %d (%s, %s%% of the training cases, seed %d)",
			index, arm.name(), Statistics.format(fraction), seedIndex);
	}
}
