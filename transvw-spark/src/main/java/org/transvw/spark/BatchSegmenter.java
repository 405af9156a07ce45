package org.transvw.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.transvw.common.AtomicFiles;
import org.transvw.common.Cancellation;
import org.transvw.common.Progress;
import org.transvw.data.Volume;
import org.transvw.data.io.OutputFolder;
import org.transvw.data.io.VolumeIO;
import org.transvw.data.prepare.InputOptions;
import org.transvw.data.prepare.InputPlan;
import org.transvw.engine.EngineSession;
import org.transvw.evaluation.ConfusionCounts;
import org.transvw.inference.SegmentVolume;
import org.transvw.inference.SegmentationBundle;
import org.transvw.inference.SegmentationResult;
import org.transvw.network.ModelBundle;
import org.transvw.network.NetworkChoice;

import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Segments a partition's volumes with one engine and one bundle, by the same code path as the
 * Fiji command <em>Segment volume</em> ({@link SegmentVolume#plan} then
 * {@link SegmentationBundle#segment}), and writes each volume's outputs atomically: everything
 * is written into a private temporary folder under {@value #STATE}/tmp, moved into place, and
 * only then is the volume's record {@value #STATE}/done/&lt;name&gt;.csv committed. A volume
 * with a record is finished and skipped by a rerun; any other state (a temporary left by a
 * killed executor, outputs without a record) is redone. No Spark type here: the job and the
 * tests call it the same way.
 */
public final class BatchSegmenter implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The job's own state folder inside the output folder. */
	public static final String STATE = ".transvw-spark";

	private final String bundle, output, labels, device;
	private final double overlap;
	private final int budget, threads;

	public BatchSegmenter(final String bundle, final String output, final String labels,
		final String device, final double overlap, final int budget, final int threads)
	{
		this.bundle = bundle;
		this.output = output;
		this.labels = labels;
		this.device = device;
		this.overlap = overlap;
		this.budget = budget;
		this.threads = threads;
		new SegmentationBundle.Settings(overlap, budget, false); // checks the settings on the driver
	}

	/** The case name (file stem) of a volume path or URI. */
	public static String name(final String volume) {
		final String p = volume.endsWith("/") ? volume.substring(0, volume.length() - 1) : volume;
		return VolumeIO.stem(Paths.get(p.substring(p.lastIndexOf('/') + 1)));
	}

	/** The finished record of {@code name}, or null. */
	static VolumeResult finished(final Path out, final String name) throws IOException {
		final Path f = out.resolve(STATE).resolve("done").resolve(name + ".csv");
		if (!Files.isRegularFile(f)) return null;
		final List<String> lines = Files.readAllLines(f);
		return lines.isEmpty() ? null : VolumeResult.parse(lines.get(0));
	}

	/** Segments every volume of a partition (engine and bundle loaded once, on first need). */
	public List<VolumeResult> segmentAll(final Iterator<String> volumes) {
		final List<VolumeResult> results = new ArrayList<>();
		final Path out = Paths.get(output);
		ModelBundle b = null;
		String bundleError = null;
		try {
			while (volumes.hasNext()) {
				final String v = volumes.next();
				final long t0 = System.nanoTime();
				try {
					final VolumeResult done = finished(out, name(v));
					if (done != null) {
						results.add(done.withStatus("skipped"));
						continue;
					}
					if (b == null && bundleError == null) {
						try {
							b = loadBundle();
						}
						catch (final Exception | UnsatisfiedLinkError e) {
							bundleError = message(e);
						}
					}
					if (bundleError != null) {
						results.add(VolumeResult.failed(v, bundleError, seconds(t0)));
						continue;
					}
					results.add(segmentOne(b, v, out, t0));
				}
				catch (final Exception | OutOfMemoryError e) {
					results.add(VolumeResult.failed(v, message(e), seconds(t0)));
				}
			}
		}
		finally {
			if (b != null) b.close();
		}
		return results;
	}

	private ModelBundle loadBundle() throws IOException {
		final Path dir = Paths.get(bundle);
		if (!Files.isDirectory(dir)) throw new IllegalArgumentException("bundle: expected a " +
			"segmentation bundle folder on every executor, found none at " + dir + " on executor " +
			host() + " (put it on a shared file system or ship it with --archives; docs/spark.md)");
		if (threads > 0) EngineSession.threads(threads);
		EngineSession.engine();
		return SegmentationBundle.load(dir, EngineSession.device(device));
	}

	private VolumeResult segmentOne(final ModelBundle b, final String v, final Path out,
		final long t0) throws IOException
	{
		final String name = name(v);
		final Path state = out.resolve(STATE);
		final Path tmpRoot = state.resolve("tmp");
		Files.createDirectories(tmpRoot);
		removeTemporaries(tmpRoot, name);
		final Path tmp = Files.createTempDirectory(tmpRoot, name + "-");
		try {
			final Path local = stage(v, tmp.resolve("input"));
			final Volume raw = VolumeIO.read(local);
			final SegmentationBundle.Settings s = new SegmentationBundle.Settings(overlap, budget,
				false);
			// NB: exactly what SegmentVolumeCommand does for a file
			NetworkChoice.requireDimensions("file", b.description().network().choice().key() +
				" of the bundle", b.description().network().spatialDimensions(), raw.numDimensions());
			final InputPlan plan = SegmentVolume.plan(raw, local.getFileName().toString(), InputOptions
				.defaults(), b.description());
			final SegmentVolume.Output o = SegmentationBundle.segment(b, raw, name, plan, s,
				Progress.NONE, Cancellation.NEVER);
			final Path written = tmp.resolve("out");
			o.write(OutputFolder.at(written));
			final SegmentationResult r = o.result();
			final long voxels = Views.iterable(r.labels().pixels()).size();
			long fg = 0;
			for (final RealType<?> t : Views.iterable(r.labels().pixels()))
				if (t.getRealDouble() > 0) fg++;
			double voxelMl = 1e-3;
			for (final double sp : raw.spacing())
				voxelMl *= sp;
			final double dice = dice(name, r, tmp);
			for (final String f : SegmentVolume.Output.files(name, false)) {
				final Path target = out.resolve(f);
				Files.createDirectories(target.getParent());
				Files.move(written.resolve(f), target, StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
			}
			final VolumeResult res = new VolumeResult(v, "done", "", seconds(t0), voxels, fg *
				voxelMl, dice);
			AtomicFiles.writeString(state.resolve("done").resolve(name + ".csv"), res.csv() + "\n");
			return res;
		}
		finally {
			deleteTree(tmp);
		}
	}

	private double dice(final String name, final SegmentationResult r, final Path tmp)
		throws IOException
	{
		if (labels == null) return Double.NaN;
		for (final String ext : new String[] { ".nii.gz", ".nii", ".tif", ".tiff" }) {
			final String uri = labels.endsWith("/") ? labels + name + ext : labels + "/" + name + ext;
			final Path p = exists(uri);
			if (p == null) continue;
			final Volume truth = VolumeIO.read(stage(uri, tmp.resolve("truth")));
			return ConfusionCounts.of(r.labels().pixels(), truth.pixels(), 0.5).dice();
		}
		return Double.NaN;
	}

	/** The local path of a local path / file: URI that exists, or of a Hadoop URI, or null. */
	private static Path exists(final String uri) throws IOException {
		if (!isHadoop(uri)) {
			final Path p = localPath(uri);
			return Files.exists(p) ? p : null;
		}
		final org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(uri);
		return hp.getFileSystem(new Configuration()).exists(hp) ? Paths.get(hp.getName()) : null;
	}

	static boolean isHadoop(final String uri) {
		final int c = uri.indexOf("://");
		return c > 0 && !uri.startsWith("file:");
	}

	static Path localPath(final String uri) {
		return uri.startsWith("file:") ? Paths.get(URI.create(uri)) : Paths.get(uri);
	}

	/** A local path to read {@code uri} from: itself when local, else a copy under {@code dir}. */
	static Path stage(final String uri, final Path dir) throws IOException {
		if (!isHadoop(uri)) return localPath(uri);
		final org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(uri);
		final FileSystem fs = hp.getFileSystem(new Configuration());
		Files.createDirectories(dir);
		final Path local = dir.resolve(hp.getName());
		fs.copyToLocalFile(false, hp, new org.apache.hadoop.fs.Path(local.toUri()), true);
		return local;
	}

	/** Temporaries of {@code name} left by an earlier, interrupted attempt (ours by name). */
	private static void removeTemporaries(final Path tmpRoot, final String name)
		throws IOException
	{
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpRoot, name + "-*")) {
			for (final Path p : ds)
				if (p.getFileName().toString().substring(name.length() + 1).matches("[0-9]+"))
					deleteTree(p);
		}
	}

	static void deleteTree(final Path p) throws IOException {
		if (!Files.exists(p)) return;
		try (Stream<Path> s = Files.walk(p)) {
			for (final Path q : s.sorted(Comparator.reverseOrder()).toList())
				Files.deleteIfExists(q);
		}
	}

	private static String message(final Throwable e) {
		final String m = e.getMessage();
		return e.getClass().getSimpleName() + ": " + (m == null ? "" : m);
	}

	private static double seconds(final long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (final IOException e) {
			return "(unknown host)";
		}
	}
}
