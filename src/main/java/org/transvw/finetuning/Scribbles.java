package org.transvw.finetuning;

import java.util.Arrays;
import java.util.List;

import org.transvw.common.Checks;

import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Scribbles -> a sparse label volume for fine-tuning (issue 17): every voxel starts
 * {@link SparseLabels#UNLABELLED unlabelled} (255, ignored by the loss), each stroke writes its
 * class into the pixels it covers on its slice, and a voxel that two strokes of different classes
 * cover becomes unlabelled again (a conflict is never resolved by drawing order). Pixels outside
 * the image are dropped. The adapters rasterise their shapes (an ImageJ ROI with its stroke width,
 * a filled area) into {@link Stroke}s; this class knows nothing of ROIs.
 */
public final class Scribbles {

	/**
	 * One rasterised scribble on one slice.
	 *
	 * @param classIndex class 0..{@value ScribbleClasses#MAX_CLASS}
	 * @param z slice index, 0-based
	 * @param x pixel columns covered
	 * @param y pixel rows covered (same length as x)
	 * @param source names the scribble in messages, e.g. "ROI 3 'foreground'"
	 */
	public record Stroke(int classIndex, int z, int[] x, int[] y, String source) {

		public Stroke {
			Checks.require(classIndex >= 0 && classIndex <= ScribbleClasses.MAX_CLASS, "class of " +
				source, "0.." + ScribbleClasses.MAX_CLASS + ", got " + classIndex);
			Checks.require(x != null && y != null && x.length == y.length, "pixels of " + source,
				"as many x as y positions");
			x = x.clone();
			y = y.clone();
		}
	}

	/**
	 * The label volume and what went into it.
	 *
	 * @param labels unsigned 8-bit, planar (one array per slice, as ImageJ stacks), the image's size,
	 *          255 = unlabelled
	 * @param voxelsPerClass labelled voxels per class index (length = highest class + 1)
	 * @param conflicts voxels left unlabelled because strokes of different classes met there
	 * @param sources strokes rasterised (or Labkit label values read)
	 */
	public record Result(Img<UnsignedByteType> labels, long[] voxelsPerClass, long conflicts,
		int sources)
	{

		/** e.g. "5 source(s): class 0: 310 voxels; class 1: 95 voxels; 2 conflicting voxel(s) unlabelled". */
		public String summary() {
			final StringBuilder sb = new StringBuilder(sources + " source(s):");
			for (int c = 0; c < voxelsPerClass.length; c++)
				if (voxelsPerClass[c] > 0) sb.append(" class ").append(c).append(": ").append(
					voxelsPerClass[c]).append(" voxels;");
			return sb.append(' ').append(conflicts).append(" conflicting voxel(s) unlabelled").toString();
		}
	}

	/** A value no class uses, marking a voxel two classes claimed (during rasterisation). */
	private static final int CONFLICT = -1;

	private Scribbles() {}

	/**
	 * @param dims the image's size (x, y, z)
	 * @throws IllegalArgumentException naming the stroke whose slice lies outside the image
	 */
	public static Result rasterise(final long[] dims, final List<Stroke> strokes) {
		Checks.require(dims != null && dims.length == 3, "image size", "3 values (x, y, z), got " +
			Arrays.toString(dims));
		final Img<UnsignedByteType> labels = PlanarImgs.unsignedBytes(dims);
		final int[] claim = new int[Math.toIntExact(dims[0] * dims[1] * dims[2])];
		Arrays.fill(claim, SparseLabels.UNLABELLED);
		for (final Stroke s : strokes) {
			Checks.require(s.z() >= 0 && s.z() < dims[2], "slice of " + s.source(), "1.." + dims[2] +
				" (1-based), got " + (s.z() + 1));
			for (int i = 0; i < s.x().length; i++) {
				final int x = s.x()[i], y = s.y()[i];
				if (x < 0 || y < 0 || x >= dims[0] || y >= dims[1]) continue;
				final int k = (int) ((s.z() * dims[1] + y) * dims[0] + x);
				final int was = claim[k];
				claim[k] = was == SparseLabels.UNLABELLED || was == s.classIndex() ? s.classIndex()
					: CONFLICT;
			}
		}
		int highest = -1;
		for (final int c : claim)
			if (c != SparseLabels.UNLABELLED) highest = Math.max(highest, c);
		final long[] perClass = new long[highest + 1];
		long conflicts = 0;
		final RandomAccess<UnsignedByteType> ra = labels.randomAccess();
		int k = 0;
		for (int z = 0; z < dims[2]; z++)
			for (int y = 0; y < dims[1]; y++)
				for (int x = 0; x < dims[0]; x++, k++) {
					final int c = claim[k];
					if (c == CONFLICT) conflicts++;
					else if (c != SparseLabels.UNLABELLED) perClass[c]++;
					ra.setPositionAndGet(x, y, z).set(c == CONFLICT ? SparseLabels.UNLABELLED : c);
				}
		return new Result(labels, perClass, conflicts, strokes.size());
	}
}
