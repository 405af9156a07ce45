package org.transvw.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.scijava.util.FileUtils;
import org.transvw.cli.SiteDatabase.Dependency;
import org.transvw.cli.SiteDatabase.Plugin;
import org.transvw.cli.SiteDatabase.Previous;
import org.transvw.cli.SiteDatabase.Version;

/**
 * Writes a Fiji update site into a folder: {@code db.xml.gz} plus every file stored as
 * {@code <path>-<yyyyMMddHHmmss>}, with the checksums Fiji's updater computes
 * ({@link UpdaterChecksum}). Contents: our jar in {@code plugins/}, the jars Fiji lacks (DJL,
 * jHDF and its LZF codec) in {@code jars/} ({@link ShipPolicy}), the example macros in
 * {@code macros/}; our jar's version lists those jars as dependencies, so installing it
 * installs them.
 * <p>
 * Reproducible: a file whose checksum equals the one already in the folder's db.xml.gz keeps its
 * timestamp; a new or changed file gets {@link Config#timestamp()} (later than its old one), and
 * its old version becomes a {@code <previous-version>} so Fiji offers the update instead of
 * calling the installed copy "locally modified". Files no longer shipped stay listed without a
 * current version (Fiji then offers to uninstall them). Regenerating with no change rewrites
 * identical bytes. Old timestamped files are left in place.
 * <pre>{@code java -cp target/classes:target/test-classes:target/site-deps/* \
 *   org.transvw.cli.UpdateSiteGenerator \
 *   --jar target/TransVW_Fiji-0.1.0.jar --deps-dir target/site-deps --macros macros \
 *   --out update-site [--timestamp 20261125120000]}</pre>
 */
public final class UpdateSiteGenerator {

	static final String DESCRIPTION = "TransVW (Transferable Visual Words) for Fiji: " +
		"self-supervised pre-training, fine-tuning and sliding-window segmentation of 3D CT/MRI " +
		"(Plugins > TransVW).";
	static final String LINK = "https://github.com/transvw-fiji/TransVW_Fiji";
	static final String AUTHOR = "TransVW for Fiji developers";
	static final String DB = "db.xml.gz";
	private static final List<String> OPTIONS = List.of("jar", "deps-dir", "macros", "out",
		"timestamp");
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	/**
	 * What to put on the site.
	 *
	 * @param jar our plugin jar (its name must contain '_' for ImageJ 1.x to read plugins.config)
	 * @param depsDir runtime dependency jars ({@code mvn dependency:copy-dependencies}), or null
	 * @param macrosDir folder whose {@code *.ijm} go to {@code macros/}, or null
	 * @param out the site folder (created; an existing db.xml.gz there is the site's history)
	 * @param timestamp {@code yyyyMMddHHmmss} for new or changed files
	 */
	public record Config(Path jar, Path depsDir, Path macrosDir, Path out, long timestamp) {

		public Config {
			if (jar == null || !Files.isRegularFile(jar) || !jar.toString().endsWith(".jar"))
				throw new IllegalArgumentException("jar: expected an existing .jar file, got " + jar);
			if (!jar.getFileName().toString().contains("_")) throw new IllegalArgumentException(
				"jar: expected a file name with '_' (ImageJ 1.x reads plugins.config only then), " +
					"got " + jar.getFileName());
			if (depsDir != null && !Files.isDirectory(depsDir)) throw new IllegalArgumentException(
				"deps-dir: expected a folder, got " + depsDir);
			if (macrosDir != null && !Files.isDirectory(macrosDir))
				throw new IllegalArgumentException("macros: expected a folder, got " + macrosDir);
			if (out == null) throw new IllegalArgumentException("out: expected a folder");
			parseStamp(timestamp);
		}
	}

	/** One file of the generated site. */
	public record SiteFile(String path, String storedAs, String checksum, long timestamp,
		long size)
	{}

	/** What was written and what was left out (with reasons). */
	public record Result(List<SiteFile> files, List<ShipPolicy.Decision> excluded,
		Path database)
	{}

	private record Item(String path, Path source, String description) {}

	private UpdateSiteGenerator() {}

	/** Generates (or regenerates) the site described by {@code c}. */
	public static Result generate(final Config c) throws IOException {
		final List<Item> items = new ArrayList<>();
		final List<ShipPolicy.Decision> excluded = new ArrayList<>();
		final List<Item> deps = new ArrayList<>();
		for (final Path dep : list(c.depsDir(), ".jar")) {
			final ShipPolicy.Decision d = ShipPolicy.decide(dep);
			if (!d.ship()) excluded.add(d);
			else deps.add(new Item("jars/" + d.fileName(), dep, ShipPolicy.description(d
				.fileName())));
		}
		items.add(new Item("plugins/" + c.jar().getFileName(), c.jar(), DESCRIPTION));
		items.addAll(deps);
		for (final Path m : list(c.macrosDir(), ".ijm"))
			items.add(new Item("macros/" + m.getFileName(), m, "TransVW example macro (Plugins > " +
				"Macros > Run...)."));

		Files.createDirectories(c.out());
		final Map<String, Plugin> old = new HashMap<>();
		for (final Plugin p : SiteDatabase.read(c.out().resolve(DB)))
			old.put(key(p.filename()), p);

		final Map<String, SiteFile> files = new LinkedHashMap<>();
		final Map<String, List<Previous>> history = new HashMap<>();
		for (final Item it : items) {
			final String checksum = UpdaterChecksum.of(it.path(), it.source());
			final Plugin before = old.get(key(it.path()));
			final List<Previous> previous = new ArrayList<>();
			long ts = c.timestamp();
			if (before != null) {
				previous.addAll(before.previous());
				final Version v = before.current();
				if (v != null && v.checksum().equals(checksum)) ts = v.timestamp();
				else if (v != null) {
					if (ts <= v.timestamp()) ts = nextSecond(v.timestamp());
					previous.add(new Previous(v.checksum(), v.timestamp(), ts, before.filename()));
				}
			}
			final SiteFile f = new SiteFile(it.path(), it.path() + "-" + ts, checksum, ts, Files
				.size(it.source()));
			store(it.path(), it.source(), checksum, c.out().resolve(f.storedAs()));
			files.put(it.path(), f);
			history.put(it.path(), previous);
		}

		final List<Plugin> plugins = new ArrayList<>();
		final List<Dependency> ourDeps = deps.stream().map(d -> new Dependency(key(d.path()), files
			.get(d.path()).timestamp())).collect(Collectors.toList());
		for (final Item it : items) {
			final SiteFile f = files.get(it.path());
			final boolean ours = it.path().startsWith("plugins/");
			plugins.add(new Plugin(it.path(), new Version(f.checksum(), f.timestamp(), f.size(), it
				.description(), ours ? ourDeps : List.of(), ours ? List.of(LINK) : List.of(), ours
					? List.of(AUTHOR) : List.of()), history.get(it.path())));
		}
		for (final Map.Entry<String, Plugin> e : old.entrySet()) {
			if (files.keySet().stream().anyMatch(p -> key(p).equals(e.getKey()))) continue;
			final Plugin gone = e.getValue();
			final List<Previous> previous = new ArrayList<>(gone.previous());
			final Version v = gone.current();
			if (v != null) previous.add(new Previous(v.checksum(), v.timestamp(), Math.max(c
				.timestamp(), nextSecond(v.timestamp())), gone.filename()));
			plugins.add(new Plugin(gone.filename(), null, previous));
		}
		final Path db = c.out().resolve(DB);
		write(SiteDatabase.gzip(SiteDatabase.xml(plugins)), db);
		return new Result(List.copyOf(files.values()), excluded, db);
	}

	/** The updater's key for a file: its path without the version ("jars/api.jar"). */
	static String key(final String path) {
		return FileUtils.stripFilenameVersion(path);
	}

	/** {@code yyyyMMddHHmmss} in UTC for an instant (e.g. the last commit time). */
	public static long timestampOf(final Instant t) {
		return Long.parseLong(STAMP.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC)));
	}

	private static LocalDateTime parseStamp(final long stamp) {
		try {
			return LocalDateTime.parse(Long.toString(stamp), STAMP);
		}
		catch (final DateTimeParseException e) {
			throw new IllegalArgumentException("timestamp: expected yyyyMMddHHmmss, got " + stamp, e);
		}
	}

	private static long nextSecond(final long stamp) {
		return Long.parseLong(STAMP.format(parseStamp(stamp).plusSeconds(1)));
	}

	private static List<Path> list(final Path dir, final String ending) throws IOException {
		if (dir == null) return List.of();
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(
				ending)).sorted().collect(Collectors.toList());
		}
	}

	/** Copies unless {@code target} already holds this version (same bytes or same checksum). */
	private static void store(final String path, final Path source, final String checksum,
		final Path target) throws IOException
	{
		if (Files.exists(target) && (Files.mismatch(source, target) == -1 || UpdaterChecksum.of(
			path, target).equals(checksum))) return;
		write(Files.readAllBytes(source), target);
	}

	/** Writes atomically: a temporary file in the same folder, then a move. */
	private static void write(final byte[] data, final Path target) throws IOException {
		Files.createDirectories(target.getParent());
		final Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
		try {
			Files.write(tmp, data);
			// NB: temporary files are private; a hosted site must be world-readable.
			if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) Files
				.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/** Command line; see the class javadoc. Exit status 2 for usage errors. */
	public static void main(final String[] args) throws IOException {
		final int status = run(args, System.getenv("SOURCE_DATE_EPOCH"), System.out, System.err);
		if (status != 0) System.exit(status);
	}

	/**
	 * The command line without {@code System.exit}: writes the site, prints what it wrote and
	 * left out to {@code out}, and returns 0; usage errors go to {@code err} and return 2.
	 *
	 * @param sourceDateEpoch seconds since 1970 used when {@code --timestamp} is absent, or null
	 */
	static int run(final String[] args, final String sourceDateEpoch, final PrintStream out,
		final PrintStream err) throws IOException
	{
		final Result r;
		try {
			final Map<String, String> a = new HashMap<>();
			for (int i = 0; i < args.length; i++) {
				if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException(
					"unexpected argument '" + args[i] + "'");
				if (!OPTIONS.contains(args[i].substring(2))) throw new IllegalArgumentException(
					"unknown option " + args[i]);
				a.put(args[i].substring(2), args[++i]);
			}
			if (!a.containsKey("jar") || !a.containsKey("out")) throw new IllegalArgumentException(
				"--jar and --out are required");
			if (!a.containsKey("timestamp") && sourceDateEpoch == null)
				throw new IllegalArgumentException("timestamp: pass --timestamp yyyyMMddHHmmss or " +
					"set SOURCE_DATE_EPOCH");
			final long ts = a.containsKey("timestamp") ? Long.parseLong(a.get("timestamp"))
				: timestampOf(Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.trim())));
			r = generate(new Config(Paths.get(a.get("jar")), path(a.get("deps-dir")), path(a.get(
				"macros")), Paths.get(a.get("out")), ts));
		}
		catch (final IllegalArgumentException e) {
			err.println("UpdateSiteGenerator: " + e.getMessage());
			err.println("usage: --jar PLUGIN.jar --out FOLDER [--deps-dir FOLDER] " +
				"[--macros FOLDER] [--timestamp yyyyMMddHHmmss]");
			return 2;
		}
		out.println("Update site written to " + r.database().getParent());
		for (final SiteFile f : r.files())
			out.printf("  %-52s %10d bytes  sha1 %s%n", f.storedAs(), f.size(), f.checksum());
		out.printf("  %-52s %10d bytes%n", DB, Files.size(r.database()));
		for (final ShipPolicy.Decision d : r.excluded())
			out.println("  not shipped: " + d.fileName() + " (" + d.reason() + ")");
		return 0;
	}

	private static Path path(final String s) {
		return s == null ? null : Paths.get(s);
	}
}
