package org.transvw.discovery.dataset;

/** The two parts of a visual-word dataset (method.md §2.3: K training, 30 validation). */
public enum Split {
	/** Instances of the K nearest training patients, at every scale. */
	TRAIN("train"),
	/** Instances of the nearest patients of the held-apart validation split. */
	VALIDATION("validation");

	private final String tag;

	Split(final String tag) {
		this.tag = tag;
	}

	/** The lower-case name used in file names and in the index. */
	public String tag() {
		return tag;
	}

	/** Inverse of {@link #tag()}. */
	public static Split ofTag(final String tag) {
		for (final Split s : values())
			if (s.tag.equals(tag)) return s;
		throw new IllegalArgumentException("split: expected train or validation, got '" + tag + "'");
	}
}
