package org.transvw.discovery.dataset;

import org.transvw.common.Checks;

/**
 * Where one instance (cube) of a visual word came from.
 *
 * @param label the visual-word class c in [0, C)
 * @param patient index into the dataset's patient list ({@link VisualWordDataset#patient(int)})
 * @param x first voxel of the crop along x in the patient's volume (after jitter)
 * @param y first voxel of the crop along y
 * @param z first voxel of the crop along z (0 for 2D)
 * @param scale in-plane edge of the crop in voxels before it was resized to the cube size (the
 *          cube size itself for the fixed-scale crop)
 * @param resolution which crop of the patient: 0 the fixed-scale crop, 1.. the random scales
 * @param split training or validation instance
 */
public record InstanceRecord(int label, int patient, int x, int y, int z, int scale,
	int resolution, Split split)
{

	public InstanceRecord {
		Checks.require(label >= 0, "label", "a class index >= 0, got " + label);
		Checks.require(patient >= 0, "patient", "a patient index >= 0, got " + patient);
		Checks.positive(scale, "scale");
		Checks.require(resolution >= 0, "resolution", "an index >= 0, got " + resolution);
		Checks.notNull(split, "split");
	}

	/** One index line: {@code split,label,patient,x,y,z,scale,resolution}. */
	String toCsv() {
		return split.tag() + "," + label + "," + patient + "," + x + "," + y + "," + z + "," +
			scale + "," + resolution;
	}

	static InstanceRecord fromCsv(final String line, final String where) {
		final String[] f = line.split(",");
		Checks.require(f.length == 8, where, "8 comma-separated fields, got '" + line + "'");
		try {
			return new InstanceRecord(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer
				.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(
					f[6]), Integer.parseInt(f[7]), Split.ofTag(f[0]));
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(where + ": expected integers, got '" + line + "'", e);
		}
	}
}
