package org.transvw.study;

import java.util.Locale;

/**
 * What a study's cells are scored by: a primary and a secondary test figure (the statistics,
 * the plot and the annotation saving use the primary one), and the figure of the validation
 * curve per epoch. Their names label tables, plots, CSV columns and the cells' JSON.
 */
public enum StudyTask {

	/** Segmentation: pooled test Dice and IoU; validation Dice per epoch. */
	SEGMENTATION("segmentation", "Dice", "IoU", "Dice", "cases"),
	/** Classification: test ROC AUC and accuracy; validation accuracy per epoch. */
	CLASSIFICATION("classification", "AUC", "accuracy", "accuracy", "cubes");

	private final String key, primary, secondary, curve, units;

	StudyTask(final String key, final String primary, final String secondary, final String curve,
		final String units)
	{
		this.key = key;
		this.primary = primary;
		this.secondary = secondary;
		this.curve = curve;
		this.units = units;
	}

	/** The macro value, e.g. "segmentation". */
	public String key() {
		return key;
	}

	/** The primary test figure's name, e.g. "Dice", "AUC". */
	public String primary() {
		return primary;
	}

	/** The secondary test figure's name, e.g. "IoU", "accuracy". */
	public String secondary() {
		return secondary;
	}

	/** The validation figure recorded per epoch, e.g. "Dice", "accuracy". */
	public String curve() {
		return curve;
	}

	/** What a labelled training unit is called: "cases" (volumes) or "cubes" (candidates). */
	public String units() {
		return units;
	}

	/** A name as a CSV column / JSON prefix: "dice", "iou", "auc", "accuracy". */
	static String column(final String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/** The task of macro value {@code key}, naming {@code task} when unknown. */
	public static StudyTask of(final String key) {
		for (final StudyTask t : values())
			if (t.key.equals(key)) return t;
		throw new IllegalArgumentException("task: expected segmentation or classification, got " +
			key);
	}
}
