package org.transvw.finetuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.transvw.data.InputConvention;
import org.transvw.network.ModelCard;

import net.imglib2.Dimensions;

/**
 * The {@value ModelCard#TRAINING_DATA} entry of a fine-tuned bundle's provenance: what the model
 * was trained and validated on, for its model card. Keys: {@code trainingCases} /
 * {@code validationCases} / {@code testCases} (or {@code trainingCubes} / {@code validationCubes}
 * / {@code testCubes} and {@code cubeSize}), {@code sizes} (each distinct size "x x y x z" on the
 * model's grid with its count, or the range when there are many), the inputs ({@code modality},
 * {@code normalization}, {@code spacing} (mm, RAS) when resampled, {@code orientation}; see
 * {@code data.InputConvention}) and {@code fingerprint} (the data checksum of
 * {@link Fingerprints}).
 */
final class TrainingData {

	/** Distinct sizes listed one by one up to this many; beyond, the range. */
	private static final int LISTED_SIZES = 8;

	private TrainingData() {}

	/** Of segmentation cases (the training cases actually used, and the validation cases). */
	static Map<String, Object> ofCases(final List<LabelledCase> train,
		final List<LabelledCase> validation, final List<LabelledCase> test,
		final InputConvention input)
	{
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("trainingCases", train.size());
		m.put("validationCases", validation.size());
		if (!test.isEmpty()) m.put("testCases", test.size());
		final List<Dimensions> sizes = new ArrayList<>();
		for (final List<LabelledCase> split : List.of(train, validation))
			for (final LabelledCase c : split)
				sizes.add(c.image());
		m.put("sizes", sizes(sizes));
		m.putAll(input.toMap());
		m.put("fingerprint", Fingerprints.ofCases(train, validation));
		return m;
	}

	/** Of classification cubes. */
	static Map<String, Object> ofCubes(final List<LabelledCube> train,
		final List<LabelledCube> validation, final List<LabelledCube> test, final int[] cube,
		final InputConvention input)
	{
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("trainingCubes", train.size());
		m.put("validationCubes", validation.size());
		if (!test.isEmpty()) m.put("testCubes", test.size());
		m.put("cubeSize", cube.clone());
		m.putAll(input.toMap());
		m.put("fingerprint", Fingerprints.ofCubes(train, validation));
		return m;
	}

	/** {@code {"24x24x16": 3, ...}}, or {@code {min, max, distinct}} for many sizes. */
	private static Map<String, Object> sizes(final List<Dimensions> all) {
		final Map<String, Integer> counts = new TreeMap<>();
		// volumes (x, y, z) or 2D images (x, y): all of one dimensionality
		final int n = all.isEmpty() ? 3 : all.get(0).numDimensions();
		final long[] min = new long[n], max = new long[n];
		java.util.Arrays.fill(min, Long.MAX_VALUE);
		for (final Dimensions d : all) {
			final StringBuilder key = new StringBuilder();
			for (int i = 0; i < n; i++) {
				min[i] = Math.min(min[i], d.dimension(i));
				max[i] = Math.max(max[i], d.dimension(i));
				key.append(i == 0 ? "" : "x").append(d.dimension(i));
			}
			counts.merge(key.toString(), 1, Integer::sum);
		}
		if (counts.size() <= LISTED_SIZES) return new LinkedHashMap<String, Object>(counts);
		final Map<String, Object> range = new LinkedHashMap<>();
		range.put("min", min);
		range.put("max", max);
		range.put("distinct", counts.size());
		return range;
	}
}
