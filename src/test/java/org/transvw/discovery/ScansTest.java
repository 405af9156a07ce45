package org.transvw.discovery;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.data.IntensityMap;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.geometry.GeometryPlan;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Self-discovery sees every scan on the collection's target spacing in RAS: the auto-encoder grid
 * and the cubes are taken from these, so a word's physical size is the same in every patient.
 */
public class ScansTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static void write(final Path dir, final String name, final long[] dims,
		final double[] spacing, final double[] direction) throws IOException
	{
		final Img<FloatType> img = ArrayImgs.floats(dims);
		final Cursor<FloatType> c = img.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			c.get().set(-1000 + 40 * c.getIntPosition(0) + c.getIntPosition(2));
		}
		VolumeIO.write(new Grid(dims, spacing, new double[3], direction).on(img, Modality.OTHER,
			IntensityMap.raw()), dir.resolve(name));
	}

	@Test
	public void scansAreResampledOnceToTheMedianSpacingInRas() throws IOException {
		// setup: CT-like scans (no modality tag) at three spacings, one of them LPS
		final Path dir = tmp.newFolder("ct").toPath();
		write(dir, "a.nii", new long[] { 40, 40, 20 }, new double[] { 1, 1, 2 }, Volume.identity(3));
		write(dir, "b.nii", new long[] { 20, 20, 10 }, new double[] { 2, 2, 4 }, new double[] { -1, 0,
			0, 0, -1, 0, 0, 0, 1 });
		write(dir, "c.nii", new long[] { 27, 27, 14 }, new double[] { 1.5, 1.5, 3 }, Volume.identity(
			3));
		final VolumeCollection collection = VolumeCollection.open(dir);
		final Path cache = tmp.newFolder("cache").toPath();
		// process
		final InputPlan plan = Scans.plan(collection, InputOptions.defaults());
		final Scans scans = new Scans(collection, plan, cache);
		// test: CT detected, its window, the median target; every scan RAS on it
		assertEquals(Modality.CT, plan.modality().modality());
		assertEquals(IntensityRecipe.ctDefault(), plan.recipe());
		assertArrayEquals(new double[] { 1.5, 1.5, 3 }, plan.targetSpacing(), 0);
		for (int i = 0; i < 3; i++) {
			final Volume v = scans.volume(i);
			assertEquals("RAS", Grid.of(v).orientationCode());
			// the actual spacing differs from the target by the rounding of the size only
			assertArrayEquals(new double[] { 1.5, 1.5, 3 }, v.spacing(), 0.1);
			assertEquals(Modality.CT, v.modality());
			assertTrue(v.dimensions()[0] >= 26 && v.dimensions()[0] <= 27);
		}
		// b (LPS) was flipped: its intensity now decreases along x, as world x runs the other way
		final float[] row = new float[2];
		final var ra = scans.volume(1).pixels().randomAccess();
		ra.setPosition(new long[] { 2, 5, 3 });
		row[0] = ra.get().getRealFloat();
		ra.setPosition(new long[] { 20, 5, 3 });
		row[1] = ra.get().getRealFloat();
		assertTrue(row[0] + " then " + row[1], row[1] < row[0]);
		// resampled scans are kept with their plans and read back by a later run
		final Path prepared;
		try (Stream<Path> s = Files.list(cache)) {
			prepared = s.filter(p -> p.getFileName().toString().startsWith("prepared-")).findFirst()
				.orElseThrow();
		}
		assertTrue(Files.isRegularFile(prepared.resolve("1.nii")));
		final GeometryPlan g = GeometryPlan.fromJson(Files.readString(prepared.resolve(
			"1.geometry.json")));
		assertEquals(Grid.of(collection.load(1)), g.original());
		final Scans again = new Scans(collection, plan, cache);
		assertArrayEquals(scans.volume(2).dimensions(), again.volume(2).dimensions());
		// normalised with the CT window: about -1000 HU at the corner -> about 0
		assertEquals(0, again.normalized(0).randomAccess().setPositionAndGet(0, 0, 0).get(), 0.02f);
	}
}
