package org.transvw.discovery;

import java.io.IOException;

import org.transvw.data.IntensityRecipe;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.normalize.Normalizations;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The patients of a collection as normalised float views, loaded on demand (the collection never
 * needs to fit in memory). Remembers the last loaded patient, because self-discovery reads the
 * reference patient twice in a row (coordinate test, then crops). Not thread-safe.
 */
final class Scans {

	private final VolumeCollection collection;
	private final IntensityRecipe normalization;
	private int lastIndex = -1;
	private RandomAccessibleInterval<FloatType> last;

	Scans(final VolumeCollection collection, final IntensityRecipe normalization) {
		this.collection = collection;
		this.normalization = normalization;
	}

	VolumeCollection collection() {
		return collection;
	}

	int size() {
		return collection.size();
	}

	/** The file (or DICOM folder) name of patient {@code i}, as error messages show it. */
	String name(final int i) {
		return collection.path(i).getFileName().toString();
	}

	/** The raw volume of patient {@code i}. */
	Volume volume(final int i) throws IOException {
		return collection.load(i);
	}

	/**
	 * Patient {@code i} normalised as configured ({@link Normalizations#forModel}: a lazy view
	 * over the loaded pixels).
	 */
	RandomAccessibleInterval<FloatType> normalized(final int i) throws IOException {
		if (i != lastIndex) {
			last = Normalizations.forModel(volume(i), normalization).floats();
			lastIndex = i;
		}
		return last;
	}
}
