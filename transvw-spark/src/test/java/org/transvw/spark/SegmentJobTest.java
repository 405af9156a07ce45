package org.transvw.spark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.InputConvention;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.phantom.PhantomCollection;
import org.transvw.data.phantom.PhantomConfig;
import org.transvw.data.prepare.InputOptions;
import org.transvw.engine.EngineSession;
import org.transvw.inference.SegmentVolume;
import org.transvw.inference.SegmentationBundle;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;

import ai.djl.Device;
import ai.djl.Model;
import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The Spark job on local[2] against the plain segmenter of the Fiji command: same outputs, a
 * rerun skips finished volumes, a half-written volume is redone, an unreadable volume and a
 * missing bundle are reported in the summary without stopping the job.
 */
public class SegmentJobTest {

	@ClassRule
	public static TemporaryFolder tmp = new TemporaryFolder();

	private static JavaSparkContext sc;
	private static Path data, bundle, plain;

	@BeforeClass
	public static void setUp() throws Exception {
		EngineSession.threads(1);
		data = tmp.newFolder("phantoms").toPath();
		PhantomCollection.write(PhantomConfig.defaults().withSize(32, 32, 16), 5, 3, data,
			Progress.NONE, Cancellation.NEVER);
		Files.writeString(data.resolve(PhantomCollection.IMAGES).resolve("case_bad.nii.gz"),
			"not a NIfTI file");
		// a tiny segmentation bundle (width 4, untrained weights: the test compares code paths)
		final UNet3dConfig c = UNet3d.builder().optBaseWidth(4).optOutput(OutputActivation.SIGMOID)
			.build().config();
		bundle = tmp.getRoot().toPath().resolve("bundle");
		try (Model m = ModelBundle.newModel(c, Device.cpu())) {
			ModelBundle.save(bundle, m, new BundleDescription(c, new int[] { 16, 16, 16 },
				new InputConvention(Modality.CT, org.transvw.data.IntensityRecipe.ctDefault(),
					null, InputConvention.RAS), SegmentationBundle.PRETEXT, 2, Map.of()));
		}
		// the plain segmenter, as the Fiji command runs it
		plain = tmp.newFolder("plain").toPath();
		try (ModelBundle b = SegmentationBundle.load(bundle, Device.cpu())) {
			for (int i = 0; i < 3; i++) {
				final Path f = image(i);
				final Volume raw = VolumeIO.read(f);
				final String name = VolumeIO.stem(f);
				SegmentationBundle.segment(b, raw, name, SegmentVolume.plan(raw, f.getFileName()
					.toString(), InputOptions.defaults(), b.description()), new SegmentationBundle.Settings(
						0.5, 2, false), Progress.NONE, Cancellation.NEVER).write(OutputFolder.at(plain));
			}
		}
		sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("test").set(
			"spark.ui.enabled", "false"));
	}

	@AfterClass
	public static void tearDown() {
		if (sc != null) sc.close();
	}

	private static Path image(final int i) {
		return data.resolve(PhantomCollection.IMAGES).resolve(PhantomCollection.name(i) + ".nii.gz");
	}

	private static List<VolumeResult> run(final Path out, final Path bundleDir) throws Exception {
		return SegmentJob.run(sc, SegmentJob.Options.parse("--input", data.resolve(
			PhantomCollection.IMAGES).toString(), "--bundle", bundleDir.toString(), "--output", out
				.toString(), "--labels", data.resolve(PhantomCollection.LABELS).toString(),
			"--threads", "1"));
	}

	private static VolumeResult of(final List<VolumeResult> r, final String name) {
		return r.stream().filter(v -> BatchSegmenter.name(v.volume()).equals(name)).findFirst()
			.orElseThrow();
	}

	private static void assertSameAsPlain(final Path out, final String name) throws Exception {
		for (final String f : SegmentVolume.Output.files(name, false)) {
			if (f.endsWith(".json")) continue;
			final Volume a = VolumeIO.read(plain.resolve(f)), b = VolumeIO.read(out.resolve(f));
			final Cursor<? extends RealType<?>> ca = Views.flatIterable(a.pixels()).cursor();
			final Cursor<? extends RealType<?>> cb = Views.flatIterable(b.pixels()).cursor();
			while (ca.hasNext())
				assertEquals(f, ca.next().getRealDouble(), cb.next().getRealDouble(), 1e-5);
			assertFalse(cb.hasNext());
		}
	}

	@Test
	public void segmentsLikeThePlainSegmenterAndResumes() throws Exception {
		final Path out = tmp.getRoot().toPath().resolve("out");
		// first run: 3 done, the unreadable volume failed with its message
		List<VolumeResult> r = run(out, bundle);
		assertEquals(4, r.size());
		for (int i = 0; i < 3; i++) {
			final VolumeResult v = of(r, PhantomCollection.name(i));
			assertEquals(v.toString(), "done", v.status());
			assertEquals(32 * 32 * 16, v.voxels());
			assertTrue(v.toString(), v.dice() >= 0 && v.dice() <= 1);
			assertTrue(v.toString(), v.foregroundMl() >= 0);
			assertSameAsPlain(out, PhantomCollection.name(i));
		}
		final VolumeResult bad = of(r, "case_bad");
		assertEquals("failed", bad.status());
		assertFalse(bad.message().isEmpty());
		final List<String> summary = Files.readAllLines(out.resolve(SegmentJob.SUMMARY));
		assertEquals(VolumeResult.HEADER, summary.get(0));
		assertEquals(5, summary.size());
		// a rerun skips the finished volumes (outputs untouched)
		final Path labels0 = out.resolve("labels/case_000.nii.gz");
		final long mtime = Files.getLastModifiedTime(labels0).toMillis();
		r = run(out, bundle);
		for (int i = 0; i < 3; i++)
			assertEquals("skipped", of(r, PhantomCollection.name(i)).status());
		assertEquals(mtime, Files.getLastModifiedTime(labels0).toMillis());
		// a half-written volume (killed executor: temporary left, outputs without record) is redone
		final Path state = out.resolve(BatchSegmenter.STATE);
		Files.delete(state.resolve("done/case_001.csv"));
		Files.writeString(out.resolve("labels/case_001.nii.gz"), "half");
		final Path stale = state.resolve("tmp/case_001-12345/out/labels");
		Files.createDirectories(stale);
		Files.writeString(stale.resolve("case_001.nii.gz"), "half");
		r = run(out, bundle);
		assertEquals("done", of(r, "case_001").status());
		assertEquals("skipped", of(r, "case_000").status());
		assertSameAsPlain(out, "case_001");
		assertFalse(Files.exists(state.resolve("tmp/case_001-12345")));
	}

	@Test
	public void missingBundleOnAnExecutorIsReported() throws Exception {
		final List<VolumeResult> r = run(tmp.getRoot().toPath().resolve("out-nobundle"), tmp
			.getRoot().toPath().resolve("no-such-bundle"));
		assertEquals(4, r.size());
		for (final VolumeResult v : r) {
			assertEquals("failed", v.status());
			if (!v.volume().contains("case_bad")) assertTrue(v.message(), v.message().contains(
				"bundle: expected a segmentation bundle folder on every executor, found none at"));
		}
	}

	@Test(expected = IllegalArgumentException.class)
	public void foreignOutputFolderIsRefused() throws Exception {
		final Path out = tmp.newFolder("foreign").toPath();
		Files.writeString(out.resolve("notes.txt"), "mine");
		run(out, bundle);
	}
}
