package org.transvw.data;

import java.io.IOException;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The one check that volumes entering a stage hold finite intensities: NaN or infinite voxels
 * would otherwise surface much later as a diverging loss ("lower the learning rate"), NaN
 * probabilities or meaningless scores. {@link org.transvw.data.io.VolumeIO#read} applies it to
 * every file read; commands apply it to open images.
 */
public final class FiniteIntensities {

	private FiniteIntensities() {}

	/**
	 * What is not finite in {@code v}, e.g. "12 of its 4096 voxels are NaN and 3 are infinite", or null when
	 * every voxel is finite. Integer pixel types are finite by construction and not scanned.
	 */
	public static String problem(final Volume v) {
		final RealType<?> type = v.pixels().getType();
		if (type instanceof IntegerType) return null;
		long nan = 0, inf = 0;
		for (final RealType<?> t : Views.iterable(v.pixels())) {
			final double d = t.getRealDouble();
			if (Double.isNaN(d)) nan++;
			else if (Double.isInfinite(d)) inf++;
		}
		if (nan == 0 && inf == 0) return null;
		final String of = "of its " + v.pixels().size() + " voxels";
		if (nan > 0 && inf > 0) return nan + " " + of + (nan == 1 ? " is NaN and " : " are NaN and ") +
			inf + (inf == 1 ? " is infinite" : " are infinite");
		return nan > 0 ? nan + " " + of + (nan == 1 ? " is NaN" : " are NaN") : inf + " " + of +
			(inf == 1 ? " is infinite" : " are infinite");
	}

	/**
	 * @param source names the file or image in the message
	 * @throws IOException "source: 12 of its 4096 voxels are NaN; expected finite intensities ..."
	 */
	public static void require(final Volume v, final String source) throws IOException {
		final String p = problem(v);
		if (p != null) throw new IOException(message(source, p));
	}

	/** The refusal message for {@code source} with {@link #problem} {@code p}. */
	public static String message(final String source, final String p) {
		return source + ": " + p + "; expected finite intensities everywhere (replace NaN and " +
			"infinite voxels, e.g. with the background value, before using this image)";
	}
}
