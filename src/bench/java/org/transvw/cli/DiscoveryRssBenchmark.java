package org.transvw.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.common.RandomStreams;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;
import org.transvw.data.Modality;
import org.transvw.data.Volume;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.prepare.InputOptions;
import org.transvw.discovery.CoordinateRules;
import org.transvw.discovery.ExtractorSettings;
import org.transvw.discovery.SelfDiscovery;
import org.transvw.discovery.SelfDiscoveryConfig;
import org.transvw.discovery.TissueCriterion;
import org.transvw.network.BatchNormMode;
import org.transvw.network.BundleDescription;
import org.transvw.network.Flavour;
import org.transvw.network.ModelBundle;
import org.transvw.network.OutputActivation;
import org.transvw.network.UNet3dConfig;

import ai.djl.Device;
import ai.djl.Model;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Resident memory of self-discovery's whole-scan pass over a large collection on disk:
 * {@code transvw-bench discovery-rss [volumes=500] [size=512,512,300] [distinct=20]
 * [dir=/tmp/transvw-rss] [width=8] [grid=128,128,64]}.
 * <p>
 * Writes {@code distinct} CT-like int16 NIfTI volumes (a body ellipse with lungs, a random
 * shift and a random nodule each) and a collection of {@code volumes} files that are symbolic
 * links to them in turn (so 500 volumes of 512 x 512 x 300 need 20 x 157 MB of disk, not 79 GB;
 * every one is still read, converted, normalised and resized on its own), then runs
 * self-discovery with a random-initialised auto-encoder bundle as the feature extractor (the
 * pass reads every scan twice: fingerprint and resize, then the features; 2 visual words of 2
 * crops each afterwards). A sampler thread reads {@code VmRSS} from {@code /proc/self/status}
 * every 200 ms. Prints the RSS after every 10 % of the scans in each pass (with its anonymous
 * part, heap and native memory, and its file-backed part: the memory-mapped dataset pages, which
 * the kernel reclaims under pressure), the peaks, and slopes: RSS over the second half of the
 * resize pass, and anonymous RSS over the last three quarters of both passes (MiB per 100
 * volumes).
 */
public final class DiscoveryRssBenchmark {

	private DiscoveryRssBenchmark() {}

	public static void main(final String[] args) throws Exception {
		final Map<String, String> a = new java.util.HashMap<>(Map.of("volumes", "500", "size",
			"512,512,300", "distinct", "20", "dir", "/tmp/transvw-rss", "width", "8", "grid",
			"128,128,64"));
		for (final String s : args) {
			final int eq = s.indexOf('=');
			if (eq < 0 || !a.containsKey(s.substring(0, eq))) throw new IllegalArgumentException(
				"expected key=value with a key of " + a.keySet() + ", got " + s);
			a.put(s.substring(0, eq), s.substring(eq + 1));
		}
		final int n = Integer.parseInt(a.get("volumes")), distinct = Math.min(n, Integer.parseInt(a
			.get("distinct")));
		final int[] size = ints(a.get("size")), grid = ints(a.get("grid"));
		final Path dir = Paths.get(a.get("dir"));
		final Path sources = dir.resolve("distinct"), collection = dir.resolve("collection"),
			out = dir.resolve("words");
		Files.createDirectories(sources);
		Files.createDirectories(collection);
		final long t0 = System.nanoTime();
		for (int i = 0; i < distinct; i++) {
			final Path f = sources.resolve(String.format(Locale.ROOT, "ct_%03d.nii", i));
			if (!Files.exists(f)) VolumeIO.write(phantom(size, i), f);
		}
		for (int i = 0; i < n; i++) {
			final Path link = collection.resolve(String.format(Locale.ROOT, "scan_%04d.nii", i));
			if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(
				link, sources.resolve(String.format(Locale.ROOT, "ct_%03d.nii", i % distinct)));
		}
		json("discovery-rss-generate", (System.nanoTime() - t0) / 1e9, "s", "");
		final Path bundle = dir.resolve("extractor");
		if (!Files.exists(bundle.resolve(ModelBundle.DESCRIPTION))) {
			final UNet3dConfig c = new UNet3dConfig(Flavour.PYTORCH, Integer.parseInt(a.get("width")),
				1, 1, true, 0, OutputActivation.SIGMOID, BatchNormMode.RUNNING);
			try (Model m = ModelBundle.newModel(c, Device.cpu())) {
				ModelBundle.save(bundle, m, new BundleDescription(c, grid, InputConvention.of(
					IntensityRecipe.ctWindow(-1000, 1000)), "autoencoder", 0, Map.of("purpose",
						"random-initialised extractor of the RSS benchmark")));
			}
		}
		if (Files.exists(out)) org.transvw.common.FileTrees.deleteTree(out); // ours, from a rerun

		final AtomicLong peak = new AtomicLong(), peakAnon = new AtomicLong();
		final AtomicReference<String> stage = new AtomicReference<>("start");
		final List<String> marks = new ArrayList<>();
		final List<double[]> resize = new ArrayList<>(); // (scan index, RSS MiB)
		final List<double[]> anon = new ArrayList<>(); // (scan index in both passes, RssAnon MiB)
		final Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peak.accumulateAndGet(rssKib(), Math::max);
				peakAnon.accumulateAndGet(status("RssAnon:"), Math::max);
				try {
					Thread.sleep(200);
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		}, "rss-sampler");
		sampler.setDaemon(true);
		sampler.start();
		final int[] lastResize = { -1 }, lastFeature = { -1 };
		final Progress progress = (fraction, message) -> {
			if (message == null) return;
			final int at = parseCount(message, "resizing scans ");
			final int ft = parseCount(message, "features ");
			if (at > lastResize[0]) {
				lastResize[0] = at;
				final double mib = rssKib() / 1024.0;
				resize.add(new double[] { at, mib });
				anon.add(new double[] { at, status("RssAnon:") / 1024.0 });
				mark(marks, "resize", at, n, mib);
			}
			else if (ft > lastFeature[0]) {
				lastFeature[0] = ft;
				anon.add(new double[] { n + ft, status("RssAnon:") / 1024.0 });
				mark(marks, "features", ft, n, rssKib() / 1024.0);
			}
			stage.set(message);
		};
		// criterion any: the benchmark is about memory, not where the words are
		final SelfDiscoveryConfig config = SelfDiscoveryConfig.defaults().withRules(
			CoordinateRules.defaults(new int[] { 64, 64, 32 }, TissueCriterion.byName("any")))
			.withCounts(2, 2, 0)
			.withValidationFraction(0.1).withInput(InputOptions.defaults().withModality(Modality.CT))
			.withExtractor(ExtractorSettings.defaults().withGrid(grid).withBundle(bundle).withDevice(
				"cpu")).withSeed(1);
		final long t1 = System.nanoTime();
		SelfDiscovery.run(collection, out, config, progress, Cancellation.NEVER);
		final double seconds = (System.nanoTime() - t1) / 1e9;
		sampler.interrupt();
		final String shape = size[0] + "x" + size[1] + "x" + size[2];
		final String extra = String.format(Locale.ROOT, ", \"volumes\": %d, \"size\": \"%s\", " +
			"\"distinct\": %d, \"xmx_mib\": %d", n, shape, distinct, Runtime.getRuntime().maxMemory() >>
				20);
		for (final String m : marks)
			System.out.println(m.replace("}", extra + "}"));
		json("discovery-rss-peak", peak.get() / 1024.0, "MiB", extra);
		json("discovery-rss-seconds", seconds, "s", extra);
		json("discovery-rss-seconds-per-volume", seconds / n, "s", extra);
		json("discovery-rss-anon-peak", peakAnon.get() / 1024.0, "MiB", extra);
		json("discovery-rss-anon-slope", TrainBenchmark.slope(anon.subList(anon.size() / 4, anon.size())) * 100,
			"MiB per 100 volumes read", extra);
		json("discovery-rss-resize-slope", TrainBenchmark.slope(resize.subList(resize.size() / 2, resize.size())) *
			100, "MiB per 100 volumes", extra);
	}

	/** A CT-like int16 volume in HU: air, a body ellipse, two lungs, a nodule. */
	private static Volume phantom(final int[] size, final int seed) {
		final RandomStreams r = RandomStreams.seeded(seed);
		final int nx = size[0], ny = size[1], nz = size[2];
		final short[] v = new short[nx * ny * nz];
		final double dx = (r.nextFloat() - 0.5) * 0.1 * nx, dy = (r.nextFloat() - 0.5) * 0.1 * ny;
		final double ncx = nx * (0.3 + 0.4 * r.nextFloat()), ncy = ny * (0.4 + 0.2 * r.nextFloat()),
			ncz = nz * (0.2 + 0.6 * r.nextFloat()), nr = 0.02 * nx;
		for (int z = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					final double bx = (x - nx / 2.0 - dx) / (0.45 * nx), by = (y - ny / 2.0 - dy) / (0.35 *
						ny);
					short hu = -1000;
					if (bx * bx + by * by < 1) {
						hu = 40;
						for (final double side : new double[] { -0.45, 0.45 }) {
							final double lx = (bx - side) / 0.35, ly = by / 0.7;
							if (lx * lx + ly * ly < 1) hu = -820;
						}
						final double ex = x - ncx, ey = y - ncy, ez = z - ncz;
						if (ex * ex + ey * ey + ez * ez < nr * nr) hu = 30;
					}
					v[x + nx * (y + ny * z)] = (short) (hu + (x * 7 + y * 13 + z * 3) % 11 - 5);
				}
		final ArrayImg<ShortType, ShortArray> img = ArrayImgs.shorts(v, nx, ny, nz);
		return Volume.of(img, new double[] { 0.8, 0.8, 1.0 }, Modality.CT);
	}

	private static int parseCount(final String message, final String prefix) {
		final int at = message.indexOf(prefix);
		if (at < 0) return -1;
		final String rest = message.substring(at + prefix.length());
		final int slash = rest.indexOf('/');
		try {
			return slash < 0 ? -1 : Integer.parseInt(rest.substring(0, slash).trim());
		}
		catch (final NumberFormatException e) {
			return -1;
		}
	}

	private static void mark(final List<String> marks, final String pass, final int done,
		final int n, final double mib)
	{
		for (int p = 10; p <= 100; p += 10)
			if (done == Math.max(1, (int) Math.round(p / 100.0 * n))) marks.add(String.format(Locale.ROOT,
				"{\"bench\": \"discovery-rss-%s-%d%%\", \"value\": %.1f, \"unit\": \"MiB\", " +
					"\"scans\": %d, \"rss_anon_mib\": %.1f, \"rss_file_mib\": %.1f}", pass, p, mib, done,
				status("RssAnon:") / 1024.0, status("RssFile:") / 1024.0));
	}

	private static long rssKib() {
		return status("VmRSS:");
	}

	/** A kB field of /proc/self/status: VmRSS = RssAnon (heap, native) + RssFile + RssShmem. */
	private static long status(final String field) {
		try {
			for (final String l : Files.readAllLines(Paths.get("/proc/self/status")))
				if (l.startsWith(field)) return Long.parseLong(l.replaceAll("[^0-9]", ""));
		}
		catch (final IOException | NumberFormatException e) {
			// not Linux: no figure
		}
		return -1;
	}

	private static int[] ints(final String s) {
		return java.util.Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.trim()))
			.toArray();
	}

	private static void json(final String bench, final double value, final String unit,
		final String extra)
	{
		System.out.println(String.format(Locale.ROOT, "{\"bench\": \"%s\", \"value\": %.2f, " +
			"\"unit\": \"%s\"%s}", bench, value, unit, extra));
	}
}
