package org.transvw.data.prepare;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityMap;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.Grid;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * One plan for a collection of mixed sizes, spacings and orientations: the median target, the
 * bundle's spacing by default, its warning, and the bad input of the geometry step.
 */
public class InputPlanTest {

	private static final double[] LPS = { -1, 0, 0, 0, -1, 0, 0, 0, 1 };

	/** An MR-like ramp (non-negative, no modality in the header) on a grid. */
	private static Volume mr(final long[] dims, final double[] spacing, final double[] direction) {
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(10 * c.getIntPosition(0) + c.getIntPosition(2));
		}
		return new Grid(dims, spacing, new double[3], direction).on(img, Modality.OTHER, IntensityMap
			.raw());
	}

	private static InputPlan plan(final List<Volume> volumes, final InputOptions o,
		final InputConvention bundle)
	{
		return InputPlan.decide(List.of("a.nii", "b.nii"), volumes.stream().map(Grid::of).toList(),
			volumes.get(0), o, bundle);
	}

	@Test
	public void mixedSpacingsAndOrientationsGoToTheMedianInRas() {
		// setup: 1 mm RAS and 2 x 2 x 3 mm LPS
		final Volume a = mr(new long[] { 40, 40, 30 }, new double[] { 1, 1, 1 }, Volume
			.identity(3));
		final Volume b = mr(new long[] { 20, 20, 10 }, new double[] { 2, 2, 3 }, LPS);
		// process
		final InputPlan p = plan(List.of(a, b), InputOptions.defaults(), null);
		// test: MR detected and its default recipe; target the median; every volume RAS there
		assertEquals(Modality.MR, p.modality().modality());
		assertEquals(IntensityRecipe.percentileDefault(), p.recipe());
		assertArrayEquals(new double[] { 1.5, 1.5, 2 }, p.targetSpacing(), 1e-12);
		assertTrue(p.notes().get(2), p.notes().get(2).startsWith("spacing [1.5, 1.5, 2] mm: the " +
			"median of the 2 volumes' spacings"));
		for (final Volume v : List.of(a, b)) {
			final PreparedVolume prepared = p.prepare(v, "v");
			final Grid g = Grid.of(prepared.image());
			assertEquals("RAS", g.orientationCode());
			assertArrayEquals(new double[] { 1.5, 1.5, 2 }, g.spacing(), 0.06);
			assertEquals(Modality.MR, prepared.image().modality());
			assertEquals(IntensityRecipe.percentileDefault(), prepared.image().normalization().recipe());
			assertEquals(Grid.of(v), prepared.plan().original());
		}
		assertEquals(new InputConvention(Modality.MR, IntensityRecipe.percentileDefault(),
			new double[] { 1.5, 1.5, 2 }, InputConvention.RAS), p.convention());
	}

	@Test
	public void aBundlesSpacingIsTheDefaultAndFarCollectionsAreWarned() {
		final Volume a = mr(new long[] { 40, 40, 30 }, new double[] { 1, 1, 1 }, Volume.identity(3));
		final Volume b = mr(new long[] { 20, 20, 10 }, new double[] { 2, 2, 3 }, LPS);
		final InputConvention bundle = new InputConvention(Modality.MR, IntensityRecipe
			.percentileDefault(), new double[] { 1, 1, 1 }, InputConvention.RAS);
		final InputPlan p = plan(List.of(a, b), InputOptions.defaults(), bundle);
		assertArrayEquals(new double[] { 1, 1, 1 }, p.targetSpacing(), 0);
		assertEquals(1, p.warnings().size());
		assertTrue(p.warnings().get(0), p.warnings().get(0).startsWith("spacing: 1 of 2 volumes " +
			"differ from the bundle's training spacing [1, 1, 1] mm by more than 2.0x on some axis: " +
			"b.nii [2, 2, 3] mm (z 3.00x)"));
		// spacing=median overrides the bundle's, and says how far that is from it
		final InputPlan m = plan(List.of(a, b), InputOptions.defaults().withSpacing("median"), bundle);
		assertArrayEquals(new double[] { 1.5, 1.5, 2 }, m.targetSpacing(), 1e-12);
		assertTrue(m.warnings().toString(), m.warnings().isEmpty());
		final InputPlan x = plan(List.of(a, b), InputOptions.defaults().withSpacing("3"), bundle);
		assertTrue(x.warnings().toString(), x.warnings().get(0).startsWith("spacing: the volumes are " +
			"used at [3, 3, 3] mm, up to 3.00x from the bundle's training spacing [1, 1, 1] mm"));
		assertEquals(null, plan(List.of(a, b), InputOptions.defaults().withSpacing("native"), null)
			.targetSpacing());
	}

	@Test
	public void labelsFollowByNearestNeighbourAndMustShareTheirImagesGrid() {
		final Volume image = mr(new long[] { 12, 12, 6 }, new double[] { 1, 1, 2 }, LPS);
		final Img<UnsignedByteType> lab = ArrayImgs.unsignedBytes(12, 12, 6);
		int i = 0;
		for (final UnsignedByteType t : lab)
			t.set(i++ % 7 == 0 ? 255 : i % 2);
		final Volume labels = Grid.of(image).on(lab, Modality.OTHER, IntensityMap.raw());
		final InputPlan p = InputPlan.decide(List.of("a.nii"), List.of(Grid.of(image)), image,
			InputOptions.defaults().withSpacing("0.7"), null);
		final PreparedVolume v = p.prepare(image, "a");
		final Volume onGrid = p.prepareLabels(v, labels, "a_labels.nii");
		assertArrayEquals(v.image().dimensions(), onGrid.dimensions());
		final Set<Double> values = new HashSet<>();
		for (final RealType<?> t : Views.iterable(onGrid.pixels()))
			values.add(t.getRealDouble());
		assertEquals(Set.of(0.0, 1.0, 255.0), values);
		// labels on another grid are refused, naming both grids
		final Volume shifted = new Grid(new long[] { 12, 12, 6 }, new double[] { 1, 1, 2 },
			new double[] { 5, 0, 0 }, LPS).on(lab, Modality.OTHER, IntensityMap.raw());
		try {
			p.prepareLabels(v, shifted, "a_labels.nii");
			fail("labels on another grid must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("labels: expected the grid of their " +
				"image a ([12, 12, 6] voxels of [1, 1, 2] mm, origin [0, 0, 0] mm, LPS), got " +
				"a_labels.nii on [12, 12, 6] voxels of [1, 1, 2] mm, origin [5, 0, 0] mm, LPS"));
		}
	}

	@Test
	public void obliqueGridsAndMixedModalitiesAreRefusedWithTheReason() {
		final double c = Math.cos(Math.toRadians(10)), s = Math.sin(Math.toRadians(10));
		final Volume oblique = mr(new long[] { 8, 8, 8 }, new double[] { 1, 1, 1 }, new double[] { c,
			-s, 0, s, c, 0, 0, 0, 1 });
		final Volume straight = mr(new long[] { 8, 8, 8 }, new double[] { 1, 1, 1 }, Volume
			.identity(3));
		final InputPlan p = InputPlan.decide(List.of("s.nii"), List.of(Grid.of(straight)), straight,
			InputOptions.defaults().withSpacing("native"), null);
		try {
			p.prepare(oblique, "tilted.nii");
			fail("an oblique grid must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("tilted.nii: direction: expected " +
				"voxel axes along the world axes within"));
			assertTrue(e.getMessage(), e.getMessage().contains("at 10.0 degrees from the nearest " +
				"world axis"));
		}
		final float[] hu = { -1024, 40, 1200, 300 };
		final Volume ct = Volume.of(ArrayImgs.floats(hu, 4, 1, 1), new double[] { 1, 1, 1 },
			Modality.OTHER);
		try {
			p.prepare(ct, "ct.nii");
			fail("a CT among MR volumes must be refused");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("modality: expected one modality for " +
				"the collection (MR: s.nii has intensities"));
		}
	}
}
