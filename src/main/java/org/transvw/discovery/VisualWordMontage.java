package org.transvw.discovery;

import java.util.ArrayList;
import java.util.List;

import org.transvw.common.Checks;
import org.transvw.discovery.dataset.InstanceRecord;
import org.transvw.discovery.dataset.Split;
import org.transvw.discovery.dataset.VisualWordDataset;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * A montage of a visual-word dataset for browsing: one row per visual word, one column per
 * instance (fixed-scale crops of different patients first, then the random-scale crops), each
 * tile the central z slice or the maximum projection along z of the cube (2D patches as they
 * are). Rows of words with fewer instances than columns stay black (0).
 */
public final class VisualWordMontage {

	/** How a 3D cube becomes a tile. */
	public enum Tile {
		/** The slice z = depth / 2. */
		SLICE,
		/** The maximum along z. */
		MAX
	}

	private VisualWordMontage() {}

	/**
	 * @param words the first so many words (rows); 0 = all
	 * @param columns instances per word
	 */
	public static Img<FloatType> render(final VisualWordDataset ds, final Split split,
		final int words, final int columns, final Tile tile)
	{
		Checks.positive(columns, "columns");
		Checks.require(words >= 0, "words", "a value >= 0 (0 = all), got " + words);
		final int rows = words == 0 ? ds.numClasses() : Math.min(words, ds.numClasses());
		final int[] cube = ds.cubeSize();
		final int w = cube[0], h = cube[1];
		final List<List<Integer>> chosen = new ArrayList<>();
		for (int r = 0; r < rows; r++)
			chosen.add(new ArrayList<>());
		for (final int pass : new int[] { 0, 1 })
			for (int i = 0; i < ds.size(split); i++) {
				final InstanceRecord rec = ds.record(split, i);
				if (rec.label() >= rows || (rec.resolution() == 0) != (pass == 0)) continue;
				final List<Integer> l = chosen.get(rec.label());
				if (l.size() < columns) l.add(i);
			}
		final Img<FloatType> out = ArrayImgs.floats((long) columns * w, (long) rows * h);
		final RandomAccess<FloatType> o = out.randomAccess();
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < chosen.get(r).size(); c++) {
				final RandomAccessibleInterval<FloatType> t = tile(ds.cube(split, chosen.get(r).get(c)),
					tile);
				final Cursor<FloatType> cur = Views.flatIterable(t).localizingCursor();
				while (cur.hasNext()) {
					final float v = cur.next().get();
					o.setPosition(c * w + cur.getIntPosition(0), 0);
					o.setPosition(r * h + cur.getIntPosition(1), 1);
					o.get().set(v);
				}
			}
		return out;
	}

	private static RandomAccessibleInterval<FloatType> tile(
		final RandomAccessibleInterval<FloatType> cube, final Tile tile)
	{
		if (cube.numDimensions() == 2) return cube;
		final long depth = cube.dimension(2);
		if (tile == Tile.SLICE) return Views.hyperSlice(cube, 2, depth / 2);
		final Img<FloatType> max = ArrayImgs.floats(cube.dimension(0), cube.dimension(1));
		final RandomAccess<FloatType> ra = cube.randomAccess();
		final Cursor<FloatType> c = max.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			float m = Float.NEGATIVE_INFINITY;
			for (long z = 0; z < depth; z++)
				m = Math.max(m, ra.setPositionAndGet(c.getLongPosition(0), c.getLongPosition(1), z)
					.get());
			c.get().set(m);
		}
		return max;
	}
}
