package org.transvw.network.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.transvw.network.weights.PickleReader.StorageRef;
import org.transvw.network.weights.PickleReader.TensorRef;

/**
 * Reads a {@code torch.save} file without Python and without running it: the zip format
 * ({@code <archive>/data.pkl} + {@code <archive>/data/<key>} storages, torch >= 1.6) and the
 * legacy format (magic / protocol / system-info pickles, the object pickle, the storage-key
 * pickle, then each storage as int64 element count + raw bytes). Pickles go through
 * {@link PickleReader}. method.md §7.
 *
 * @param objects the unpickled top-level object with every tensor materialised as a
 *          {@link WeightTensor} (dicts keep their order)
 * @param format "torch-zip" or "torch-legacy"
 */
public record TorchCheckpoint(Object objects, String format) {

	private static final long LEGACY_MAGIC_HI = 0x1950L;
	private static final long LEGACY_MAGIC_LO = 0xa86a20f9469cfc6cL;

	/** Reads {@code file} with every tensor's values; errors name the file and the tensor. */
	public static TorchCheckpoint read(final Path file) throws IOException {
		return read(file, path -> true);
	}

	/**
	 * Reads {@code file}; the values of a tensor are read only when {@code wanted} accepts its
	 * dotted path (e.g. {@code state_dict.down_tr64.ops.0.conv1.weight}); the others keep dtype and
	 * shape without values (e.g. an optimiser's state, never needed for transfer).
	 */
	public static TorchCheckpoint read(final Path file, final Predicate<String> wanted)
		throws IOException
	{
		final byte[] head = new byte[4];
		try (InputStream in = java.nio.file.Files.newInputStream(file)) {
			if (in.readNBytes(head, 0, 4) < 4) throw new IOException(file +
				": too short for a torch.save file");
		}
		if (head[0] == 'P' && head[1] == 'K') return readZip(file, wanted);
		if ((head[0] & 0xff) == 0x80) return readLegacy(file, wanted);
		throw new IOException(file + ": not a torch.save file (neither zip nor legacy pickle)");
	}

	private static TorchCheckpoint readZip(final Path file, final Predicate<String> wanted)
		throws IOException
	{
		final ZipFile zip;
		try {
			zip = new ZipFile(file.toFile());
		}
		catch (final ZipException ex) {
			throw new IOException(file + ": not a complete torch.save zip archive (truncated?): " + ex
				.getMessage(), ex);
		}
		try (zip) {
			ZipEntry pkl = null;
			for (final Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
				final ZipEntry z = e.nextElement();
				if (z.getName().endsWith("data.pkl") && (pkl == null || z.getName().length() < pkl
					.getName().length())) pkl = z;
			}
			if (pkl == null) throw new IOException(file + ": no data.pkl in the archive");
			final String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl"
				.length());
			final ZipEntry order = zip.getEntry(prefix + "byteorder");
			final ByteOrder bo = order != null && new String(read(zip, order, file)).trim().equals(
				"big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			final Object root = PickleReader.read(ByteBuffer.wrap(read(zip, pkl, file)), file + "!" +
				pkl.getName());
			final Map<String, ByteBuffer> cache = new HashMap<>();
			final StorageSource storages = key -> {
				final ByteBuffer b = cache.get(key);
				if (b != null) return b;
				final ZipEntry z = zip.getEntry(prefix + "data/" + key);
				if (z == null) throw new IOException(file + ": storage " + key +
					" is missing from the archive");
				final ByteBuffer r = ByteBuffer.wrap(read(zip, z, file)).order(bo);
				cache.put(key, r);
				return r;
			};
			return new TorchCheckpoint(new Materialiser(storages, file, wanted).of(root, ""),
				"torch-zip");
		}
	}

	private static byte[] read(final ZipFile zip, final ZipEntry e, final Path file)
		throws IOException
	{
		try (InputStream in = zip.getInputStream(e)) {
			return in.readAllBytes();
		}
		catch (final ZipException ex) {
			throw new IOException(file + ": entry " + e.getName() + " is damaged: " + ex.getMessage(),
				ex);
		}
	}

	private static TorchCheckpoint readLegacy(final Path file, final Predicate<String> wanted)
		throws IOException
	{
		final ByteBuffer buf;
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
		}
		final Object magic = PickleReader.read(buf, file + " (magic number)");
		if (!(magic instanceof java.math.BigInteger m) || m.shiftRight(64).longValue() !=
			LEGACY_MAGIC_HI || m.longValue() != LEGACY_MAGIC_LO) throw new IOException(file +
				": not a torch.save file (wrong magic number " + magic + ")");
		PickleReader.read(buf, file + " (protocol version)");
		final Object sys = PickleReader.read(buf, file + " (system info)");
		if (sys instanceof Map<?, ?> s && Boolean.FALSE.equals(s.get("little_endian")))
			throw new IOException(file + ": big-endian legacy files are not supported");
		final Object root = PickleReader.read(buf, file.toString());
		final Object keys = PickleReader.read(buf, file + " (storage keys)");
		if (!(keys instanceof List<?> list)) throw new IOException(file +
			": malformed storage key list");
		// storages follow in key order: int64 element count, then the raw elements
		final Map<String, Long> starts = new LinkedHashMap<>();
		for (final Object k : list) {
			if (buf.remaining() < 8) throw new IOException(file + ": storage " + k +
				" is missing (truncated file?)");
			final long numel = buf.getLong();
			starts.put(String.valueOf(k), (long) buf.position());
			final int es = elementSizeOf(root, String.valueOf(k));
			if (numel < 0 || numel > buf.remaining() / es) throw new IOException(file + ": storage " +
				k + " needs " + numel + " x " + es + " bytes, " + buf.remaining() +
				" left (truncated file?)");
			final long bytes = numel * es;
			buf.position((int) (buf.position() + bytes));
		}
		final StorageSource storages = key -> {
			final Long start = starts.get(key);
			if (start == null) throw new IOException(file + ": storage " + key + " is not stored");
			return buf.duplicate().position(start.intValue()).slice().order(ByteOrder.LITTLE_ENDIAN);
		};
		return new TorchCheckpoint(new Materialiser(storages, file, wanted).of(root, ""),
			"torch-legacy");
	}

	/** Element size of the storage {@code key} as referenced somewhere in {@code root}. */
	private static int elementSizeOf(final Object root, final String key) throws IOException {
		final String[] dtype = new String[1];
		visit(root, t -> {
			if (t.storage().key().equals(key)) dtype[0] = t.storage().dtype();
		});
		if (dtype[0] == null) throw new IOException("storage " + key + " is never used");
		return elementSize(dtype[0]);
	}

	/** NB: recursion is safe, {@link PickleGraph} has proven the graph a tree of bounded depth. */
	private static void visit(final Object o, final java.util.function.Consumer<TensorRef> f)
		throws IOException
	{
		if (o instanceof TensorRef t) f.accept(t);
		else if (o instanceof Map<?, ?> m) for (final Object v : m.values())
			visit(v, f);
		else if (o instanceof List<?> l) for (final Object v : l)
			visit(v, f);
	}

	@FunctionalInterface
	private interface StorageSource {

		ByteBuffer get(String key) throws IOException;
	}

	/** Replaces every {@link TensorRef} by a {@link WeightTensor}, reading wanted values only. */
	private record Materialiser(StorageSource storages, Path file, Predicate<String> wanted) {

		Object of(final Object o, final String path) throws IOException {
			if (o instanceof TensorRef t) return tensor(t, path, wanted.test(path) ? storages : null,
				file);
			if (o instanceof Map<?, ?> m) {
				final Map<Object, Object> r = new LinkedHashMap<>();
				for (final Map.Entry<?, ?> e : m.entrySet())
					r.put(e.getKey(), of(e.getValue(), path.isEmpty() ? String.valueOf(e.getKey()) : path +
						"." + e.getKey()));
				return r;
			}
			if (o instanceof List<?> l) {
				final List<Object> r = new java.util.ArrayList<>();
				for (int i = 0; i < l.size(); i++)
					r.add(of(l.get(i), path + "[" + i + "]"));
				return r;
			}
			return o;
		}
	}

	/** The tensor {@code t}; its values are read only with {@code storages} (else shape only). */
	private static WeightTensor tensor(final TensorRef t, final String name,
		final StorageSource storages, final Path file) throws IOException
	{
		final StorageRef s = t.storage();
		if (s.dtype() == null) throw new IOException(file + ": tensor " + name +
			" has an unknown storage type");
		final long[] size = t.size();
		if (size.length != t.stride().length) throw new IOException(file + ": tensor " + name +
			" has " + size.length + " sizes but " + t.stride().length + " strides");
		long count = 1;
		long last = t.offset();
		try {
			for (int d = 0; d < size.length; d++) {
				if (size[d] < 0) throw new IOException(file + ": tensor " + name + " has a negative " +
					"size " + java.util.Arrays.toString(size));
				count = Math.multiplyExact(count, size[d]);
				last = Math.addExact(last, Math.multiplyExact(Math.max(0, size[d] - 1), t.stride()[d]));
			}
		}
		catch (final ArithmeticException ex) {
			throw new IOException(file + ": tensor " + name + " declares an impossible shape " + java
				.util.Arrays.toString(size), ex);
		}
		if (count > 0 && (last >= s.numel() || t.offset() < 0)) throw new IOException(file +
			": tensor " + name + " reaches element " + last + " of a storage with " + s.numel());
		if (storages == null || !s.dtype().startsWith("float3") && !s.dtype().equals("float64"))
			return new WeightTensor(s.dtype(), size, null);
		if (count > Integer.MAX_VALUE - 8) throw new IOException(file + ": tensor " + name +
			" has " + count + " elements, more than one Java array holds");
		final int es = elementSize(s.dtype());
		final ByteBuffer b = storages.get(s.key());
		if ((long) b.limit() < s.numel() * es) throw new IOException(file + ": tensor " + name +
			": storage " + s.key() + " holds " + b.limit() + " bytes, needs " + s.numel() * es +
			" (truncated file?)");
		final float[] v = new float[Math.toIntExact(count)];
		final long[] idx = new long[size.length];
		for (int i = 0; i < v.length; i++) {
			long e = t.offset();
			for (int d = 0; d < size.length; d++)
				e += idx[d] * t.stride()[d];
			v[i] = es == 4 ? b.getFloat((int) (e * 4)) : (float) b.getDouble((int) (e * 8));
			for (int d = size.length - 1; d >= 0; d--) {
				if (++idx[d] < size[d]) break;
				idx[d] = 0;
			}
		}
		return new WeightTensor("float32", size, v);
	}

	private static int elementSize(final String dtype) {
		return switch (dtype) {
			case "float64", "int64" -> 8;
			case "float32", "int32" -> 4;
			case "float16", "bfloat16", "int16" -> 2;
			default -> 1;
		};
	}
}
