package org.transvw.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.phantom.PhantomCollection;
import org.transvw.data.phantom.PhantomConfig;
import org.transvw.data.prepare.InputOptions;
import org.transvw.inference.SegmentVolume;
import org.transvw.inference.SegmentationBundle;
import org.transvw.network.BundleDescription;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3d;
import org.transvw.network.UNet3dConfig;

import ai.djl.Device;
import ai.djl.Model;

/**
 * Volumes per minute of the Spark job on local[1] and local[2] against the plain segmenter
 * (bundle loaded once, volumes in a loop), on N phantoms of SIZE^2 x SIZE/2 with an untrained
 * width-8 bundle; one JSON object per line. Args: [count=6] [size=48] [width=8].
 * Run: TRANSVW_SPARK_MAIN=org.transvw.spark.SegmentBench bin/transvw-spark-segment 6 48 8
 */
public final class SegmentBench {

	private SegmentBench() {}

	public static void main(final String... args) throws Exception {
		final int n = args.length > 0 ? Integer.parseInt(args[0]) : 6;
		final int size = args.length > 1 ? Integer.parseInt(args[1]) : 48;
		final int width = args.length > 2 ? Integer.parseInt(args[2]) : 8;
		final Path root = Files.createTempDirectory("transvw-spark-bench");
		PhantomCollection.write(PhantomConfig.defaults().withSize(size, size, size / 2), 1, n, root
			.resolve("data"), Progress.NONE, Cancellation.NEVER);
		final UNet3dConfig c = UNet3d.builder().optBaseWidth(width).optOutput(OutputActivation.SIGMOID)
			.build().config();
		final Path bundle = root.resolve("bundle");
		try (Model m = ModelBundle.newModel(c, Device.cpu())) {
			ModelBundle.save(bundle, m, new BundleDescription(c, new int[] { 32, 32, 16 },
				new InputConvention(Modality.CT, IntensityRecipe.ctDefault(), null, InputConvention.RAS),
				SegmentationBundle.PRETEXT, 2, Map.of()));
		}
		final Path images = root.resolve("data").resolve(PhantomCollection.IMAGES);
		// plain: the Fiji command's path, one JVM, bundle once
		long t0 = System.nanoTime();
		try (ModelBundle b = SegmentationBundle.load(bundle, Device.cpu())) {
			for (int i = 0; i < n; i++) {
				final Path f = images.resolve(PhantomCollection.name(i) + ".nii.gz");
				final Volume raw = VolumeIO.read(f);
				SegmentationBundle.segment(b, raw, VolumeIO.stem(f), SegmentVolume.plan(raw, f
					.getFileName().toString(), InputOptions.defaults(), b.description()),
					new SegmentationBundle.Settings(0.5, 2, false), Progress.NONE, Cancellation.NEVER);
			}
		}
		final double plain = (System.nanoTime() - t0) / 1e9;
		emit("plain", n, size, plain, plain);
		for (final int workers : new int[] { 1, 2 }) {
			try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" +
				workers + "]").setAppName("bench").set("spark.ui.enabled", "false")))
			{
				t0 = System.nanoTime();
				SegmentJob.run(sc, SegmentJob.Options.parse("--input", images.toString(), "--bundle",
					bundle.toString(), "--output", root.resolve("out" + workers).toString(), "--threads",
					Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / workers))));
				emit("local[" + workers + "]", n, size, (System.nanoTime() - t0) / 1e9, plain);
			}
		}
		BatchSegmenter.deleteTree(root);
	}

	private static void emit(final String mode, final int n, final int size, final double s,
		final double plain)
	{
		System.out.println(String.format(Locale.ROOT, "{\"bench\": \"spark-segment\", \"mode\": " +
			"\"%s\", \"volumes\": %d, \"size\": %d, \"seconds\": %.2f, \"volumes_per_min\": %.2f, " +
			"\"overhead_s_per_volume_vs_plain\": %.3f}", mode, n, size, s, 60 * n / s, (s - plain) / n));
	}
}
