package org.transvw.finetuning;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.common.Cancellation;
import org.transvw.data.IntensityMap;
import org.transvw.data.Modality;
import org.transvw.data.geometry.Grid;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.prepare.InputOptions;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Classification cubes are split by the volume they come from (round 1 split by cube: cubes of
 * one patient landed in training and validation), and each candidate's centre is found on the
 * prepared (RAS) image.
 */
public class ClassificationSplitTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static Set<String> sources(final List<LabelledCube> cubes) {
		final Set<String> s = new HashSet<>();
		for (final LabelledCube c : cubes)
			s.add(c.source());
		return s;
	}

	@Test
	public void noVolumeGivesCubesToTwoSets() throws IOException {
		// setup: 8 CT-like volumes on LPS grids (intensity = 10 x + y + 1000 z - 1024), 3
		// candidates each
		final Path dir = tmp.newFolder("ct").toPath();
		final double[] lps = { -1, 0, 0, 0, -1, 0, 0, 0, 1 };
		final List<String> rows = new ArrayList<>(List.of("image,x,y,z,label"));
		for (int v = 0; v < 8; v++) {
			final Img<FloatType> img = ArrayImgs.floats(20, 18, 6);
			final Cursor<FloatType> c = img.localizingCursor();
			while (c.hasNext()) {
				c.fwd();
				c.get().set(10 * c.getIntPosition(0) + c.getIntPosition(1) + 1000 * c.getIntPosition(2) -
					1024);
			}
			VolumeIO.write(new Grid(new long[] { 20, 18, 6 }, new double[] { 1, 1, 2 }, new double[3],
				lps).on(img, Modality.OTHER, IntensityMap.raw()), dir.resolve("case_" + v + ".nii"));
			for (int k = 0; k < 3; k++)
				rows.add("case_" + v + ".nii," + (4 + 5 * k) + "," + (3 + k) + "," + (1 + k) + "," + (v +
					k) % 2);
		}
		final Path csv = dir.resolve("candidates.csv");
		Files.write(csv, rows);
		// process: prepared as CT (detected), window none so the values stay readable
		final CubeSources.Prepared p = CubeSources.fromTable(csv, new int[] { 8, 8, 8 }, InputOptions
			.parse("", "none", "", "", "", false), null, Cancellation.NEVER);
		for (long seed = 1; seed <= 10; seed++) {
			final ClassificationData d = ClassificationData.split(p.cubes(), 0.25, 0.25, seed, p
				.input());
			// test: volumes of training, validation and test pairwise disjoint; every cube used
			assertTrue(Collections.disjoint(sources(d.train()), sources(d.validation())));
			assertTrue(Collections.disjoint(sources(d.train()), sources(d.test())));
			assertTrue(Collections.disjoint(sources(d.validation()), sources(d.test())));
			assertEquals(2, sources(d.test()).size());
			assertEquals(24, d.train().size() + d.validation().size() + d.test().size());
		}
		// each cube is centred on its candidate's voxel, found through the reorientation
		assertEquals(Modality.CT, p.input().modality().modality());
		final RandomAccess<FloatType> ra = p.cubes().get(4).cube().randomAccess();
		ra.setPosition(new long[] { 4, 4, 4 });
		// candidate 4 is case_1 at (9, 4, 2): 10 * 9 + 4 + 2000 - 1024
		assertEquals(1070, ra.get().get(), 0);
	}
}
