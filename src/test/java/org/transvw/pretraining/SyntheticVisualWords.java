package org.transvw.pretraining;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.transvw.common.RandomStreams;
import org.transvw.data.IntensityRecipe;
import org.transvw.discovery.dataset.DatasetHeader;
import org.transvw.discovery.dataset.InstanceRecord;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDatasetWriter;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;

/**
 * A generated visual-word dataset for tests: 4 visually distinct classes of cubes in [0, 1]:
 * period-8 stripes along x, along y or along z (random phase) and a bright centred ball, plus a
 * little noise. Learnable for restoration, separable for classification.
 */
public final class SyntheticVisualWords {

	public static final int CLASSES = 4;

	private SyntheticVisualWords() {}

	/** Writes {@code train} + {@code validation} cubes per class of size {@code dims}. */
	public static Path write(final Path dir, final int[] dims, final int train, final int validation,
		final long seed) throws IOException
	{
		final DatasetHeader h = new DatasetHeader(dims, CLASSES, train, IntensityRecipe.none(), seed,
			"synthetic", List.of("synthetic"), Map.of());
		final RandomStreams rng = RandomStreams.seeded(seed);
		try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, h)) {
			for (int c = 0; c < CLASSES; c++) {
				for (int i = 0; i < train + validation; i++) {
					final Split split = i < train ? Split.TRAIN : Split.VALIDATION;
					w.add(new InstanceRecord(c, 0, 0, 0, 0, dims[0], 0, split), cube(c, dims, rng.fork(c *
						1000 + i)));
				}
				w.commitShard(Map.of("class", c));
			}
			w.finish();
		}
		return dir;
	}

	static Img<FloatType> cube(final int c, final int[] dims, final RandomStreams r) {
		final Img<FloatType> img = ArrayImgs.floats(dims[0], dims[1], dims[2]);
		final double phase = r.nextDouble() * 8;
		final long[] p = new long[3];
		final net.imglib2.Cursor<FloatType> cur = img.localizingCursor();
		while (cur.hasNext()) {
			cur.fwd();
			cur.localize(p);
			final double v;
			if (c < 3) v = 0.5 + 0.35 * Math.sin(2 * Math.PI * (p[c] + phase) / 8);
			else {
				double d2 = 0;
				for (int d = 0; d < 3; d++) {
					final double t = (p[d] - dims[d] / 2.0) / (dims[d] / 4.0);
					d2 += t * t;
				}
				v = d2 < 1 ? 0.85 : 0.15;
			}
			cur.get().set((float) Math.min(1, Math.max(0, v + 0.05 * (r.nextDouble() - 0.5))));
		}
		return img;
	}

	static long voxels(final int[] dims) {
		return Intervals.numElements(dims);
	}
}
