package org.transvw.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.ShortType;

/** Bad collections fail before any network is trained, naming the file and the limit. */
public class SelfDiscoveryBadInputTest {

	@Rule
	public TemporaryFolder tmp = new TemporaryFolder();

	private static final SelfDiscoveryConfig CONFIG = SelfDiscoveryConfig.defaults().withPatch(8,
		8, 4).withExtractor(ExtractorSettings.defaults().withGrid(16, 16, 8).withNetwork(4, true)
			.withDevice("cpu"));

	private static void write(final Path dir, final String name, final Modality m,
		final long... dims) throws Exception
	{
		final Img<ShortType> img = ArrayImgs.shorts(dims);
		for (final ShortType t : img)
			t.set((short) -800);
		VolumeIO.write(Volume.of(img, new double[] { 1, 1, 1 }, m), dir.resolve(name));
	}

	private void expectFailure(final Path in, final SelfDiscoveryConfig config,
		final String message) throws Exception
	{
		try {
			SelfDiscovery.run(in, tmp.newFolder().toPath(), config, Progress.NONE,
				Cancellation.NEVER);
			fail("expected: " + message);
		}
		catch (final IllegalArgumentException e) {
			assertEquals(message, e.getMessage());
		}
	}

	@Test
	public void collectionSmallerThanKOrC() throws Exception {
		final Path in = tmp.newFolder("small").toPath();
		for (int i = 0; i < 5; i++)
			write(in, "p" + i + ".nii.gz", Modality.CT, 48, 48, 24);
		expectFailure(in, CONFIG.withCounts(0, 9, -1),
			"k: expected at most the 4 training patients of the collection, got 9");
		expectFailure(in, CONFIG.withCounts(7, 0, -1), "classes: expected at most 4 (each " +
			"visual word needs its own reference among the 4 training patients), got 7");
	}

	@Test
	public void volumeSmallerThanPatchPlusMargins() throws Exception {
		final Path in = tmp.newFolder("tiny").toPath();
		for (int i = 0; i < 4; i++)
			write(in, "p" + i + ".nii.gz", Modality.CT, 48, 48, 24);
		write(in, "tiny.nii.gz", Modality.CT, 48, 48, 9);
		final long min = new CoordinateSampler(CONFIG.crops(), CONFIG.rules()).minimumSize(2);
		expectFailure(in, CONFIG, "tiny.nii.gz: too small along z (9 voxels) for patch 4 plus " +
			"margins, look-ahead and crop jitter; needs at least " + min + " voxels");
		assertTrue(min > 9);
	}

	@Test
	public void mixedModalities() throws Exception {
		final Path in = tmp.newFolder("mixed").toPath();
		for (int i = 0; i < 3; i++)
			write(in, "a" + i + ".nii.gz", Modality.CT, 48, 48, 24);
		write(in, "b.nii.gz", Modality.MR, 48, 48, 24);
		expectFailure(in, CONFIG, "modality: expected one modality for the collection (CT: " +
			"recorded in a0.nii.gz (DICOM Modality tag or TransVW header)), got MR: recorded in " +
			"b.nii.gz (DICOM Modality tag or TransVW header); give modality= to treat them alike, " +
			"or split the collection");
	}
}
