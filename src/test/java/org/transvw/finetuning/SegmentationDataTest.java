package org.transvw.finetuning;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityMap;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.prepare.InputOptions;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Fine-tuning data: mixed sizes, spacings and orientations prepared onto one grid, split by
 * volume into training, validation and a held-out test set that never overlap.
 */
public class SegmentationDataTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static final double[] LPS = { -1, 0, 0, 0, -1, 0, 0, 0, 1 };

	/** Case i: an MR-like image (no modality in the header) and a label box with 255 slices. */
	static void writeCase(final Path root, final String name, final long[] dims,
		final double[] spacing, final double[] direction) throws IOException
	{
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Img<UnsignedByteType> lab = ArrayImgs.unsignedBytes(dims);
		final Cursor<FloatType> c = img.localizingCursor();
		final Cursor<UnsignedByteType> l = lab.cursor();
		while (c.hasNext()) {
			c.fwd();
			l.fwd();
			boolean inside = true;
			for (int d = 0; d < 3; d++)
				inside &= Math.abs(c.getIntPosition(d) - dims[d] / 2.0) < dims[d] / 4.0;
			c.get().set(inside ? 800 : 100 + c.getIntPosition(0));
			l.get().set(c.getIntPosition(2) % 4 == 1 ? 255 : inside ? 1 : 0);
		}
		final Grid g = new Grid(dims, spacing, new double[] { 3, -4, 5 }, direction);
		Files.createDirectories(root.resolve("images"));
		Files.createDirectories(root.resolve("labels"));
		VolumeIO.write(g.on(img, Modality.OTHER, IntensityMap.raw()), root.resolve("images").resolve(
			name + ".nii.gz"));
		VolumeIO.write(g.on(lab, Modality.OTHER, IntensityMap.raw()), root.resolve("labels").resolve(
			name + ".nii.gz"));
	}

	private Path collection(final String folder, final int n) throws IOException {
		final Path root = tmp.newFolder(folder).toPath();
		for (int i = 0; i < n; i++)
			writeCase(root, "case_" + i, i % 2 == 0 ? new long[] { 24, 24, 16 } : new long[] { 16, 16,
				8 }, i % 2 == 0 ? new double[] { 1, 1, 1.5 } : new double[] { 1.5, 1.5, 3 }, i % 3 == 0
					? LPS : Volume.identity(3));
		return root;
	}

	private static Set<String> names(final List<LabelledCase> cases) {
		final Set<String> s = new HashSet<>();
		for (final LabelledCase c : cases)
			s.add(c.name());
		return s;
	}

	@Test
	public void splitsByVolumeWithAHeldOutTestSet() throws IOException {
		// setup
		final Path root = collection("six", 6);
		// process
		final FineTuneData d = SegmentationData.read(new SegmentationData.Sources(root.resolve(
			"images"), root.resolve("labels"), null, null), InputOptions.defaults(), null,
			new SegmentationData.Split(0.25, 0.34, 5), Progress.NONE, Cancellation.NEVER);
		// test: 2 test, 1 validation, 3 training volumes, pairwise disjoint, all used
		assertEquals(2, d.test().size());
		assertEquals(1, d.validation().size());
		assertEquals(3, d.train().size());
		final Set<String> all = new HashSet<>(names(d.train()));
		all.addAll(names(d.validation()));
		all.addAll(names(d.test()));
		assertEquals(6, all.size());
		// every case on the median grid (1.25, 1.25, 2.25 mm) in RAS, labels too, 255 kept
		assertEquals(Modality.MR, d.input().modality());
		assertArrayEquals(new double[] { 1.25, 1.25, 2.25 }, d.input().spacing(), 1e-9);
		final List<LabelledCase> cases = new ArrayList<>(d.train());
		cases.addAll(d.test());
		for (final LabelledCase c : cases) {
			assertNotNull(c.name(), c.plan());
			assertEquals(c.name(), "RAS", c.plan().processed().orientationCode());
			assertArrayEquals(c.plan().processed().dims(), c.labels().dimensionsAsLongArray());
			assertArrayEquals(c.plan().original().dims(), c.originalLabels().dimensionsAsLongArray());
			boolean unlabelled = false;
			for (final var t : net.imglib2.view.Views.iterable(c.labels()))
				unlabelled |= t.getRealDouble() == 255;
			assertTrue(c.name(), unlabelled);
		}
		assertTrue(d.provenance().get("spacingReason").toString().startsWith("the median"));
	}

	@Test
	public void aTestCollectionIsTheTestSetAndABundleSetsTheSpacing() throws IOException {
		final Path root = collection("train", 3);
		final Path test = collection("test", 2);
		final InputConvention bundle = new InputConvention(Modality.MR, IntensityRecipe
			.percentileDefault(), new double[] { 2, 2, 2 }, InputConvention.RAS);
		final FineTuneData d = SegmentationData.read(new SegmentationData.Sources(root.resolve(
			"images"), root.resolve("labels"), test.resolve("images"), test.resolve("labels")),
			InputOptions.defaults(), bundle, new SegmentationData.Split(0.3, 0.5, 5), Progress.NONE,
			Cancellation.NEVER);
		assertEquals(2, d.test().size());
		assertEquals(3, d.train().size() + d.validation().size());
		assertArrayEquals(new double[] { 2, 2, 2 }, d.input().spacing(), 0);
		for (final LabelledCase c : d.test())
			assertArrayEquals(new double[] { 2, 2, 2 }, c.plan().processed().spacing(), 0.3);
	}

	@Test
	public void labelsOnAnotherGridAreRefusedNamingBoth() throws IOException {
		final Path root = collection("bad", 2);
		final Img<UnsignedByteType> lab = ArrayImgs.unsignedBytes(24, 24, 16);
		VolumeIO.write(Grid.aligned(new long[] { 24, 24, 16 }, new double[] { 1, 1, 2 },
			new double[3]).on(lab, Modality.OTHER, IntensityMap.raw()), root.resolve("labels").resolve(
				"case_0.nii.gz"));
		try {
			SegmentationData.read(new SegmentationData.Sources(root.resolve("images"), root.resolve(
				"labels"), null, null), InputOptions.defaults(), null, new SegmentationData.Split(0.5, 0,
					1), Progress.NONE, Cancellation.NEVER);
			fail("labels on another grid must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("labels: expected the grid of their " +
				"image case_0 ([24, 24, 16] voxels of [1, 1, 1.5] mm, origin [3, -4, 5] mm, LPS), got " +
				"labels/case_0.nii.gz on [24, 24, 16] voxels of [1, 1, 2] mm"));
		}
	}

	@Test
	public void casesOnTheirOwnGridCarryNoPlan() {
		final LabelledCase c = new LabelledCase("a", ArrayImgs.floats(4, 4, 4), ArrayImgs
			.unsignedBytes(4, 4, 4));
		assertNull(c.plan());
		assertNull(c.originalLabels());
	}
}
