package org.transvw.discovery.dataset;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;

/**
 * What a visual-word dataset is: everything a resumed run must agree on, stored in
 * {@code manifest.json}.
 *
 * @param cubeSize the size of every record, (x, y, z) for 3D or (x, y) for 2D
 * @param numClasses C, the number of visual words (method.md §2.7)
 * @param k K, the training patients per visual word, reference included (method.md §2.3)
 * @param input the modality, the intensity normalisation applied before cropping, and the spacing
 *          and orientation the scans were resampled to ({@link InputConvention}; a round-1 dataset
 *          records only the normalisation)
 * @param seed the seed the dataset was generated with
 * @param collectionFingerprint {@code VolumeCollection.fingerprint()} of the source scans
 * @param patients patient names; records refer to them by index
 * @param parameters every other generation parameter (JSON-compatible values), for provenance
 */
public record DatasetHeader(int[] cubeSize, int numClasses, int k, InputConvention input,
	long seed, String collectionFingerprint, List<String> patients, Map<String, Object> parameters)
{

	public DatasetHeader {
		Checks.require(cubeSize != null && (cubeSize.length == 2 || cubeSize.length == 3),
			"cubeSize", "2 or 3 sizes");
		for (final int s : cubeSize)
			Checks.positive(s, "cubeSize");
		Checks.positive(numClasses, "numClasses");
		Checks.positive(k, "k");
		Checks.notNull(input, "input");
		Checks.notNull(collectionFingerprint, "collectionFingerprint");
		Checks.require(patients != null && !patients.isEmpty(), "patients", "at least one name");
		cubeSize = cubeSize.clone();
		patients = List.copyOf(patients);
		parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
	}

	/** A header whose scans record only a normalisation (native grid, modality not recorded). */
	public DatasetHeader(final int[] cubeSize, final int numClasses, final int k,
		final IntensityRecipe normalization, final long seed, final String collectionFingerprint,
		final List<String> patients, final Map<String, Object> parameters)
	{
		this(cubeSize, numClasses, k, InputConvention.of(Checks.notNull(normalization,
			"normalization")), seed, collectionFingerprint, patients, parameters);
	}

	/** The normalisation applied before cropping ({@code input().normalization()}). */
	public IntensityRecipe normalization() {
		return input.normalization();
	}

	@Override
	public int[] cubeSize() {
		return cubeSize.clone();
	}

	/** Float values per record. */
	public long recordLength() {
		long n = 1;
		for (final int s : cubeSize)
			n *= s;
		return n;
	}

	/** Bytes per record (float32). */
	public long recordBytes() {
		return 4 * recordLength();
	}

	@Override
	public boolean equals(final Object o) {
		// NB: compared as JSON, so 3 and 3.0 (a value read back from the manifest) are equal.
		return o instanceof DatasetHeader h && Manifest.sameHeader(this, h);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(cubeSize) * 31 + collectionFingerprint.hashCode();
	}
}
