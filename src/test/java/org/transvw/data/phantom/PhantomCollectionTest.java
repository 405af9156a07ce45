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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;

public class PhantomCollectionTest {

	private static final PhantomConfig SMALL = PhantomConfig.defaults().withSize(64, 64, 32);

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	@Test
	public void writesImagesLabelsAndCsv() throws IOException {
		// setup
		final Path dir = tmp.getRoot().toPath().resolve("phantom");
		final AtomicInteger reports = new AtomicInteger();
		// process
		PhantomCollection.write(SMALL, 3, 2, dir, (f, m) -> reports.incrementAndGet(),
			Cancellation.NEVER);
		// test
		final List<String> csv = Files.readAllLines(dir.resolve("phantom.csv"));
		assertEquals(PhantomCollection.CSV_HEADER, csv.get(0));
		assertEquals(3, csv.size());
		assertTrue(csv.get(2), csv.get(2).startsWith("case_001,1,"));
		assertTrue(reports.get() >= 3);
		for (int i = 0; i < 2; i++) {
			final PhantomCase c = ChestPhantom.generate(SMALL, 3, i);
			final Volume img = VolumeIO.read(dir.resolve("images/case_00" + i + ".nii.gz"));
			final Volume lab = VolumeIO.read(dir.resolve("labels/case_00" + i + ".nii.gz"));
			assertEquals(Modality.CT, img.modality());
			assertArrayEquals(c.ct().spacing(), img.spacing(), 1e-6);
			assertArrayEquals(c.ct().origin(), img.origin(), 1e-4);
			final float[] expected = ChestPhantomTest.floats(c.ct().pixels());
			final float[] read = ChestPhantomTest.floats(img.pixels());
			for (int o = 0; o < expected.length; o++)
				assertEquals("HU are stored rounded", expected[o], read[o], 0.5);
			assertArrayEquals(ChestPhantomTest.floats(c.lesions()), ChestPhantomTest.floats(lab
				.pixels()), 0);
			final long voxels = Long.parseLong(csv.get(i + 1).split(",")[3]);
			double sum = 0;
			for (final float m : ChestPhantomTest.floats(lab.pixels()))
				sum += m;
			assertEquals(voxels, sum, 0);
		}
	}

	@Test
	public void cancelStopsBetweenCasesWithoutCsv() throws IOException {
		final Path dir = tmp.getRoot().toPath().resolve("cancelled");
		final Cancellation cancel = Cancellation.create();
		final Progress cancelAfterFirst = (f, m) -> {
			if (m.startsWith("phantom case 2")) cancel.cancel();
		};
		try {
			PhantomCollection.write(SMALL, 3, 3, dir, cancelAfterFirst, cancel);
			fail("expected cancellation");
		}
		catch (final CancellationException e) {
			assertTrue(Files.exists(dir.resolve("images/case_000.nii.gz")));
			assertFalse(Files.exists(dir.resolve("phantom.csv")));
		}
	}
}
