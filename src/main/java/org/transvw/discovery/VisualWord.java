package org.transvw.discovery;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One discovered visual word (method.md §2.3): its class label, the reference patient, the
 * coordinate shared by all its instances, the chosen training and validation patients
 * (collection indices, nearest first) and every reference consumed while looking for it
 * (references whose coordinate search failed stay used, as in the reference).
 */
public record VisualWord(int label, int reference, long[] coordinate, int[] trainPatients,
	int[] validationPatients, int[] consumedReferences)
{

	/** JSON-compatible form stored as the shard metadata of the dataset. */
	public Map<String, Object> toMap() {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("label", label);
		m.put("reference", reference);
		m.put("coordinate", Arrays.stream(coordinate).boxed().toList());
		m.put("trainPatients", Arrays.stream(trainPatients).boxed().toList());
		m.put("validationPatients", Arrays.stream(validationPatients).boxed().toList());
		m.put("consumedReferences", Arrays.stream(consumedReferences).boxed().toList());
		return m;
	}

	/** Inverse of {@link #toMap()}. */
	public static VisualWord fromMap(final Map<String, Object> m) {
		return new VisualWord(((Number) m.get("label")).intValue(), ((Number) m.get("reference"))
			.intValue(), longs(m.get("coordinate")), ints(m.get("trainPatients")), ints(m.get(
				"validationPatients")), ints(m.get("consumedReferences")));
	}

	private static long[] longs(final Object o) {
		return ((List<?>) o).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
	}

	private static int[] ints(final Object o) {
		return ((List<?>) o).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
	}
}
