package org.transvw.inference;

import java.io.IOException;
import java.util.List;

import org.transvw.data.Volume;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.io.VolumeIO;

import net.imglib2.converter.Converters;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The output of {@link SlidingWindowSegmenter#segment}: one float probability volume per output
 * channel (binary: the foreground probability; softmax: one per class, background first) and the
 * label volume (unsigned byte: {@code p > 0.5} for binary, the arg-max class otherwise), all with
 * the input's size, spacing, origin and direction.
 */
public record SegmentationResult(List<Volume> probabilities, Volume labels) {

	/** Sub-folders of an output folder: the foreground probability and the labels per case. */
	public static final String PROBABILITIES = "probabilities", LABELS = "labels";

	public SegmentationResult {
		probabilities = List.copyOf(probabilities);
	}

	/**
	 * The foreground probability: the sigmoid output of a binary model; for a softmax model
	 * 1 - p(background), the probability of any class but 0.
	 */
	public Volume foreground() {
		final Volume p0 = probabilities.get(0);
		if (probabilities.size() == 1) return p0;
		return p0.withPixels(Converters.convert(p0.floats(), (a, b) -> b.set(1 - a.get()),
			new FloatType()), p0.normalization());
	}

	/** The files {@link #write} writes for case {@code name} (for {@link OutputFolder#prepare}). */
	public static List<String> files(final String name) {
		return List.of(PROBABILITIES + "/" + name + ".nii.gz", LABELS + "/" + name + ".nii.gz");
	}

	/**
	 * Writes {@code probabilities/<name>.nii.gz} ({@link #foreground()}) and
	 * {@code labels/<name>.nii.gz} into {@code out}; labels/ can be evaluated against a labels
	 * folder by name.
	 */
	public void write(final OutputFolder out, final String name) throws IOException {
		final List<String> f = files(name);
		VolumeIO.write(foreground(), out.claim(f.get(0)));
		VolumeIO.write(labels, out.claim(f.get(1)));
	}
}
