package org.transvw.discovery.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.transvw.common.Checks;
import org.transvw.data.InputConvention;
import org.transvw.data.IntensityRecipe;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Reads a complete visual-word dataset (format: see the package documentation) with random
 * access and flat memory: record data stay in memory-mapped shard files (the operating system's
 * page cache, not the Java heap); only the small index is held in memory.
 * <p>
 * Thread-safe for concurrent reads: data loaders may read records from several threads.
 * Mappings are released by the garbage collector after {@link #close()} (Java cannot unmap
 * explicitly); on Windows the shard files stay locked until then.
 *
 * <pre>{@code
 * try (VisualWordDataset ds = VisualWordDataset.open(dir)) {
 * 	for (int i = 0; i < ds.size(Split.TRAIN); i++) {
 * 		RandomAccessibleInterval<FloatType> cube = ds.cube(Split.TRAIN, i);
 * 		int c = ds.record(Split.TRAIN, i).label();
 * 	}
 * }
 * }</pre>
 */
public final class VisualWordDataset implements AutoCloseable {

	/** Largest mapping, in bytes; a shard larger than this is mapped in several windows. */
	private static final long MAX_MAP_BYTES = 1L << 30;

	private final Path dir;
	private final Manifest manifest;
	private final int[] cubeSize;
	private final int recordLength;
	private final int recordsPerWindow;
	private final EnumMap<Split, InstanceRecord[]> records = new EnumMap<>(Split.class);
	/** Per split: first global index of each shard, plus the total at the end. */
	private final EnumMap<Split, int[]> starts = new EnumMap<>(Split.class);
	/** Per split, shard, window: the mapped data, created on first use. */
	private final EnumMap<Split, FloatBuffer[][]> windows = new EnumMap<>(Split.class);
	private volatile boolean closed;

	private VisualWordDataset(final Path dir, final Manifest manifest) throws IOException {
		this.dir = dir;
		this.manifest = manifest;
		this.cubeSize = manifest.header.cubeSize();
		Checks.require(manifest.header.recordLength() <= Integer.MAX_VALUE / 4, "cubeSize",
			"fewer than 2^29 voxels per record");
		this.recordLength = (int) manifest.header.recordLength();
		this.recordsPerWindow = (int) Math.max(1, MAX_MAP_BYTES / (4L * recordLength));
		final int n = manifest.shards.size();
		for (final Split s : Split.values()) {
			final int[] st = new int[n + 1];
			for (int i = 0; i < n; i++)
				st[i + 1] = Math.addExact(st[i], manifest.shards.get(i).count(s));
			starts.put(s, st);
			records.put(s, new InstanceRecord[st[n]]);
			windows.put(s, new FloatBuffer[n][]);
		}
		for (int i = 0; i < n; i++)
			readIndex(i);
	}

	/**
	 * Opens the dataset in {@code dir}.
	 *
	 * @throws IllegalArgumentException if {@code dir} holds no dataset or an unfinished one
	 */
	public static VisualWordDataset open(final Path dir) throws IOException {
		final Manifest m = Manifest.read(dir);
		Checks.require(m.complete, "dataset", "a complete dataset, but " + dir +
			" is unfinished (self-discovery was interrupted; run it again to resume)");
		return new VisualWordDataset(dir, m);
	}

	public Path folder() {
		return dir;
	}

	/** Everything the dataset was generated with. */
	public DatasetHeader header() {
		return manifest.header;
	}

	public int size(final Split split) {
		return records.get(split).length;
	}

	/** The size of every cube: (x, y, z), or (x, y) for 2D datasets. */
	public int[] cubeSize() {
		return cubeSize.clone();
	}

	/** C, the number of visual-word classes. */
	public int numClasses() {
		return manifest.header.numClasses();
	}

	/** K, training patients per visual word. */
	public int k() {
		return manifest.header.k();
	}

	/** The normalisation applied to the scans before cropping; apply the same at inference. */
	public IntensityRecipe normalization() {
		return manifest.header.normalization();
	}

	/** Modality, normalisation, spacing and orientation of the scans the cubes were cut from. */
	public InputConvention input() {
		return manifest.header.input();
	}

	/** The name of patient {@code index} as referenced by {@link InstanceRecord#patient()}. */
	public String patient(final int index) {
		return manifest.header.patients().get(index);
	}

	/** Number of shards (one per visual word when written by self-discovery). */
	public int numShards() {
		return manifest.shards.size();
	}

	/** The metadata stored with shard {@code i} (self-discovery: reference, coordinate, ...). */
	public Map<String, Object> shardMeta(final int i) {
		return manifest.shards.get(i).meta();
	}

	public InstanceRecord record(final Split split, final int index) {
		return records.get(split)[Checks.inRange(index, 0, size(split) - 1, "index")];
	}

	/**
	 * Record {@code index} as a float image of {@link #cubeSize()}: a copy of the record in its
	 * stored (tensor) order, seen as (x, y[, z]) without reordering, so that it reaches a tensor
	 * by a plain memory copy ({@code Tensors.view}).
	 */
	public RandomAccessibleInterval<FloatType> cube(final Split split, final int index) {
		final float[] values = new float[recordLength];
		read(split, index, values, 0);
		return CubeLayout.view(values, cubeSize);
	}

	/**
	 * Copies record {@code index} in tensor order (last axis fastest) into {@code dst} at
	 * {@code offset}: the layout {@code Tensors.fromBuffer} and {@code NDManager.create} expect.
	 */
	public void read(final Split split, final int index, final float[] dst, final int offset) {
		final FloatBuffer fb = locate(split, index);
		fb.duplicate().get(fb.position(), dst, offset, recordLength);
	}

	/** The window holding the record, positioned at its first value (a private duplicate). */
	private FloatBuffer locate(final Split split, final int index) {
		Checks.require(!closed, "dataset", "an open dataset, this one is closed");
		Checks.inRange(index, 0, size(split) - 1, "index");
		final int[] st = starts.get(split);
		int shard = Arrays.binarySearch(st, index);
		if (shard < 0) shard = -shard - 2;
		while (shard + 1 < st.length && st[shard + 1] <= index)
			shard++;
		final int local = index - st[shard];
		final FloatBuffer w = window(split, shard, local / recordsPerWindow).duplicate();
		w.position((local % recordsPerWindow) * recordLength);
		return w;
	}

	private synchronized FloatBuffer window(final Split split, final int shard, final int w) {
		FloatBuffer[] ws = windows.get(split)[shard];
		if (ws == null) {
			final int count = manifest.shards.get(shard).count(split);
			ws = new FloatBuffer[(count + recordsPerWindow - 1) / recordsPerWindow];
			windows.get(split)[shard] = ws;
		}
		if (ws[w] == null) {
			final Path f = Manifest.dataFile(dir, shard, split);
			final int count = manifest.shards.get(shard).count(split);
			final long bytes = 4L * recordLength;
			final long from = (long) w * recordsPerWindow * bytes;
			final long len = Math.min(recordsPerWindow, count - (long) w * recordsPerWindow) * bytes;
			try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
				if (ch.size() < from + len) throw new IOException(f + ": expected at least " + (from +
					len) + " bytes, found " + ch.size() + " (truncated shard)");
				ws[w] = ch.map(FileChannel.MapMode.READ_ONLY, from, len).order(
					ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return ws[w];
	}

	private void readIndex(final int shard) throws IOException {
		final Path f = Manifest.indexFile(dir, shard);
		final List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
		final Manifest.Shard s = manifest.shards.get(shard);
		Checks.require(lines.size() == 1 + s.train() + s.validation(), f.toString(), (1 + s
			.train() + s.validation()) + " lines as the manifest says, got " + lines.size());
		final EnumMap<Split, Integer> next = new EnumMap<>(Split.class);
		for (final Split sp : Split.values())
			next.put(sp, starts.get(sp)[shard]);
		final List<InstanceRecord> all = new ArrayList<>(lines.size() - 1);
		for (int i = 1; i < lines.size(); i++)
			all.add(InstanceRecord.fromCsv(lines.get(i), f + " line " + (i + 1)));
		for (final InstanceRecord r : all) {
			final int at = next.get(r.split());
			Checks.require(at < starts.get(r.split())[shard + 1], f.toString(),
				"as many " + r.split().tag() + " records as the manifest says");
			records.get(r.split())[at] = r;
			next.put(r.split(), at + 1);
		}
	}

	@Override
	public void close() {
		closed = true;
		synchronized (this) {
			for (final FloatBuffer[][] perSplit : windows.values())
				Arrays.fill(perSplit, null);
		}
	}
}
