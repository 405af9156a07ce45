package org.transvw.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.transvw.common.RandomStreams;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

public class CoordinateSamplerTest {

	private static final int[] PATCH = { 16, 16, 8 };

	/** Dense tissue (1) everywhere except an air box (0) [x0, x1) x all y x all z. */
	private static Img<FloatType> airBox(final long[] dims, final int x0, final int x1) {
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			final int x = c.getIntPosition(0);
			c.get().set(x >= x0 && x < x1 ? 0 : 1);
		}
		return img;
	}

	@Test
	public void referenceRangesAreReproducedFor512Ct() {
		// setup: the reference patch 64 x 64 x 32 on a 512 x 512 x 256 CT
		final CropGeometry g = CropGeometry.forPatch(64, 64, 32);
		final CoordinateSampler s = new CoordinateSampler(g, CoordinateRules.defaults(g.patch(),
			TissueCriterion.lung()));
		// process
		final long[] x = s.range(0, 512), z = s.range(2, 256);
		// test: x in [100, 512 - 64 - 1 - 100] = [100, 347]; z in [30, 256 - 32 - 3 - 1 - 30]
		assertEquals(100, x[0]);
		assertEquals(347, x[1]);
		assertEquals(30, z[0]);
		assertEquals(190, z[1]);
		assertEquals(50, g.minScale());
		assertEquals(79, g.maxScale());
		assertEquals(-10, g.jitterLow());
		assertEquals(9, g.jitterHigh());
	}

	@Test
	public void coordinatesRespectMarginsDistanceAndCriterionInEveryPatient() {
		// setup: two patients of different sizes; air only in x in [20, 44)
		final CropGeometry g = CropGeometry.forPatch(PATCH);
		final CoordinateRules rules = CoordinateRules.defaults(PATCH, TissueCriterion.lung());
		final CoordinateSampler s = new CoordinateSampler(g, rules);
		final long[] big = { 80, 80, 48 }, small = { 64, 70, 40 };
		final Img<FloatType> ref = airBox(big, 20, 44);
		final RandomStreams rng = RandomStreams.seeded(7);
		final List<long[]> previous = new ArrayList<>();
		// process
		for (int w = 0; w < 12; w++) {
			final Optional<long[]> c = s.sample(List.of(big, small), ref, previous, rng);
			assertTrue("word " + w, c.isPresent());
			previous.add(c.get());
		}
		// test
		for (int i = 0; i < previous.size(); i++) {
			final long[] c = previous.get(i);
			for (final long[] dims : List.of(big, small))
				for (int d = 0; d < 3; d++) {
					final long[] r = s.range(d, dims[d]);
					assertTrue("axis " + d + " lo", c[d] >= r[0] && c[d] >= rules.margin(d, dims[d]));
					assertTrue("axis " + d + " hi", c[d] <= r[1]);
					assertTrue(c[d] + PATCH[d] + rules.margin(d, dims[d]) < dims[d]);
				}
			// each dense x column is 1/16 = 6.25 % of the cube: at most 2 within 15 %
			int dense = 0;
			for (long x = c[0]; x < c[0] + 16; x++)
				if (x < 20 || x >= 44) dense++;
			assertTrue("lung criterion: " + dense + " dense columns", dense <= 2);
			for (int j = 0; j < i; j++) {
				final long[] p = previous.get(j);
				final double dist = Math.sqrt(Math.pow(c[0] - p[0], 2) + Math.pow(c[1] - p[1], 2) +
					Math.pow(c[2] - p[2], 2));
				assertTrue("distance " + dist, dist >= rules.minDistance());
			}
		}
	}

	@Test
	public void noValidTissueGivesUpAfterTheTrials() {
		// setup: dense everywhere
		final CropGeometry g = CropGeometry.forPatch(PATCH);
		final CoordinateSampler s = new CoordinateSampler(g, CoordinateRules.defaults(PATCH,
			TissueCriterion.lung()));
		final long[] dims = { 64, 64, 40 };
		// process + test
		assertFalse(s.sample(List.<long[]> of(dims), airBox(dims, 0, 0), List.of(), RandomStreams
			.seeded(1)).isPresent());
		assertTrue(s.sample(List.<long[]> of(dims), airBox(dims, 0, 0), List.of(), RandomStreams
			.seeded(1)).isEmpty());
		// the foreground criterion accepts the same dense volume
		final CoordinateSampler fg = new CoordinateSampler(g, CoordinateRules.defaults(PATCH,
			TissueCriterion.foreground()));
		assertTrue(fg.sample(List.<long[]> of(dims), airBox(dims, 0, 0), List.of(), RandomStreams
			.seeded(1)).isPresent());
	}

	@Test
	public void lungTestWeighsTheLookAheadLikeTheReference() {
		// setup: a 4 x 4 x 4 cube + 3 look-ahead slices; dense only in slice z = 4
		final Img<FloatType> img = ArrayImgs.floats(4, 4, 8);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(c.getIntPosition(2) == 4 ? 1 : 0);
		}
		final int[] cube = { 4, 4, 4 };
		// process: d = 3 sees dense at k = 1 (weight 0.5), d = 2 at k = 2 (weight 0)
		// so dense = 16 * 0.5 = 8 of 64 voxels = 12.5 %
		final boolean at15 = new TissueCriterion.Lung(0.425, 0.15, 3).accepts(img, new long[3],
			cube);
		final boolean at12 = new TissueCriterion.Lung(0.425, 0.12, 3).accepts(img, new long[3],
			cube);
		// test
		assertTrue(at15);
		assertFalse(at12);
	}

	@Test
	public void tooSmallVolumeIsNamedWithTheLimit() {
		final CropGeometry g = CropGeometry.forPatch(PATCH);
		final CoordinateSampler s = new CoordinateSampler(g, CoordinateRules.defaults(PATCH,
			TissueCriterion.lung()));
		try {
			s.requireLargeEnough("case_007.nii.gz", new long[] { 64, 64, 12 });
			fail("12 slices cannot hold an 8-slice patch plus margins");
		}
		catch (final IllegalArgumentException e) {
			assertTrue(e.getMessage(), e.getMessage().startsWith("case_007.nii.gz: too small along z"));
			final long min = s.minimumSize(2);
			assertTrue(e.getMessage(), e.getMessage().contains("at least " + min));
			s.requireLargeEnough("ok", new long[] { 64, 64, min });
		}
	}
}
