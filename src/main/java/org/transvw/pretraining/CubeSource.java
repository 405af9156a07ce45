package org.transvw.pretraining;

import java.io.IOException;

import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.discovery.dataset.Split;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The cubes pre-training learns from, with their visual-word labels: read on the data workers'
 * threads, so implementations must allow concurrent reads. The visual-word dataset of
 * self-discovery is the standard source ({@link VisualWordCubes}).
 */
public interface CubeSource extends AutoCloseable {

	/** Cubes in {@code split}. */
	int size(Split split);

	/** Cube {@code index} of {@code split}, (x, y, z) floats, already normalised. */
	RandomAccessibleInterval<FloatType> cube(Split split, int index) throws IOException;

	/** The visual-word class of the cube, in [0, numClasses()). */
	int label(Split split, int index);

	/** The cube size (x, y, z). */
	int[] cubeSize();

	/** C, the number of visual-word classes (0 when the source has no labels). */
	int numClasses();

	/** The normalisation the cubes carry (recorded in the bundle). */
	IntensityRecipe normalization();

	/**
	 * Modality, normalisation, spacing and orientation of the cubes, recorded in the bundle so that
	 * fine-tuning and inference prepare their volumes alike; by default only {@link
	 * #normalization()} is known.
	 */
	default InputConvention input() {
		return InputConvention.of(normalization());
	}

	/** Changes whenever the data change; recorded in the bundle's provenance. */
	String fingerprint();

	@Override
	void close() throws IOException;
}
