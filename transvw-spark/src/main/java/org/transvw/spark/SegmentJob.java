package org.transvw.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.transvw.common.AtomicFiles;
import org.transvw.data.io.VolumeIO;

/**
 * Batch segmentation of many volumes on Apache Spark (docs/spark.md). Each partition loads the
 * DJL engine and the bundle once and runs the Fiji command's sliding-window segmenter
 * ({@link BatchSegmenter}); the driver writes {@code summary.csv}. Usage:
 * <pre>
 * SegmentJob --input DIR|LIST.csv --bundle DIR --output DIR [--labels DIR] [--master local[*]]
 *            [--partitions N] [--overlap 0.5] [--budget 2] [--device cpu] [--threads N]
 * </pre>
 * Exit status 0 when every volume is done or skipped, 1 when some failed, 2 for bad arguments.
 */
public final class SegmentJob {

	public static final String SUMMARY = "summary.csv";

	/** The job's parsed arguments. */
	public record Options(String input, String bundle, String output, String labels,
		String master, int partitions, double overlap, int budget, String device, int threads)
	{

		public static Options parse(final String... args) {
			final Map<String, String> m = new HashMap<>();
			for (int i = 0; i < args.length; i++) {
				final String k = args[i];
				if (!k.startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException(
					"arguments: expected --key value pairs, got '" + k + "'");
				m.put(k.substring(2), args[++i]);
			}
			for (final String k : m.keySet())
				if (!List.of("input", "bundle", "output", "labels", "master", "partitions", "overlap",
					"budget", "device", "threads").contains(k)) throw new IllegalArgumentException(k +
						": unknown option (expected input, bundle, output, labels, master, partitions, " +
						"overlap, budget, device, threads)");
			for (final String k : List.of("input", "bundle", "output"))
				if (!m.containsKey(k)) throw new IllegalArgumentException(k + ": required, got none");
			return new Options(m.get("input"), m.get("bundle"), m.get("output"), m.get("labels"), m
				.getOrDefault("master", null), Integer.parseInt(m.getOrDefault("partitions", "0")),
				Double.parseDouble(m.getOrDefault("overlap", "0.5")), Integer.parseInt(m.getOrDefault(
					"budget", "2")), m.getOrDefault("device", "cpu"), Integer.parseInt(m.getOrDefault(
						"threads", "0")));
		}
	}

	private SegmentJob() {}

	public static void main(final String... args) throws Exception {
		final Options o;
		try {
			o = Options.parse(args);
		}
		catch (final IllegalArgumentException e) {
			System.err.println("ERROR: " + e.getMessage());
			System.exit(2);
			return;
		}
		final SparkConf conf = new SparkConf().setAppName("transvw-segment");
		if (o.master() != null) conf.setMaster(o.master());
		else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
		final List<VolumeResult> r;
		try (JavaSparkContext sc = new JavaSparkContext(conf)) {
			r = run(sc, o);
		}
		catch (final IllegalArgumentException e) {
			System.err.println("ERROR: " + e.getMessage());
			System.exit(2);
			return;
		}
		final long failed = r.stream().filter(x -> x.status().equals("failed")).count();
		System.out.println("RESULT " + count(r, "done") + " done, " + count(r, "skipped") +
			" skipped, " + failed + " failed; summary " + Paths.get(o.output()).resolve(SUMMARY));
		System.exit(failed > 0 ? 1 : 0);
	}

	private static long count(final List<VolumeResult> r, final String s) {
		return r.stream().filter(x -> x.status().equals(s)).count();
	}

	/** Runs the job on {@code sc}; writes and returns the summary (one line per input volume). */
	public static List<VolumeResult> run(final JavaSparkContext sc, final Options o)
		throws IOException
	{
		final List<String> volumes = volumes(o.input());
		final Path out = prepareOutput(o.output());
		final BatchSegmenter seg = new BatchSegmenter(o.bundle(), out.toString(), o.labels(), o
			.device(), o.overlap(), o.budget(), o.threads());
		final int n = o.partitions() > 0 ? o.partitions() : Math.max(1, Math.min(volumes.size(), sc
			.defaultParallelism()));
		final List<VolumeResult> r = new ArrayList<>(sc.parallelize(volumes, n).mapPartitions(
			it -> seg.segmentAll(it).iterator()).collect());
		final List<String> lines = new ArrayList<>();
		lines.add(VolumeResult.HEADER);
		for (final VolumeResult v : r)
			lines.add(v.csv());
		AtomicFiles.writeLines(out.resolve(SUMMARY), lines);
		return r;
	}

	/**
	 * The volumes of {@code input}: the readable volume files of a folder (local or Hadoop URI),
	 * sorted, or the first column of a CSV list (a header line starting with "volume" or "path"
	 * is skipped).
	 */
	public static List<String> volumes(final String input) throws IOException {
		final List<String> v = new ArrayList<>();
		if (input.toLowerCase(Locale.ROOT).endsWith(".csv")) {
			final Path p = BatchSegmenter.stage(input, Files.createTempDirectory("transvw-list"));
			for (final String line : Files.readAllLines(p)) {
				final String f = VolumeResult.split(line.strip())[0].strip();
				if (f.isEmpty() || v.isEmpty() && (f.equalsIgnoreCase("volume") || f.equalsIgnoreCase(
					"path"))) continue;
				v.add(f);
			}
		}
		else if (BatchSegmenter.isHadoop(input)) {
			final org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(input);
			final FileSystem fs = hp.getFileSystem(new Configuration());
			if (!fs.isDirectory(hp)) throw new IllegalArgumentException("input: expected a folder " +
				"of volumes or a .csv list, found no folder at " + input);
			for (final FileStatus s : fs.listStatus(hp))
				if (s.isFile() && isVolumeName(s.getPath().getName())) v.add(s.getPath().toString());
			v.sort(null);
		}
		else {
			final Path dir = BatchSegmenter.localPath(input);
			if (!Files.isDirectory(dir)) throw new IllegalArgumentException("input: expected a " +
				"folder of volumes or a .csv list, found " + (Files.exists(dir) ? "a file" : "nothing") +
				" at " + input);
			try (Stream<Path> s = Files.list(dir)) {
				s.filter(p -> Files.isRegularFile(p) && isVolumeName(p.getFileName().toString())).map(
					p -> p.toAbsolutePath().toString()).sorted().forEach(v::add);
			}
		}
		if (v.isEmpty()) throw new IllegalArgumentException("input: expected at least one volume " +
			"(.nii, .nii.gz, .tif), found none in " + input);
		final Map<String, String> seen = new HashMap<>();
		for (final String s : v) {
			final String prev = seen.put(BatchSegmenter.name(s), s);
			if (prev != null) throw new IllegalArgumentException("input: expected volumes with " +
				"distinct names (outputs are named by them), found " + prev + " and " + s);
		}
		return v;
	}

	private static boolean isVolumeName(final String n) {
		final String l = n.toLowerCase(Locale.ROOT);
		return l.endsWith(".nii") || l.endsWith(".nii.gz") || l.endsWith(".tif") || l.endsWith(
			".tiff");
	}

	/**
	 * The output folder, created if missing; a non-empty folder without the job's state folder
	 * is refused (nothing the job did not write is ever replaced).
	 */
	static Path prepareOutput(final String output) throws IOException {
		if (BatchSegmenter.isHadoop(output)) throw new IllegalArgumentException("output: expected " +
			"a local or shared POSIX folder (NFS, Lustre, GPFS), got the Hadoop URI " + output +
			" (not supported yet)");
		final Path out = BatchSegmenter.localPath(output).toAbsolutePath();
		if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException(
			"output: expected a folder, found a file at " + out);
		if (Files.isDirectory(out) && !Files.isDirectory(out.resolve(BatchSegmenter.STATE))) {
			try (Stream<Path> s = Files.list(out)) {
				if (s.findAny().isPresent()) throw new IllegalArgumentException("output: expected an " +
					"empty folder or one written by transvw-spark (with " + BatchSegmenter.STATE +
					"/), found other files in " + out);
			}
		}
		Files.createDirectories(out.resolve(BatchSegmenter.STATE).resolve("done"));
		return out;
	}
}
