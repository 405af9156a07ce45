package org.transvw.finetuning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.Volume;
import org.transvw.data.geometry.GeometryChecks;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.VolumeCollection;
import org.transvw.evaluation.SegmentationEvaluation;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Reads a folder of predictions (or images) and a folder of labels whose volumes are matched by
 * file name (without ending), e.g. {@code predictions/case_000.nii.gz} with
 * {@code labels/case_000.nii.gz}, for an evaluation: every prediction must lie on its labels'
 * grid (same size, spacing, origin and direction; refused naming both grids otherwise), so the
 * scores are taken on the grid the labels were drawn on (*Segment volume* writes its outputs on
 * its input's grid). Nothing is normalised or resampled. Fine-tuning reads its labelled
 * collections with {@link SegmentationData}.
 */
public final class LabelledFolders {

	private LabelledFolders() {}

	/** One matched case: its name, the prediction (or image) and the label volume. */
	public record Pair(String name, Volume image, Volume labels) {}

	/** Matched pairs as the cases of an evaluation: prediction = image, truth = labels. */
	public static SegmentationEvaluation.CaseSource asCases(final List<Pair> pairs) {
		return new SegmentationEvaluation.CaseSource() {

			@Override
			public int size() {
				return pairs.size();
			}

			@Override
			public String name(final int i) {
				return pairs.get(i).name();
			}

			@Override
			public RandomAccessibleInterval<? extends RealType<?>> prediction(final int i) {
				return pairs.get(i).image().pixels();
			}

			@Override
			public RandomAccessibleInterval<? extends RealType<?>> truth(final int i) {
				return pairs.get(i).labels().pixels();
			}
		};
	}

	/**
	 * @param voxel the voxel size (mm) of files that state none ({@code voxel=}), or null
	 * @throws IOException naming the folder or file that cannot be read, or an image without label
	 * @throws IllegalArgumentException naming both grids when a prediction is not on its labels'
	 */
	public static List<Pair> read(final Path images, final Path labels, final double[] voxel,
		final Progress progress, final Cancellation cancel) throws IOException
	{
		final VolumeCollection im = VolumeCollection.open(images).withVoxel(voxel);
		final VolumeCollection lb = VolumeCollection.open(labels).withVoxel(voxel);
		final Map<String, Integer> byName = new HashMap<>();
		for (int i = 0; i < lb.size(); i++)
			byName.put(lb.name(i), i);
		final List<Pair> out = new ArrayList<>();
		// every case has the first's dimensionality: volumes (3D) or 2D images
		final int dims = im.size() == 0 ? 3 : im.grid(0).numDimensions();
		for (int i = 0; i < im.size(); i++) {
			cancel.check();
			progress.report((double) i / im.size(), "reading " + im.name(i));
			final Integer j = byName.get(im.name(i));
			if (j == null) throw new IOException(labels + ": no label volume named " + im.name(i) +
				" (labels are matched to images by file name)");
			final Volume image = im.load(i, dims);
			final Volume label = lb.load(j, dims);
			GeometryChecks.requireSameGrid(Grid.of(image), im.displayName(i), Grid.of(label), lb
				.displayName(j));
			out.add(new Pair(im.name(i), image, label));
		}
		return out;
	}
}
