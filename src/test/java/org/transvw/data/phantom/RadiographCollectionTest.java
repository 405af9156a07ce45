package org.transvw.data.phantom;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeCollection;
import org.transvw.data.io.VolumeIO;

/** Writing phantom radiographs as TIFF and NIfTI, and reading them back. */
public class RadiographCollectionTest {

	private static final RadiographConfig SMALL = RadiographConfig.defaults().withSize(64, 64);

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void writesImagesLabelsAndCsvThatReadBack() throws IOException {
		for (final String ending : List.of(".tif", ".nii.gz")) {
			// setup
			final Path folder = tmp.newFolder("xray" + ending.length()).toPath();
			// process
			RadiographCollection.write(SMALL, 3, 2, folder, ending, Progress.NONE, Cancellation.NEVER);
			// test: images are the generated line integrals with their spacing, labels 0/1
			for (int i = 0; i < 2; i++) {
				final RadiographCase c = RadiographPhantom.generate(SMALL, 3, i);
				final Volume image = VolumeIO.read(folder.resolve("images/case_00" + i + ending), 2);
				assertArrayEquals(new long[] { 64, 64 }, image.dimensions());
				assertArrayEquals(SMALL.spacing(), image.spacing(), 1e-5);
				assertArrayEquals(DrrTest.pixels(c.image()), DrrTest.pixels(image), 0);
				assertEquals(Modality.XRAY, image.modality());
				final Volume label = VolumeIO.read(folder.resolve("labels/case_00" + i + ending), 2);
				assertArrayEquals(DrrTest.pixels(c.image().withPixels(c.lesions(), c.image()
					.normalization())), DrrTest.pixels(label), 0);
			}
			if (ending.equals(".nii.gz")) assertArrayEquals("NIfTI keeps the direction",
				new double[] { -1, 0, 0, -1 }, VolumeIO.read(folder.resolve("images/case_000" + ending))
					.direction(), 1e-6);
			final List<String> csv = Files.readAllLines(folder.resolve("radiograph.csv"));
			assertEquals(RadiographCollection.CSV_HEADER, csv.get(0));
			assertEquals(3, csv.size());
			assertTrue(csv.get(1), csv.get(1).startsWith("case_000,0,"));
			assertTrue(csv.get(2), csv.get(2).contains(",3,1,64,64,5.4,5.0,100000.0,0.02059"));
			assertEquals(2, VolumeCollection.open(folder).size());
		}
	}

	@Test
	public void cancelStopsBetweenCasesWithoutCsvAndBadFormatIsNamed() throws IOException {
		final Path folder = tmp.newFolder("cancelled").toPath();
		final Cancellation cancel = Cancellation.create();
		try {
			RadiographCollection.write(SMALL, 1, 5, folder, ".tif", (f, m) -> {
				if (f > 0) cancel.cancel();
			}, cancel);
			fail("cancel must stop the run");
		}
		catch (final CancellationException e) {
			assertTrue(Files.exists(folder.resolve("images/case_000.tif")));
			assertFalse(Files.exists(folder.resolve("images/case_002.tif")));
			assertFalse(Files.exists(folder.resolve("radiograph.csv")));
		}
		try {
			RadiographCollection.write(SMALL, 1, 1, folder, ".png", Progress.NONE, Cancellation.NEVER);
			fail("PNG is not a writable format");
		}
		catch (final IllegalArgumentException e) {
			assertEquals("format: expected one of [.tif, .nii, .nii.gz], got .png", e.getMessage());
		}
	}
}
