package org.transvw.discovery.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.transvw.common.AtomicFiles;
import org.transvw.common.Checks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Writes a visual-word dataset shard by shard, crash-safe and resumable (format: see the package
 * documentation).
 * <p>
 * A shard is the unit of commit (self-discovery writes one shard per visual word). Records added
 * after the last {@link #commitShard(Map)} live in hidden {@code *.tmp} files
 * ({@link AtomicFiles#create}); a crash or {@link #close()}
 * before the commit discards them, and {@link #open(Path, DatasetHeader)} on the same folder with
 * the same header continues after the last committed shard. Opening with a different header fails
 * naming the first differing field, so a resumed run can never mix two configurations.
 * <p>
 * Not thread-safe. Memory: one record buffer, independent of the dataset size.
 *
 * <pre>{@code
 * try (VisualWordDatasetWriter w = VisualWordDatasetWriter.open(dir, header)) {
 * 	for (int c = w.committedShards(); c < header.numClasses(); c++) {
 * 		for (...) w.add(record, cube);
 * 		w.commitShard(Map.of("reference", ref));
 * 	}
 * 	w.finish();
 * }
 * }</pre>
 */
public final class VisualWordDatasetWriter implements AutoCloseable {

	/** The files a dataset folder holds (for the output-folder guard; {@code *} = prefix). */
	public static final List<String> FILES = List.of(Manifest.FILE, "shard-*");
	/**
	 * A shard's data and index files, and the temporaries of this writer's atomic writes of those
	 * and of the manifest (named by {@link AtomicFiles}, e.g.
	 * {@code .shard-00001.train.f32.4711-0.tmp}).
	 */
	private static final java.util.regex.Pattern SHARD_FILE = java.util.regex.Pattern.compile(
		"shard-\\d{5}\\.(index\\.csv|[a-z]+\\.f32)|\\.?(shard-\\d{5}\\.(index\\.csv|[a-z]+\\.f32)|" +
			"manifest\\.json)([._-]?[A-Za-z0-9-]+)?\\.tmp");

	private final Path dir;
	private final DatasetHeader header;
	private final List<Manifest.Shard> shards;
	private boolean complete;
	private final ByteBuffer buffer;
	private final int[] dims;
	/** Open shard: temporary data files and index lines, or null when none is open. */
	private EnumMap<Split, FileChannel> channels;
	private final EnumMap<Split, AtomicFiles.Pending> pendingFiles = new EnumMap<>(Split.class);
	private final EnumMap<Split, List<String>> lines = new EnumMap<>(Split.class);

	private VisualWordDatasetWriter(final Path dir, final DatasetHeader header,
		final List<Manifest.Shard> shards, final boolean complete)
	{
		this.dir = dir;
		this.header = header;
		this.shards = new ArrayList<>(shards);
		this.complete = complete;
		this.dims = header.cubeSize();
		Checks.require(header.recordBytes() <= Integer.MAX_VALUE, "cubeSize",
			"fewer than 2^29 voxels per record");
		this.buffer = ByteBuffer.allocateDirect((int) header.recordBytes()).order(
			ByteOrder.LITTLE_ENDIAN);
	}

	/**
	 * Creates a dataset in {@code dir} (created if needed; it must not hold other files than a
	 * previous run of the same dataset), or resumes the one there.
	 *
	 * @throws IllegalArgumentException if {@code dir} holds a dataset with a different header
	 */
	public static VisualWordDatasetWriter open(final Path dir, final DatasetHeader header)
		throws IOException
	{
		return open(dir, header, false);
	}

	/**
	 * {@link #open(Path, DatasetHeader)}, or with {@code replace} a new dataset in place of one of
	 * other settings found there (its shard files and manifest, this writer's file names only, are
	 * replaced; other files stay).
	 */
	public static VisualWordDatasetWriter open(final Path dir, final DatasetHeader header,
		final boolean replace) throws IOException
	{
		Checks.notNull(header, "header");
		Files.createDirectories(dir);
		if (Files.exists(dir.resolve(Manifest.FILE))) {
			final Manifest m = Manifest.read(dir);
			if (!Manifest.sameHeader(m.header, header) && !replace) throw new IllegalArgumentException(
				"output: " + dir + " holds a dataset generated with other settings (field '" +
					Manifest.firstDifference(m.header, header) +
					"' differs); choose an empty folder, the same settings to resume, or start fresh");
			if (Manifest.sameHeader(m.header, header)) {
				final VisualWordDatasetWriter w = new VisualWordDatasetWriter(dir, header, m.shards,
					m.complete);
				w.removeLeftovers();
				return w;
			}
		}
		final VisualWordDatasetWriter w = new VisualWordDatasetWriter(dir, header, List.of(),
			false);
		w.removeLeftovers();
		new Manifest(header, List.of(), false).write(dir);
		return w;
	}

	public DatasetHeader header() {
		return header;
	}

	/** Shards committed so far (by this or by an earlier, interrupted run). */
	public int committedShards() {
		return shards.size();
	}

	/** The metadata committed with shard {@code i}. */
	public Map<String, Object> shardMeta(final int i) {
		return shards.get(i).meta();
	}

	/** True once {@link #finish()} has run (now or in an earlier run). */
	public boolean isComplete() {
		return complete;
	}

	/**
	 * Appends one record to the open shard (opening one if needed).
	 *
	 * @param cube an image of exactly {@code header.cubeSize()}; values are stored as float32
	 */
	public void add(final InstanceRecord record,
		final RandomAccessibleInterval<? extends RealType<?>> cube)
		throws IOException
	{
		Checks.require(!complete, "dataset", "an unfinished dataset to add records to");
		Checks.require(Arrays.equals(cube.dimensionsAsLongArray(), toLong(dims)), "cube",
			"size " + Arrays.toString(dims) + ", got " + Arrays.toString(cube
				.dimensionsAsLongArray()));
		Checks.require(record.label() < header.numClasses(), "label", "a class below " + header
			.numClasses() + ", got " + record.label());
		Checks.require(record.patient() < header.patients().size(), "patient",
			"an index below " + header.patients().size() + ", got " + record.patient());
		if (channels == null) openShard();
		buffer.clear();
		CubeLayout.write(cube, buffer.asFloatBuffer());
		buffer.limit(buffer.capacity());
		final FileChannel ch = channels.get(record.split());
		while (buffer.hasRemaining())
			ch.write(buffer);
		lines.get(record.split()).add(record.toCsv());
	}

	/** Records added to the open shard so far, per split. */
	public int pending(final Split split) {
		return channels == null ? 0 : lines.get(split).size();
	}

	/**
	 * Makes the open shard durable: syncs and renames its files, then rewrites the manifest.
	 *
	 * @param meta JSON-compatible metadata stored with the shard (may be empty)
	 */
	public void commitShard(final Map<String, Object> meta) throws IOException {
		if (channels == null) openShard();
		final int index = shards.size();
		for (final Split s : Split.values()) {
			channels.get(s).close();
			pendingFiles.remove(s).commit();
		}
		final StringBuilder sb = new StringBuilder("split,label,patient,x,y,z,scale,resolution\n");
		for (final Split s : Split.values())
			for (final String l : lines.get(s))
				sb.append(l).append('\n');
		AtomicFiles.writeString(Manifest.indexFile(dir, index), sb.toString());
		shards.add(new Manifest.Shard(lines.get(Split.TRAIN).size(), lines.get(Split.VALIDATION)
			.size(), meta == null ? Map.of() : meta));
		channels = null;
		new Manifest(header, shards, false).write(dir);
	}

	/** Marks the dataset complete; an open shard must have been committed first. */
	public void finish() throws IOException {
		Checks.require(channels == null, "dataset", "every shard committed before finish()");
		if (complete) return;
		complete = true;
		new Manifest(header, shards, true).write(dir);
	}

	/** Discards an uncommitted shard; committed shards stay. */
	@Override
	public void close() throws IOException {
		if (channels == null) return;
		for (final Split s : Split.values()) {
			channels.get(s).close();
			pendingFiles.remove(s).close();
		}
		channels = null;
	}

	private void openShard() throws IOException {
		final int index = shards.size();
		channels = new EnumMap<>(Split.class);
		for (final Split s : Split.values()) {
			final AtomicFiles.Pending p = AtomicFiles.create(Manifest.dataFile(dir, index, s));
			pendingFiles.put(s, p);
			channels.put(s, FileChannel.open(p.temporary(), StandardOpenOption.WRITE));
			lines.put(s, new ArrayList<>());
		}
	}

	/** Deletes temporary files and shard files the manifest does not list. */
	private void removeLeftovers() throws IOException {
		final Set<String> keep = new HashSet<>();
		keep.add(Manifest.FILE);
		for (int i = 0; i < shards.size(); i++) {
			for (final Split s : Split.values())
				keep.add(Manifest.dataFile(dir, i, s).getFileName().toString());
			keep.add(Manifest.indexFile(dir, i).getFileName().toString());
		}
		final List<Path> stale = new ArrayList<>();
		try (Stream<Path> files = Files.list(dir)) {
			files.forEach(p -> {
				final String n = p.getFileName().toString();
				// NB: only this writer's own file names; anything else in the folder stays
				if (!keep.contains(n) && SHARD_FILE.matcher(n).matches()) stale.add(p);
			});
		}
		for (final Path p : stale)
			Files.delete(p);
		for (final String k : keep)
			if (!k.equals(Manifest.FILE) && !Files.exists(dir.resolve(k))) throw new IOException(dir
				.resolve(k) +
				": listed in the manifest but missing; the dataset folder was modified");
	}

	private static long[] toLong(final int[] a) {
		return Arrays.stream(a).asLongStream().toArray();
	}
}
